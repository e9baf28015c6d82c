import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { forgetCommunity } from '../community';
import { ensureFeeItems, generateMonthlyBills, postFeePayment, unitAccount } from '../fees';
import {
	addRate,
	adminFeeItems,
	ChargeError,
	chargeOptions,
	createFeeItem,
	createPaidService,
	raiseCharge,
	reviewCharge,
	seedChargeData,
	updateFeeItem,
	updatePaidService,
	listPaidServices,
	type ChargeInput,
	type NewFeeItem
} from './index';

let db: Db;
let f: Fixture;
const at = (date: string) => Date.parse(`${date}T02:00:00Z`);

const code = codeOf(ChargeError);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc test queries
const rows = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as any[];
const admin = () => ({ id: f.adminId, communityId: f.communityId, role: 'admin' as const });

function item(over: Partial<NewFeeItem> = {}): NewFeeItem {
	return {
		nameZh: '电梯费',
		nameEn: 'Lift fee',
		basis: 'per_unit',
		vacancyApplies: false,
		lateFeeApplies: true,
		rateFen: 3000,
		fromMonth: '2026-11',
		appliesTo: 'all',
		buildings: [],
		unitCodes: [],
		...over
	};
}

function billsOf(itemCode: string, month: string) {
	return rows(
		`SELECT u.code, b.principal_fen AS fen, b.rate_fen AS rate FROM bills b JOIN units u ON u.id = b.unit_id
		JOIN fee_items i ON i.id = b.fee_item_id WHERE i.code = ? AND b.month = ? ORDER BY u.code`,
		itemCode,
		month
	);
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	ensureFeeItems(db, f.communityId);
});

describe('recurring fee items', () => {
	it('an item added per unit is billed by the monthly run, audited', () => {
		const { code: c } = createFeeItem(db, admin(), item(), '2026-11');
		generateMonthlyBills(db, f.communityId, '2026-11');
		// 1-1-201 is not handed over but has its notice (2024-06-01): billed too, no vacancy reduction.
		expect(billsOf(c, '2026-11')).toEqual([
			{ code: '1-1-101', fen: 3000, rate: 3000 },
			{ code: '1-1-102', fen: 3000, rate: 3000 },
			{ code: '1-1-201', fen: 3000, rate: 3000 }
		]);
		expect(
			rows(`SELECT action, actor_id AS actor FROM audit_log WHERE action = 'fee_items.create'`)
		).toEqual([{ action: 'fee_items.create', actor: f.adminId }]);
	});

	it('applies to selected units or buildings only; unknown units and buildings are refused', () => {
		const { code: c } = createFeeItem(
			db,
			admin(),
			item({ appliesTo: 'units', unitCodes: ['1-1-102'] }),
			'2026-11'
		);
		generateMonthlyBills(db, f.communityId, '2026-11');
		expect(billsOf(c, '2026-11').map((b) => b.code)).toEqual(['1-1-102']);
		expect(
			code(() =>
				createFeeItem(db, admin(), item({ appliesTo: 'units', unitCodes: ['9-9-909'] }), '2026-11')
			)
		).toBe('unknown_unit');
		expect(
			code(() =>
				createFeeItem(db, admin(), item({ appliesTo: 'buildings', buildings: ['7'] }), '2026-11')
			)
		).toBe('unknown_building');
		expect(code(() => createFeeItem(db, admin(), item({ rateFen: 0 }), '2026-11'))).toBe(
			'bad_amount'
		);
		expect(code(() => createFeeItem(db, admin(), item({ fromMonth: '2026-10' }), '2026-11'))).toBe(
			'past_month'
		);
		// Widening the scope bills the others from the next run on; the billed unit keeps its one bill.
		const id = adminFeeItems(db, f.communityId, '2026-11').find((i) => i.code === c)!.id;
		updateFeeItem(db, admin(), id, {
			nameZh: '电梯费',
			nameEn: 'Lift fee',
			vacancyApplies: false,
			lateFeeApplies: true,
			appliesTo: 'buildings',
			buildings: ['1'],
			unitCodes: []
		});
		generateMonthlyBills(db, f.communityId, '2026-11');
		expect(billsOf(c, '2026-11')).toHaveLength(3);
		expect(rows(`SELECT count(*) AS n FROM audit_log WHERE action = 'fee_items.update'`)[0].n).toBe(
			1
		);
	});

	it('per space: the spaces held on the first of the month, falling back to units.parking_spaces', () => {
		const { code: c } = createFeeItem(
			db,
			admin(),
			item({ nameZh: '地下车位服务费', basis: 'per_space', rateFen: 6000 }),
			'2026-11'
		);
		const space = (code: string) =>
			Number(
				db.$client
					.prepare(`INSERT INTO parking_spaces (community_id, code, created_at) VALUES (?, ?, 0)`)
					.run(f.communityId, code).lastInsertRowid
			);
		const hold = (spaceId: number, unitId: number, start: string, end: string | null = null) =>
			db.$client
				.prepare(
					`INSERT INTO parking_space_holdings (space_id, unit_id, start_date, end_date, created_at) VALUES (?, ?, ?, ?, 0)`
				)
				.run(spaceId, unitId, start, end);
		// 1-1-101: one space from before, a second from mid-November (billed from December).
		hold(space('B-001'), f.unitIds[0], '2025-03-01');
		hold(space('B-002'), f.unitIds[0], '2026-11-15');
		// 1-1-201: a space it gave up on 2026-11-10 (still billed for November, not December).
		hold(space('B-003'), f.unitIds[2], '2025-01-01', '2026-11-10');
		generateMonthlyBills(db, f.communityId, '2026-11');
		generateMonthlyBills(db, f.communityId, '2026-12');
		// 1-1-102 has no holdings on record: its parking_spaces count (1) is used.
		expect(billsOf(c, '2026-11')).toEqual([
			{ code: '1-1-101', fen: 6000, rate: 6000 },
			{ code: '1-1-102', fen: 6000, rate: 6000 },
			{ code: '1-1-201', fen: 6000, rate: 6000 }
		]);
		expect(billsOf(c, '2026-12')).toEqual([
			{ code: '1-1-101', fen: 12000, rate: 6000 },
			{ code: '1-1-102', fen: 6000, rate: 6000 }
		]);
	});

	it('a new rate never reprices a billed month', () => {
		const { id, code: c } = createFeeItem(db, admin(), item(), '2026-11');
		generateMonthlyBills(db, f.communityId, '2026-11');
		const before = billsOf(c, '2026-11');
		// From the billed month: refused, nothing written.
		expect(code(() => addRate(db, admin(), id, '2026-11', 3500, '2026-11'))).toBe('month_billed');
		expect(code(() => addRate(db, admin(), id, '2026-10', 3500, '2026-11'))).toBe('past_month');
		expect(rows('SELECT count(*) AS n FROM fee_rates WHERE fee_item_id = ?', id)[0].n).toBe(1);
		// From the next month: November stays, a re-run creates nothing, December takes the new rate.
		addRate(db, admin(), id, '2026-12', 3500, '2026-11');
		expect(generateMonthlyBills(db, f.communityId, '2026-11').created).toBe(0);
		expect(billsOf(c, '2026-11')).toEqual(before);
		generateMonthlyBills(db, f.communityId, '2026-12');
		expect(billsOf(c, '2026-12').map((b) => b.fen)).toEqual([3500, 3500, 3500]);
		expect(rows(`SELECT count(*) AS n FROM audit_log WHERE action = 'fees.rate'`)[0].n).toBe(1);
	});
});

