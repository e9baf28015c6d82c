import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { communities, owners, unitOwners, units, type OwnerType } from '../db/schema';
import { hashPassword } from '../auth/password';
import { tx } from '../db';
import { seedHooks } from './hooks';
import { seededRandom as rng } from '../../random';
import { seedWithShifts } from '../shifts/seed';
import { SURNAMES } from './names';
import { seededAlready } from './once';
import { upsertSeedAccount, type SeedAccount } from './staff';
import { seedSecondCommunity } from './second';

export const DEMO_COMMUNITY_CODE = 'LMXG';

const GIVEN =
	'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华' +
	'志强晓东海燕春梅雪梅丽华文博子涵欣怡浩然雨桐梓轩思远嘉怡宇航俊杰慧敏';
const COMPANIES = ['鹿鸣科技有限公司', '溪谷贸易有限公司', '华越投资有限公司', '恒信咨询有限公司'];

export interface SeedOptions {
	password: string;
	today: Date;
	buildings?: number;
	floors?: number;
	/**
	 * Outside the demo (a real centre loading these accounts, `NODE_ENV=production … --force`):
	 * every seeded account must choose its own password at first sign-in, since the printed one
	 * was seen on a terminal.
	 */
	mustChangePassword?: boolean;
}

export async function seedDemo(db: Db, opts: SeedOptions) {
	const now = opts.today.getTime();
	let community = db
		.select()
		.from(communities)
		.where(eq(communities.code, DEMO_COMMUNITY_CODE))
		.get();
	if (!community) {
		community = db
			.insert(communities)
			.values({
				code: DEMO_COMMUNITY_CODE,
				name: '鹿鸣溪谷',
				centreName: '鹿鸣溪谷管理处客户服务中心',
				timeZone: 'Asia/Shanghai',
				settings: JSON.stringify({ kiosk: { phone: '0571-8888 6666' } }),
				createdAt: now
			})
			.returning()
			.get();
	}
	const communityId = community.id;

	if (!seededAlready(db, units, communityId))
		seedUnits(db, communityId, now, opts.buildings ?? 8, opts.floors ?? 10);

	const hash = await hashPassword(opts.password);
	const staff: SeedAccount[] = [
		{
			username: 'admin',
			displayName: '系统管理员',
			workNo: 'A001',
			role: 'admin',
			companyAdmin: true
		},
		{ username: 'manager', displayName: '周主管', workNo: 'M001', role: 'manager' },
		{ username: 'clerk', displayName: '李晓梅', workNo: 'C001', role: 'clerk' },
		{ username: 'clerk2', displayName: '王建国', workNo: 'C002', role: 'clerk' },
		// Head office (issue 22): reads every community, writes in none.
		{ username: 'hq', displayName: '集团总部', workNo: 'H001', role: 'head_office' }
	];
	let createdUsers = false;
	for (const s of staff)
		if (upsertSeedAccount(db, s, communityId, { ...opts, hash, now })) createdUsers = true;

	// Later capabilities (bills, payments, tickets…) add their demo data through these hooks.
	const ctx = { communityId, today: opts.today };
	await seedWithShifts(db, ctx, async () => {
		for (const hook of seedHooks) await hook(db, ctx);
	});

	// A second, small community so head office has two centres to compare.
	await seedSecondCommunity(db, { ...opts, hash, now });

	const unitCount = db.$client
		.prepare('SELECT count(*) AS n FROM units WHERE community_id = ?')
		.get(communityId) as { n: number };
	return { communityId, communityName: community.centreName, units: unitCount.n, createdUsers };
}

function seedUnits(db: Db, communityId: number, now: number, buildings: number, floors: number) {
	const rand = rng(20261123);
	const pick = <T>(arr: ArrayLike<T>) => arr[Math.floor(rand() * arr.length)];
	const name = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : '');
	const phone = () =>
		'13' + String(Math.floor(rand() * 10)) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
	const plans = [8956, 9821, 11240, 12668, 14320];
	tx(db, () => {
		for (let b = 1; b <= buildings; b++) {
			for (let e = 1; e <= 2; e++) {
				for (let f = 1; f <= floors; f++) {
					for (let r = 1; r <= 2; r++) {
						const room = `${f}${String(r).padStart(2, '0')}`;
						const code = `${b}-${e}-${room}`;
						// The last building was handed over late: most units still await their owners.
						const late = b === buildings && rand() < 0.7;
						const unit = db
							.insert(units)
							.values({
								communityId,
								building: String(b),
								entrance: String(e),
								room,
								code,
								areaCenti: plans[(b + r) % plans.length],
								occupancy: late
									? 'not_handed_over'
									: rand() < 0.06
										? 'vacant_after_move_in'
										: 'occupied',
								handoverNoticeDate: b === buildings ? '2025-06-15' : '2021-09-01',
								parkingSpaces: rand() < 0.35 ? 1 : 0,
								createdAt: now
							})
							.returning({ id: units.id })
							.get();
						const roll = rand();
						const ownerType: OwnerType =
							roll < 0.86
								? 'individual'
								: roll < 0.9
									? 'company'
									: roll < 0.94
										? 'hk_mo_tw'
										: roll < 0.97
											? 'foreign'
											: 'minor';
						const owner = db
							.insert(owners)
							.values({
								communityId,
								name: ownerType === 'company' ? pick(COMPANIES) : name(),
								phone: phone(),
								idType:
									ownerType === 'company'
										? 'business_licence'
										: ownerType === 'foreign'
											? 'passport'
											: ownerType === 'hk_mo_tw'
												? 'home_return_permit'
												: 'id_card',
								idNumber:
									ownerType === 'individual' || ownerType === 'minor'
										? `3301${String(Math.floor(rand() * 1e14)).padStart(14, '0')}`
										: `X${Math.floor(rand() * 1e8)}`,
								ownerType,
								createdAt: now
							})
							.returning({ id: owners.id })
							.get();
						db.insert(unitOwners)
							.values({ unitId: unit.id, ownerId: owner.id, role: 'owner' })
							.run();
					}
				}
			}
		}
	});
}
