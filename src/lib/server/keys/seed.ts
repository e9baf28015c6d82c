import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { seededStaffId } from '../seed/staff';
import { keys, owners, unitOwners } from '../db/schema';
import { communityToday, getCommunity } from '../community';
import { addDays, localToEpochMs } from '../../dates';
import type { LoanPurpose } from '../../domain/keys';
import {
	changeDisposition,
	createKey,
	lendKey,
	returnKey,
	type Actor,
	type LendInput
} from './commands';
import { findUnitByCode, unitHolders } from './queries';

const H = 3600_000;
const MIN = 60_000;

/** Owners' spare keys (no building 7: the e2e tests of this area use it). */
export const DEMO_UNIT_KEYS = [
	'1-1-302',
	'1-2-801',
	'1-2-1002',
	'2-1-502',
	'2-2-201',
	'2-2-702',
	'3-1-602',
	'3-1-901',
	'3-2-402',
	'4-1-101',
	'4-1-1001',
	'4-2-602',
	'5-1-301',
	'5-2-801',
	'6-1-502',
	'6-1-702',
	'6-2-1001',
	'8-1-201'
];
const COMMON_KEYS = [
	'1栋天台',
	'2栋天台',
	'5栋天台',
	'配电房',
	'水泵房',
	'会所',
	'消防控制室备用',
	'垃圾房',
	'地下车库设备间',
	'1栋电梯机房',
	'信报箱总钥匙',
	'物业仓库'
];

/**
 * Demo key register (~30 keys) with a week of lending: a few returned loans, one key out now,
 * one overdue since yesterday, one lost and one handed back to its owner. Written through the
 * same commands the counter uses, at past clock times. Idempotent: does nothing once the
 * community has keys.
 */