describe('one-off charges', () => {
	let doorCard: number;
	const input = (over: Partial<ChargeInput> = {}): ChargeInput => ({
		communityId: f.communityId,
		unitId: f.unitIds[0],
		choice: { kind: 'item', feeItemId: doorCard },
		quantity: 1,
		unitPriceFen: 2000,
		note: '',
		actorId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		now: at('2026-11-23'),
		...over
	});
	beforeEach(() => {
		doorCard = createFeeItem(
			db,
			admin(),
			item({
				nameZh: '补办门禁卡',
				nameEn: 'Replacement door card',
				basis: 'fixed',
				rateFen: 2000,
				lateFeeApplies: false
			}),
			'2026-11'
		).id;
	});

	it('a charge becomes an ordinary bill, never billed monthly, without late fee unless the item says so', () => {
		expect(generateMonthlyBills(db, f.communityId, '2026-11').created).toBeGreaterThan(0);
		expect(rows(`SELECT count(*) AS n FROM bills WHERE fee_item_id = ?`, doorCard)[0].n).toBe(0);
		const review = reviewCharge(db, input({ quantity: 2 }));
		expect(review).toMatchObject({ amountFen: 4000, nameZh: '补办门禁卡', dueDate: '2026-11-23' });
		expect(rows('SELECT count(*) AS n FROM charges')[0].n).toBe(0);
		const r = raiseCharge(db, input({ quantity: 2, expectedAmountFen: 4000 }));
		// Twice in the same month is fine for a one-off item.
		raiseCharge(db, input());
		const acc = unitAccount(db, f.communityId, f.unitIds[0], '2027-03-01')!;
		const charges = acc.bills.filter((b) => b.source === 'charge');
		expect(charges.map((b) => [b.itemNameZh, b.principalDueFen, b.lateFeeFen])).toEqual([
			['补办门禁卡', 4000, 0],
			['补办门禁卡', 2000, 0]
		]);
		// A recurring bill of the same unit does accrue.
		expect(acc.bills.find((b) => b.source === 'monthly')!.lateFeeFen).toBeGreaterThan(0);
		expect(
			rows(`SELECT action, actor_id AS a FROM audit_log WHERE action = 'charges.raise'`)
		).toHaveLength(2);
		// Paid like any bill: the receipt line names the item.
		const paid = postFeePayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[0],
			billIds: [r.billId],
			includeLateFees: true,
			method: 'wechat',
			methodRef: 'WX1',
			payerName: '张伟',
			cashierId: f.clerkId,
			idempotencyKey: crypto.randomUUID(),
			now: at('2026-11-23')
		});
		expect(paid.totalFen).toBe(4000);
		expect(
			rows('SELECT description FROM payment_lines WHERE payment_id = ?', paid.paymentId)
		).toEqual([{ description: '补办门禁卡 2026年11月' }]);
	});

	it('accrues the late fee from the day after it is raised when the item says so', () => {
		const fined = createFeeItem(
			db,
			admin(),
			item({ nameZh: '损坏公共设施赔偿', basis: 'fixed', rateFen: 10000, lateFeeApplies: true }),
			'2026-11'
		).id;
		raiseCharge(db, input({ choice: { kind: 'item', feeItemId: fined }, unitPriceFen: 10000 }));
		const bill = unitAccount(db, f.communityId, f.unitIds[0], '2026-12-03')!.bills.find(
			(b) => b.source === 'charge'
		)!;
		// 10 000 × 3‰ × 10 days = 300
		expect(bill.lateFeeFen).toBe(300);
	});

	it('is idempotent by the form key and refuses bad input without writing', () => {
		const key = crypto.randomUUID();
		const a = raiseCharge(db, input({ idempotencyKey: key }));
		const b = raiseCharge(db, input({ idempotencyKey: key }));
		expect(b).toEqual({ ...a, replay: true });
		expect(code(() => raiseCharge(db, input({ idempotencyKey: key, quantity: 2 })))).toBe(
			'key_reused'
		);
		expect(code(() => raiseCharge(db, input({ unitId: f.otherUnitId })))).toBe('unknown_unit');
		expect(code(() => raiseCharge(db, input({ unitPriceFen: -100 })))).toBe('bad_amount');
		expect(code(() => raiseCharge(db, input({ unitPriceFen: 0 })))).toBe('bad_amount');
		expect(code(() => raiseCharge(db, input({ quantity: 0 })))).toBe('bad_quantity');
		expect(code(() => raiseCharge(db, input({ expectedAmountFen: 1999 })))).toBe('price_changed');
		const property = rows(`SELECT id FROM fee_items WHERE code = 'property'`)[0].id;
		expect(
			code(() => raiseCharge(db, input({ choice: { kind: 'item', feeItemId: property } })))
		).toBe('not_one_off');
		expect(rows('SELECT count(*) AS n FROM charges')[0].n).toBe(1);
		expect(rows(`SELECT count(*) AS n FROM bills WHERE source = 'charge'`)[0].n).toBe(1);
	});

	it('charges a paid service at its listed price, under the paid-service item', () => {
		seedChargeData(db, { communityId: f.communityId, today: new Date(at('2026-11-23')) });
		const list = listPaidServices(db, f.communityId, { activeOnly: true });
		const toilet = list.find((s) => s.nameZh === '疏通马桶')!;
		const onSite = list.find((s) => s.priceFen === null)!;
		// The listed price wins over what was typed; a service priced on site needs the typed amount.
		const r = raiseCharge(
			db,
			input({ choice: { kind: 'service', serviceId: toilet.id }, unitPriceFen: 1 })
		);
		expect(r.amountFen).toBe(5000);
		expect(
			code(() =>
				raiseCharge(
					db,
					input({ choice: { kind: 'service', serviceId: onSite.id }, unitPriceFen: null })
				)
			)
		).toBe('bad_amount');
		const bill = unitAccount(db, f.communityId, f.unitIds[0], '2026-11-23')!.bills.find(
			(b) => b.source === 'charge'
		)!;
		expect([bill.itemCode, bill.itemNameZh, bill.itemNameEn]).toEqual([
			'paid_service',
			'疏通马桶',
			'Unblock a toilet'
		]);
		// Editing the price list later changes neither the charge nor its bill.
		updatePaidService(db, admin(), toilet.id, { ...toilet, priceFen: 6000 });
		expect(rows('SELECT amount_fen AS a FROM charges')[0].a).toBe(5000);
		// An inactive line is no longer offered nor chargeable.
		updatePaidService(db, admin(), toilet.id, { ...toilet, active: false });
		expect(
			chargeOptions(db, f.communityId, '2026-11').some((o) => o.value === `service:${toilet.id}`)
		).toBe(false);
		expect(
			code(() => raiseCharge(db, input({ choice: { kind: 'service', serviceId: toilet.id } })))
		).toBe('not_found');
		expect(code(() => createPaidService(db, admin(), { ...toilet, priceFen: -1 }))).toBe(
			'bad_amount'
		);
	});
});
