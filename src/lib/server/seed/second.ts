import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { communities, owners, staffMemberships, staffUsers, unitOwners, units } from '../db/schema';
import { seedWithShifts } from '../shifts/seed';
import { seedFees } from '../fees/seed';
import { seededAlready } from './once';
import { upsertSeedAccount } from './staff';

export const SECOND_COMMUNITY_CODE = 'HXY';

const OWNERS = ['陈志远', '林雅琴', '黄国平', '赵丽君', '吴海涛', '周婷婷', '郑建华', '孙晓燕'];

/**
 * The demo's second community (issue 22): two small buildings, their own clerk, a year of bills
 * and payments (seedFees), and a membership for clerk2, so head office has two centres to compare
 * and a clerk can switch. Seeded after the first community, which it leaves as it was.
 */
export async function seedSecondCommunity(
	db: Db,
	opts: { today: Date; hash: string; mustChangePassword?: boolean; now: number }
): Promise<void> {
	let community = db
		.select()
		.from(communities)
		.where(eq(communities.code, SECOND_COMMUNITY_CODE))
		.get();
	if (!community)
		community = db
			.insert(communities)
			.values({
				code: SECOND_COMMUNITY_CODE,
				name: '荷香苑',
				centreName: '荷香苑管理处客户服务中心',
				timeZone: 'Asia/Shanghai',
				settings: JSON.stringify({ kiosk: { phone: '0571-8888 7777' } }),
				createdAt: opts.now
			})
			.returning()
			.get();
	const communityId = community.id;
	upsertSeedAccount(
		db,
		{ username: 'hxclerk', displayName: '何雨桐', workNo: 'C101', role: 'clerk' },
		communityId,
		opts
	);
	const clerk2 = db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.where(eq(staffUsers.username, 'clerk2'))
		.get();
	const member =
		clerk2 &&
		db
			.select({ id: staffMemberships.id })
			.from(staffMemberships)
			.where(
				and(eq(staffMemberships.userId, clerk2.id), eq(staffMemberships.communityId, communityId))
			)
			.get();
	if (clerk2 && !member)
		db.insert(staffMemberships)
			.values({ userId: clerk2.id, communityId, role: 'clerk', createdAt: opts.now })
			.run();

	if (!seededAlready(db, units, communityId)) seedUnits(db, communityId, opts.now);
	const ctx = { communityId, today: opts.today };
	await seedWithShifts(db, ctx, () => seedFees(db, ctx));
}

function seedUnits(db: Db, communityId: number, now: number) {
	let n = 0;
	tx(db, () => {
		for (let b = 1; b <= 2; b++)
			for (let f = 1; f <= 3; f++)
				for (let r = 1; r <= 2; r++) {
					const room = `${f}${String(r).padStart(2, '0')}`;
					const unit = db
						.insert(units)
						.values({
							communityId,
							building: String(b),
							entrance: '1',
							room,
							code: `${b}-1-${room}`,
							areaCenti: r === 1 ? 9218 : 11736,
							occupancy: 'occupied',
							handoverNoticeDate: '2022-05-01',
							createdAt: now
						})
						.returning({ id: units.id })
						.get();
					const owner = db
						.insert(owners)
						.values({
							communityId,
							name: OWNERS[n % OWNERS.length],
							phone: `1390571${String(1000 + n).padStart(4, '0')}`,
							idNumber: `33010619800101${String(1000 + n).padStart(4, '0')}`,
							createdAt: now
						})
						.returning({ id: owners.id })
						.get();
					db.insert(unitOwners).values({ unitId: unit.id, ownerId: owner.id, role: 'owner' }).run();
					n++;
				}
	});
}