export function seedKeys(db: Db, ctx: { communityId: number; today: Date }) {
	const { communityId } = ctx;
	if (db.select({ id: keys.id }).from(keys).where(eq(keys.communityId, communityId)).get()) return;
	const staff = (username: string) => seededStaffId(db, communityId, username);
	const clerkId = staff('clerk');
	const clerk2Id = staff('clerk2') ?? clerkId;
	if (!clerkId || !clerk2Id) return;
	const clerk: Actor = { id: clerkId, communityId, role: 'clerk' };
	const now = ctx.today.getTime();
	const community = getCommunity(db, communityId);
	const today = communityToday(community, ctx.today);
	// Past loans at office hours, N days ago.
	const daysAgo = (n: number, time: string) =>
		localToEpochMs(addDays(today, -n), time, community.timeZone);
	const registeredAt = daysAgo(60, '10:00');
	const consentDate = addDays(today, -61);

	const byTag = new Map<string, number>();
	let n = 0;
	for (const code of DEMO_UNIT_KEYS) {
		n++;
		const r = createKey(
			db,
			clerk,
			{
				tagNo: `K-${String(n).padStart(3, '0')}`,
				kind: 'unit',
				unitCode: code,
				description: '入户门',
				slot: `A-${String(n).padStart(2, '0')}`,
				depositConsentDate: consentDate,
				depositConsentMethod: n % 3 === 0 ? 'phone' : 'written',
				note: ''
			},
			registeredAt
		);
		if (r.ok) byTag.set(code, r.id);
	}
	COMMON_KEYS.forEach((area, i) => {
		n++;
		const r = createKey(
			db,
			clerk,
			{
				tagNo: `K-${String(n).padStart(3, '0')}`,
				kind: 'common',
				unitCode: '',
				description: area,
				slot: `B-${String(i + 1).padStart(2, '0')}`,
				depositConsentDate: null,
				depositConsentMethod: null,
				note: ''
			},
			registeredAt
		);
		if (r.ok) byTag.set(area, r.id);
	});

	// A person the owner of 3-1-602 authorised on file: may take the key without a call.
	const authorisedUnit = findUnitByCode(db, communityId, '3-1-602');
	const authorisedId = '330106198507150036';
	if (authorisedUnit) {
		const o = db
			.insert(owners)
			.values({
				communityId,
				name: '陈立新',
				phone: '13905710036',
				idType: 'id_card',
				idNumber: authorisedId,
				ownerType: 'individual',
				createdAt: registeredAt
			})
			.returning({ id: owners.id })
			.get();
		db.insert(unitOwners)
			.values({ unitId: authorisedUnit.id, ownerId: o.id, role: 'authorised' })
			.run();
	}

	let token = 0;
	const lend = (
		what: string,
		lentAt: number,
		hours: number,
		who: Partial<LendInput> & { purpose: LoanPurpose; borrowerName: string }
	) => {
		const keyId = byTag.get(what);
		if (!keyId) return null;
		const unit = DEMO_UNIT_KEYS.includes(what) ? findUnitByCode(db, communityId, what) : null;
		const ownerPhone = unit ? (unitHolders(db, unit.id)[0]?.phone ?? '') : '';
		const r = lendKey(
			db,
			clerk,
			keyId,
			{
				borrowerIdType: 'id_card',
				borrowerIdNumber: '',
				borrowerPhone: '',
				borrowerCompany: '',
				borrowerRelation: '',
				purposeNote: '',
				consent: unit
					? { phone: ownerPhone, atMs: lentAt - 5 * MIN, byStaffId: clerkId, answer: 'agreed' }
					: null,
				escortStaffId: null,
				collateral: null,
				expectedReturnAt: lentAt + hours * H,
				idempotencyKey: `seed-key-loan-${communityId}-${++token}`,
				...who
			},
			lentAt
		);
		return r.ok ? { keyId, lentAt } : null;
	};
	const giveBack = (
		loan: { keyId: number; lentAt: number } | null,
		afterMinutes: number,
		receivedBy = clerkId
	) => {
		if (!loan) return;
		const at = loan.lentAt + afterMinutes * MIN;
		returnKey(
			db,
			clerk,
			loan.keyId,
			{
				returnedAt: at,
				receivedBy,
				lost: false,
				slotConfirmed: true,
				collateralReturned: true,
				note: '',
				idempotencyKey: `seed-key-return-${communityId}-${++token}`
			},
			at
		);
	};

	giveBack(
		lend('2-1-502', daysAgo(6, '10:20'), 2, {
			purpose: 'viewing',
			borrowerName: '张明',
			borrowerIdNumber: '330102199003120417',
			borrowerPhone: '13757112233',
			borrowerCompany: '链家地产',
			borrowerRelation: '中介',
			escortStaffId: clerk2Id
		}),
		55,
		clerk2Id
	);
	giveBack(
		lend('配电房', daysAgo(5, '14:05'), 2, {
			purpose: 'repair',
			borrowerName: '刘建',
			borrowerIdNumber: '330104198811022215',
			borrowerPhone: '13857100981',
			borrowerCompany: '国网杭州供电公司',
			escortStaffId: clerkId
		}),
		80
	);
	giveBack(
		lend('3-1-602', daysAgo(4, '16:40'), 2, {
			purpose: 'other',
			purposeNote: '代业主取物品',
			borrowerName: '陈立新',
			borrowerIdNumber: authorisedId,
			borrowerPhone: '13905710036',
			borrowerRelation: '业主之兄(授权人)',
			collateral: { idType: 'id_card', idNumber: authorisedId }
		}),
		40
	);
	giveBack(
		lend('会所', daysAgo(3, '09:30'), 3, {
			purpose: 'other',
			purposeNote: '业主活动布置',
			borrowerName: '赵丽',
			borrowerIdNumber: '330105199207083326',
			borrowerPhone: '13600571234',
			borrowerCompany: '业主委员会',
			collateral: { idType: 'id_card', idNumber: '330105199207083326' }
		}),
		150
	);
	giveBack(
		lend('4-1-1001', daysAgo(2, '11:15'), 2, {
			purpose: 'renovation',
			borrowerName: '孙强',
			borrowerIdNumber: '330106198605051118',
			borrowerPhone: '13588776655',
			borrowerCompany: '美家装饰工程有限公司',
			borrowerRelation: '装修施工方',
			collateral: { idType: 'id_card', idNumber: '330106198605051118' }
		}),
		110
	);
	// Out now, and overdue since yesterday (both with an ID held).
	lend('1-2-801', now - 20 * MIN, 2, {
		purpose: 'viewing',
		borrowerName: '黄海',
		borrowerIdNumber: '330103199501017714',
		borrowerPhone: '13777001122',
		borrowerCompany: '我爱我家',
		borrowerRelation: '中介',
		collateral: { idType: 'id_card', idNumber: '330103199501017714' }
	});
	lend('5-1-301', daysAgo(1, '15:10'), 2, {
		purpose: 'repair',
		borrowerName: '吴刚',
		borrowerIdNumber: '330108197912125539',
		borrowerPhone: '13867005544',
		borrowerCompany: '顺达水电维修',
		borrowerRelation: '业主委托维修',
		collateral: { idType: 'id_card', idNumber: '330108197912125539' }
	});

	const lost = byTag.get('6-2-1001');
	if (lost)
		changeDisposition(
			db,
			clerk,
			lost,
			{
				target: 'lost',
				depositConsentDate: null,
				depositConsentMethod: null,
				note: '盘点时未找到'
			},
			daysAgo(10, '10:00')
		);
	const handedBack = byTag.get('8-1-201');
	if (handedBack)
		changeDisposition(
			db,
			clerk,
			handedBack,
			{
				target: 'returned_to_owner',
				depositConsentDate: null,
				depositConsentMethod: null,
				note: '业主入住,取回备用钥匙'
			},
			daysAgo(8, '15:00')
		);
}
