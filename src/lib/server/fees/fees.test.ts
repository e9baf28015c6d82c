import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { waiverEntries, waiverRequestBills, waiverRequests } from '../db/schema';
import { forgetCommunity } from '../community';
import { flatFeeItem, payByWeChat } from './test-fixture';
import { LedgerError, voidPayment, paymentByReceiptNo } from '../ledger';
import {
	ensureFeeItems,
	findUnits,
	generateMonthlyBills,
	monthsPaid,
	postFeePayment,
	prepayPreview,
	quoteFeePayment,
	setRate,
	unitAccount,
	unitIdByCode,
	type FeePaymentInput
} from './index';

let db: Db;
let f: Fixture;

/** 10:00 in Shanghai on that date. */
const at = (date: string) => Date.parse(`${date}T02:00:00Z`);

const code = codeOf(LedgerError);

const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A per-unit fee item with one rate, so a bill has exactly the principal a worked example needs. */
const flatItem = (rateFen: number, fromMonth = '2026-01', communityId = f.communityId) =>
	flatFeeItem(db, communityId, rateFen, fromMonth);

function pay(
	over: Partial<FeePaymentInput> & { billIds: number[]; now: number }
): ReturnType<typeof postFeePayment> {
	return payByWeChat(db, {
		communityId: f.communityId,
		unitId: f.unitIds[0],
		methodRef: 'WX4200001',
		cashierId: f.clerkId,
		...over
	});
}

function account(unitId: number, asOf: string) {
	return unitAccount(db, f.communityId, unitId, asOf)!;
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

describe('fee items and rates', () => {
	it('ensureFeeItems creates property and parking once, with their opening rates', () => {
		const a = ensureFeeItems(db, f.communityId);
		const b = ensureFeeItems(db, f.communityId);
		expect(a.map((i) => [i.code, i.basis, i.vacancyApplies])).toEqual([
			['property', 'per_area', true],
			['parking', 'per_space', false]
		]);
		expect(b.map((i) => i.id)).toEqual(a.map((i) => i.id));
		expect(count('fee_rates')).toBe(2);
	});

	it('setRate is insert-only; bills already created keep their amounts', () => {
		const [property] = ensureFeeItems(db, f.communityId);
		generateMonthlyBills(db, f.communityId, '2026-04');
		setRate(db, property.id, '2026-04', 300, f.managerId);
		generateMonthlyBills(db, f.communityId, '2026-04');
		generateMonthlyBills(db, f.communityId, '2026-05');
		const rows = db.$client
			.prepare(
				`SELECT month, principal_fen AS p FROM bills WHERE unit_id = ? AND fee_item_id = ? ORDER BY month`
			)
			.all(f.unitIds[0], property.id);
		expect(rows).toEqual([
			{ month: '2026-04', p: 23850 },
			{ month: '2026-05', p: 27000 }
		]);
		expect(count('fee_rates')).toBe(3);
		expect(() => db.$client.exec('UPDATE fee_rates SET rate_fen = 1')).toThrow(/append-only/);
	});

	it('setRate refuses a bad month, zero, negative, fractional or absurd rates and unknown items', () => {
		const [property] = ensureFeeItems(db, f.communityId);
		expect(code(() => setRate(db, property.id, '2026-13', 300, f.managerId))).toBe('bad_month');
		expect(code(() => setRate(db, property.id, '2026/05', 300, f.managerId))).toBe('bad_month');
		for (const r of [0, -1, 2.5, 1_000_001, NaN])
			expect(code(() => setRate(db, property.id, '2026-05', r, f.managerId))).toBe('bad_amount');
		expect(code(() => setRate(db, 9999, '2026-05', 300, f.managerId))).toBe('not_found');
		expect(count('fee_rates')).toBe(2);
	});
});

describe('generateMonthlyBills', () => {
	beforeEach(() => ensureFeeItems(db, f.communityId));

	it('bills every unit once, with vacancy and parking, and is idempotent', () => {
		const progress: [number, number][] = [];
		expect(
			generateMonthlyBills(db, f.communityId, '2026-03', {
				onProgress: (d, t) => progress.push([d, t])
			})
		).toEqual({ created: 4, existing: 0 });
		expect(progress.at(-1)).toEqual([3, 3]);
		expect(generateMonthlyBills(db, f.communityId, '2026-03')).toEqual({ created: 0, existing: 4 });
		const rows = db.$client
			.prepare(
				`SELECT u.code, i.code AS item, b.principal_fen AS p, b.full_fen AS full,
					b.vacancy_percent AS v, b.due_date AS due, b.source
				FROM bills b JOIN units u ON u.id = b.unit_id JOIN fee_items i ON i.id = b.fee_item_id
				ORDER BY u.code, i.sort`
			)
			.all();
		expect(rows).toEqual([
			{
				code: '1-1-101',
				item: 'property',
				p: 23850,
				full: 23850,
				v: 100,
				due: '2026-03-20',
				source: 'monthly'
			},
			{
				code: '1-1-102',
				item: 'property',
				p: 31933,
				full: 31933,
				v: 100,
				due: '2026-03-20',
				source: 'monthly'
			},
			{
				code: '1-1-102',
				item: 'parking',
				p: 8000,
				full: 8000,
				v: 100,
				due: '2026-03-20',
				source: 'monthly'
			},
			// 89.56 m² × 265 = 23 733.4 → 23 733; not handed over since 2024-06-01 → 90 % = 21 359.7 → 21 360
			{
				code: '1-1-201',
				item: 'property',
				p: 21360,
				full: 23733,
				v: 90,
				due: '2026-03-20',
				source: 'monthly'
			}
		]);
	});

	it('only the given units; other communities untouched; a bad month refused', () => {
		expect(
			generateMonthlyBills(db, f.communityId, '2026-03', { unitIds: [f.unitIds[1], f.otherUnitId] })
		).toEqual({ created: 2, existing: 0 });
		expect(code(() => generateMonthlyBills(db, f.communityId, '2026-3'))).toBe('bad_month');
		expect(generateMonthlyBills(db, f.otherCommunityId, '2026-03')).toEqual({
			created: 0,
			existing: 0
		});
		expect(count('bills')).toBe(2);
	});

	it('uses the configured due day, clamped to the month', () => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db, { fees: { dueDay: 28 } });
		openTestShifts(db, f);
		ensureFeeItems(db, f.communityId);
		generateMonthlyBills(db, f.communityId, '2026-02');
		expect(
			(db.$client.prepare('SELECT DISTINCT due_date AS d FROM bills').get() as { d: string }).d
		).toBe('2026-02-28');
	});

	it('bills are insert-only', () => {
		generateMonthlyBills(db, f.communityId, '2026-03');
		expect(() => db.$client.exec('UPDATE bills SET principal_fen = 1')).toThrow(/append-only/);
		expect(() => db.$client.exec('DELETE FROM bills')).toThrow(/append-only/);
	});
});

describe('unitAccount and the late fee through real payments', () => {
	it('DOMAIN example: ¥256.80 due 2026-03-20 paid on 2026-04-15 → 26 days → ¥20.03', () => {
		flatItem(25680);
		generateMonthlyBills(db, f.communityId, '2026-03');
		const before = account(f.unitIds[0], '2026-04-15');
		expect(before.bills).toHaveLength(1);
		expect(before.bills[0]).toMatchObject({
			month: '2026-03',
			dueDate: '2026-03-20',
			principalDueFen: 25680,
			lateFeeFen: 2003,
			lateFeeDueFen: 2003,
			pendingWaiver: false
		});
		expect(before.totals).toEqual({
			principalDueFen: 25680,
			lateFeeDueFen: 2003,
			totalDueFen: 27683,
			bills: 1
		});
		expect(before.owners[0].name).toBe('张伟');

		const p = pay({
			billIds: [before.bills[0].billId],
			method: 'cash',
			tenderedFen: 30000,
			now: at('2026-04-15')
		});
		expect(p).toMatchObject({
			totalFen: 27683,
			changeFen: 2317,
			replayed: false,
			receiptNo: 'SF-2026-000001'
		});
		const rec = paymentByReceiptNo(db, f.communityId, p.receiptNo)!;
		expect(rec.payment.localDate).toBe('2026-04-15');
		expect(rec.lines.map((l) => [l.kind, l.itemCode, l.amountFen, l.description])).toEqual([
			['principal', 'flat', 25680, '物业服务费 2026年03月'],
			['late_fee', 'flat', 2003, '物业服务费滞纳金 2026年03月']
		]);
		const detail = JSON.parse(rec.lines[1].detail);
		expect(detail).toMatchObject({
			month: '2026-03',
			itemNameZh: '物业服务费',
			itemNameEn: 'Property service fee',
			workingZh: '逾期26天 × ¥256.80 × 3‰ = ¥20.03'
		});
		expect(detail.working).toMatchObject({
			fen: 2003,
			parts: [{ principalFen: 25680, days: 26 }],
			ratePerMille: 3
		});
		expect(account(f.unitIds[0], '2026-04-15').bills).toEqual([]);
		expect(account(f.unitIds[0], '2027-01-01').bills).toEqual([]);
	});

	it('DOMAIN partial example: 10 000 due 2026-01-20, 4 000 paid 2026-01-30 → 660 fen as of 2026-02-19', () => {
		flatItem(10000);
		generateMonthlyBills(db, f.communityId, '2026-01');
		const billId = account(f.unitIds[0], '2026-01-30').bills[0].billId;
		const p = pay({ billIds: [billId], amountFen: 4000, now: at('2026-01-30') });
		expect(p.totalFen).toBe(4000);
		const b = account(f.unitIds[0], '2026-02-19').bills[0];
		expect(b).toMatchObject({
			principalPaidFen: 4000,
			principalDueFen: 6000,
			lateFeeFen: 660,
			lateFeeDueFen: 660
		});
		expect(b.working.parts).toEqual([
			{ principalFen: 4000, days: 10 },
			{ principalFen: 6000, days: 30 }
		]);
		// As of the day of the partial payment, the 4 000 paid had accrued 10 days, the rest too.
		expect(account(f.unitIds[0], '2026-01-30').bills[0].lateFeeFen).toBe(300);
		// Before it was paid (as of an earlier date) the payment does not count yet.
		expect(account(f.unitIds[0], '2026-01-25').bills[0]).toMatchObject({
			principalPaidFen: 0,
			lateFeeFen: 150
		});
	});

	it('paying on the due date is on time; the day after costs one day', () => {
		flatItem(10000);
		generateMonthlyBills(db, f.communityId, '2026-01');
		expect(account(f.unitIds[0], '2026-01-20').bills[0].lateFeeFen).toBe(0);
		expect(account(f.unitIds[0], '2026-01-21').bills[0].lateFeeFen).toBe(30);
		const billId = account(f.unitIds[0], '2026-01-20').bills[0].billId;
		expect(pay({ billIds: [billId], now: at('2026-01-20') }).totalFen).toBe(10000);
		expect(account(f.unitIds[0], '2026-06-01').bills).toEqual([]);
	});

	it('a late fee left unpaid stays fixed once the principal is paid, then is paid on its own', () => {
		flatItem(25680);
		generateMonthlyBills(db, f.communityId, '2026-03');
		const billId = account(f.unitIds[0], '2026-04-15').bills[0].billId;
		expect(pay({ billIds: [billId], includeLateFees: false, now: at('2026-04-15') }).totalFen).toBe(
			25680
		);
		const later = account(f.unitIds[0], '2026-09-01').bills[0];
		expect(later).toMatchObject({ principalDueFen: 0, lateFeeFen: 2003, lateFeeDueFen: 2003 });
		// Paying only the principal again is nothing to pay: that bill's principal is settled.
		expect(
			code(() => pay({ billIds: [billId], includeLateFees: false, now: at('2026-09-01') }))
		).toBe('already_paid');
		const p = pay({ billIds: [billId], includeLateFees: [billId], now: at('2026-09-01') });
		expect(p.totalFen).toBe(2003);
		expect(account(f.unitIds[0], '2026-09-01').bills).toEqual([]);
	});

	it('waiver entries reduce the late fee due; pending waivers are flagged through the hook', () => {
		flatItem(25680);
		generateMonthlyBills(db, f.communityId, '2026-03');
		const billId = account(f.unitIds[0], '2026-04-15').bills[0].billId;
		db.insert(waiverEntries)
			.values({
				billId,
				amountFen: 1000,
				requestId: null,
				approvedBy: f.managerId,
				localDate: '2026-04-10',
				createdAt: 0
			})
			.run();
		expect(account(f.unitIds[0], '2026-04-15').bills[0]).toMatchObject({
			lateFeeFen: 2003,
			lateFeeWaivedFen: 1000,
			lateFeeDueFen: 1003
		});
		// Dated after the as-of date: not yet waived.
		expect(account(f.unitIds[0], '2026-04-09').bills[0].lateFeeWaivedFen).toBe(0);
		// A request awaiting approval marks the bill, read straight from the waiver tables (no registration).
		expect(account(f.unitIds[0], '2026-04-15').bills[0].pendingWaiver).toBe(false);
		const requestId = db
			.insert(waiverRequests)
			.values({
				communityId: f.communityId,
				requestNo: 'MC-2026-0001',
				unitId: f.unitIds[0],
				applicantName: '张三',
				reason: 'test',
				requestedFen: 1003,
				clerkId: f.clerkId,
				localDate: '2026-04-15',
				createdAt: 0,
				idempotencyKey: 'fees-test-pending'
			})
			.returning({ id: waiverRequests.id })
			.get().id;
		db.insert(waiverRequestBills)
			.values({
				requestId,
				billId,
				month: '2026-03',
				itemNameZh: '物业费',
				dueDate: '2026-03-20',
				principalFen: 25680,
				lateFeeFen: 2003,
				requestedFen: 1003
			})
			.run();
		expect(account(f.unitIds[0], '2026-04-15').bills[0].pendingWaiver).toBe(true);
		const p = pay({ billIds: [billId], now: at('2026-04-15') });
		expect(p.totalFen).toBe(25680 + 1003);
		expect(
			JSON.parse(paymentByReceiptNo(db, f.communityId, p.receiptNo)!.lines[1].detail).waivedFen
		).toBe(1000);
		expect(() => db.$client.exec('UPDATE waiver_entries SET amount_fen = 0')).toThrow(
			/append-only/
		);
		expect(() => db.$client.exec('DELETE FROM waiver_entries')).toThrow(/append-only/);
	});

	it('a voided payment restores what is owed, late fee included', () => {
		flatItem(25680);
		generateMonthlyBills(db, f.communityId, '2026-03');
		const billId = account(f.unitIds[0], '2026-04-15').bills[0].billId;
		const p = pay({ billIds: [billId], now: at('2026-04-15') });
		expect(account(f.unitIds[0], '2026-04-20').bills).toEqual([]);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '收错房号',
			managerId: f.managerId,
			now: at('2026-04-20'),
			localDate: '2026-04-20'
		});
		const b = account(f.unitIds[0], '2026-04-20').bills[0];
		expect(b).toMatchObject({
			billId,
			principalPaidFen: 0,
			principalDueFen: 25680,
			lateFeePaidFen: 0,
			lateFeeFen: Math.round((25680 * 3 * 31) / 1000)
		});
		// It can be paid again, under a new receipt number.
		expect(pay({ billIds: [billId], now: at('2026-04-20') }).receiptNo).toBe('SF-2026-000002');
	});

	it('shows bills oldest first, vacancy kept on the bill, and only bills with something due', () => {
		ensureFeeItems(db, f.communityId);
		for (const m of ['2026-09', '2026-10', '2026-11']) generateMonthlyBills(db, f.communityId, m);
		const a = account(f.unitIds[1], '2026-11-23');
		expect(a.bills.map((b) => [b.month, b.itemCode])).toEqual([
			['2026-09', 'property'],
			['2026-09', 'parking'],
			['2026-10', 'property'],
			['2026-10', 'parking'],
			['2026-11', 'property'],
			['2026-11', 'parking']
		]);
		// 2026-11 property 31 933 due 11-20, 3 days: 31 933 × 3 × 3 / 1000 = 287.397 → 287
		expect(a.bills[4].lateFeeFen).toBe(287);
		const vacant = account(f.unitIds[2], '2026-11-23');
		expect(vacant.bills.every((b) => b.vacancyPercent === 90 && b.principalFen === 21360)).toBe(
			true
		);
		expect(unitAccount(db, f.communityId, f.otherUnitId, '2026-11-23')).toBeNull();
		expect(unitAccount(db, f.otherCommunityId, f.unitIds[0], '2026-11-23')).toBeNull();
	});

	it('respects the community late-fee rate and cap settings', () => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db, { fees: { lateFeeRatePerMille: 5, lateFeeCapPercent: 10 } });
		openTestShifts(db, f);
		flatItem(10000);
		generateMonthlyBills(db, f.communityId, '2026-01');
		expect(account(f.unitIds[0], '2026-01-21').bills[0].lateFeeFen).toBe(50);
		const capped = account(f.unitIds[0], '2026-12-31').bills[0];
		expect(capped.lateFeeFen).toBe(1000);
		expect(capped.working.capped).toBe(true);
	});
});

describe('postFeePayment', () => {
	let due: number[];
	beforeEach(() => {
		ensureFeeItems(db, f.communityId);
		for (const m of ['2026-09', '2026-10', '2026-11']) generateMonthlyBills(db, f.communityId, m);
		due = account(f.unitIds[0], '2026-11-23').bills.map((b) => b.billId);
	});
	const now = at('2026-11-23');

	it('pays three months with late fees in cash: amounts from the ledger, change computed', () => {
		const a = account(f.unitIds[0], '2026-11-23');
		const q = quoteFeePayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[0],
			billIds: due,
			includeLateFees: true,
			method: 'cash',
			tenderedFen: 100000,
			payerName: '张伟',
			cashierId: f.clerkId,
			idempotencyKey: 'k',
			now
		});
		expect(q.totalFen).toBe(a.totals.totalDueFen);
		expect(q.months).toEqual(['2026-09', '2026-10', '2026-11']);
		const p = pay({
			billIds: due,
			method: 'cash',
			tenderedFen: 100000,
			now,
			expectedTotalFen: q.totalFen
		});
		expect(p.totalFen).toBe(q.totalFen);
		expect(p.changeFen).toBe(100000 - q.totalFen);
		expect(account(f.unitIds[0], '2026-11-23').bills).toEqual([]);
	});

	it('a replayed idempotency key posts once', () => {
		const key = crypto.randomUUID();
		const a = pay({ billIds: due, idempotencyKey: key, now });
		const b = pay({ billIds: due, idempotencyKey: key, now });
		expect(b).toEqual({ ...a, replayed: true });
		expect(count('payments')).toBe(1);
		expect(code(() => pay({ billIds: due, idempotencyKey: key, now, unitId: f.unitIds[1] }))).toBe(
			'idempotency_conflict'
		);
	});

	it('the same form key with other bills, total or method is "already used", never the earlier receipt', () => {
		const key = crypto.randomUUID();
		pay({ billIds: [due[0]], idempotencyKey: key, now });
		expect(code(() => pay({ billIds: [due[1]], idempotencyKey: key, now }))).toBe(
			'idempotency_conflict'
		);
		expect(code(() => pay({ billIds: [due[0], due[1]], idempotencyKey: key, now }))).toBe(
			'idempotency_conflict'
		);
		expect(
			code(() => pay({ billIds: [due[0]], idempotencyKey: key, now, expectedTotalFen: 1 }))
		).toBe('idempotency_conflict');
		expect(code(() => pay({ billIds: [due[0]], idempotencyKey: key, now, prepayMonths: 3 }))).toBe(
			'idempotency_conflict'
		);
		expect(
			code(() =>
				pay({ billIds: [due[0]], idempotencyKey: key, now, method: 'alipay', methodRef: 'A9' })
			)
		).toBe('idempotency_conflict');
		expect(count('payments')).toBe(1);
		// The very same request (a double submit) still replays.
		expect(pay({ billIds: [due[0]], idempotencyKey: key, now }).replayed).toBe(true);
	});

	it('two clerks paying the same bill: the second is told it is already paid, nothing written', () => {
		const input = { billIds: [due[0]], now };
		quoteFeePayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[0],
			includeLateFees: true,
			method: 'cash',
			tenderedFen: 100000,
			payerName: 'x',
			cashierId: f.clerk2Id,
			idempotencyKey: 'q',
			...input
		});
		pay({ ...input, cashierId: f.clerkId });
		const before = count('payments') + count('payment_lines');
		expect(code(() => pay({ ...input, cashierId: f.clerk2Id }))).toBe('already_paid');
		expect(count('payments') + count('payment_lines')).toBe(before);
	});

	it('refuses a bill of another unit or community, unknown ids, and writes nothing', () => {
		ensureFeeItems(db, f.otherCommunityId);
		generateMonthlyBills(db, f.otherCommunityId, '2026-11');
		const foreign = (
			db.$client.prepare('SELECT id FROM bills WHERE community_id = ?').get(f.otherCommunityId) as {
				id: number;
			}
		).id;
		const neighbour = account(f.unitIds[1], '2026-11-23').bills[0].billId;
		expect(code(() => pay({ billIds: [foreign], now }))).toBe('not_found');
		expect(code(() => pay({ billIds: [due[0], neighbour], now }))).toBe('not_found');
		expect(code(() => pay({ billIds: [999999], now }))).toBe('not_found');
		expect(code(() => pay({ billIds: [-1], now }))).toBe('not_found');
		expect(code(() => pay({ billIds: [1.5], now }))).toBe('not_found');
		expect(code(() => pay({ billIds: due, now, communityId: f.otherCommunityId }))).toBe(
			'not_found'
		);
		expect(count('payments')).toBe(0);
	});

	it('refuses bad money input with the ledger codes, and stale forms', () => {
		const total = account(f.unitIds[0], '2026-11-23').totals.totalDueFen;
		expect(code(() => pay({ billIds: due, method: 'cash', tenderedFen: total - 1, now }))).toBe(
			'tendered_short'
		);
		expect(code(() => pay({ billIds: due, method: 'cash', tenderedFen: null, now }))).toBe(
			'tendered_missing'
		);
		expect(
			code(() => pay({ billIds: due, method: 'cash', tenderedFen: total + 500_001, now }))
		).toBe('change_too_large');
		expect(code(() => pay({ billIds: due, expectedTotalFen: total - 1, now }))).toBe('stale');
		expect(code(() => pay({ billIds: due, method: 'wechat', methodRef: ' ', now }))).toBe(
			'method_ref_missing'
		);
		expect(code(() => pay({ billIds: due, method: 'transfer', methodRef: 'R1', now }))).toBe(
			'bank_missing'
		);
		expect(code(() => pay({ billIds: due, payerName: '  ', now }))).toBe('payer_missing');
		expect(code(() => pay({ billIds: [], now }))).toBe('nothing_selected');
		expect(code(() => pay({ billIds: due, amountFen: 0, now }))).toBe('bad_amount');
		expect(code(() => pay({ billIds: due, amountFen: -5, now }))).toBe('bad_amount');
		expect(code(() => pay({ billIds: due, amountFen: total + 1, now }))).toBe('amount_above_due');
		expect(code(() => pay({ billIds: due, prepayMonths: 37, now }))).toBe('bad_prepay');
		expect(code(() => pay({ billIds: due, prepayMonths: -1, now }))).toBe('bad_prepay');
		expect(count('payments') + count('payment_lines')).toBe(0);
		expect(
			pay({ billIds: due, expectedTotalFen: total, method: 'cash', tenderedFen: total, now })
				.changeFen
		).toBe(0);
	});

	it('non-cash methods keep their reference and no change', () => {
		const p = pay({
			billIds: due,
			method: 'transfer',
			bank: '工商银行',
			methodRef: 'TX123',
			tenderedFen: null,
			now
		});
		const rec = paymentByReceiptNo(db, f.communityId, p.receiptNo)!;
		expect(rec.payment).toMatchObject({
			method: 'transfer',
			bank: '工商银行',
			methodRef: 'TX123',
			tenderedFen: null,
			changeFen: null
		});
	});

	it('prepays a year: creates and settles the future bills in the same payment; the quote writes nothing', () => {
		const billsBefore = count('bills');
		const preview = prepayPreview(db, f.communityId, f.unitIds[0], '2026-11', 12);
		expect(preview[0].newBills).toEqual([]); // 2026-11 is billed already
		expect(preview[1].newBills).toEqual([
			{
				itemCode: 'property',
				itemNameZh: '物业服务费',
				itemNameEn: 'Property service fee',
				principalFen: 23850,
				vacancyPercent: 100
			}
		]);
		const q = quoteFeePayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[0],
			billIds: due,
			includeLateFees: true,
			prepayMonths: 12,
			method: 'alipay',
			methodRef: 'A1',
			payerName: '张伟',
			cashierId: f.clerkId,
			idempotencyKey: 'q',
			now
		});
		expect(count('bills')).toBe(billsBefore);
		// The year starts after the last billed month (2026-11, due and chosen): 2026-12 to 2027-11.
		expect(q.months).toEqual([
			'2026-09',
			'2026-10',
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02',
			'2027-03',
			'2027-04',
			'2027-05',
			'2027-06',
			'2027-07',
			'2027-08',
			'2027-09',
			'2027-10',
			'2027-11'
		]);
		expect(q.prepayMonths).toHaveLength(12);
		const p = pay({ billIds: due, prepayMonths: 12, now, expectedTotalFen: q.totalFen });
		expect(p.totalFen).toBe(q.totalFen);
		expect(count('bills')).toBe(billsBefore + 12);
		expect(
			(
				db.$client.prepare(`SELECT count(*) AS n FROM bills WHERE source = 'prepay'`).get() as {
					n: number;
				}
			).n
		).toBe(12);
		expect(monthsPaid(db, f.unitIds[0], ['2026-11', '2027-11'])).toBe(true);
		expect(monthsPaid(db, f.unitIds[0], ['2027-12'])).toBe(false);
		// Monthly billing later finds the prepaid month already there.
		expect(generateMonthlyBills(db, f.communityId, '2026-12')).toEqual({ created: 3, existing: 1 });
		expect(account(f.unitIds[0], '2027-12-01').bills.map((b) => b.month)).toEqual([]);
		// The next prepayment starts after the prepaid year, never at a month already paid (¥0).
		const again = pay({ billIds: [], prepayMonths: 1, now: now + 1 });
		const rec = paymentByReceiptNo(db, f.communityId, again.receiptNo)!;
		expect(rec.lines.map((l) => JSON.parse(l.detail).month)).toEqual(['2027-12']);
		expect(again.totalFen).toBe(23850);
	});

	it('prepay only (no arrears chosen) starts after the last billed month; the arrears stay due', () => {
		const p = pay({ billIds: [], prepayMonths: 2, now });
		const rec = paymentByReceiptNo(db, f.communityId, p.receiptNo)!;
		expect([...new Set(rec.lines.map((l) => JSON.parse(l.detail).month))]).toEqual([
			'2026-12',
			'2027-01'
		]);
		expect(account(f.unitIds[0], '2026-11-23').bills.map((b) => b.month)).toEqual([
			'2026-09',
			'2026-10',
			'2026-11'
		]);
	});
});

describe('monthsPaid', () => {
	it('needs every property bill to exist and its principal fully paid (voids undo it)', () => {
		flatItem(1); // a non-property item must not count
		ensureFeeItems(db, f.communityId);
		generateMonthlyBills(db, f.communityId, '2026-10');
		expect(monthsPaid(db, f.unitIds[0], [])).toBe(true);
		expect(monthsPaid(db, f.unitIds[0], ['2026-10'])).toBe(false);
		const property = account(f.unitIds[0], '2026-10-10')
			.bills.filter((b) => b.itemCode === 'property')
			.map((b) => b.billId);
		pay({ billIds: property, amountFen: 100, now: at('2026-10-10') });
		expect(monthsPaid(db, f.unitIds[0], ['2026-10'])).toBe(false);
		const p = pay({ billIds: property, now: at('2026-10-10') });
		expect(monthsPaid(db, f.unitIds[0], ['2026-10'])).toBe(true);
		expect(monthsPaid(db, f.unitIds[0], ['2026-10', '2026-11'])).toBe(false);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '错收',
			managerId: f.managerId,
			now: at('2026-10-11'),
			localDate: '2026-10-11'
		});
		expect(monthsPaid(db, f.unitIds[0], ['2026-10'])).toBe(false);
		expect(monthsPaid(db, 999, ['2026-10'])).toBe(false);
	});
});

describe('findUnits', () => {
	it('by room code prefix, owner name, phone tail; only this community', () => {
		expect(findUnits(db, f.communityId, '1-1-1').map((u) => u.code)).toEqual([
			'1-1-101',
			'1-1-102'
		]);
		expect(findUnits(db, f.communityId, '1 1 2').map((u) => u.code)).toEqual(['1-1-201']);
		expect(findUnits(db, f.communityId, '１-１-２').map((u) => u.code)).toEqual(['1-1-201']);
		expect(findUnits(db, f.communityId, '9-9')).toEqual([]);
		expect(findUnits(db, f.communityId, '李')[0]).toMatchObject({
			code: '1-1-102',
			ownerNames: '李娜',
			phoneTail: '0002',
			matched: 'name'
		});
		expect(findUnits(db, f.communityId, '0003')[0]).toMatchObject({
			code: '1-1-201',
			matched: 'phone'
		});
		expect(findUnits(db, f.communityId, '1', 2)).toHaveLength(2);
		expect(findUnits(db, f.communityId, '')).toEqual([]);
		expect(findUnits(db, f.communityId, '%')).toEqual([]);
		expect(findUnits(db, f.communityId, '_')).toEqual([]);
		expect(unitIdByCode(db, f.communityId, '1-1-102')).toBe(f.unitIds[1]);
		expect(unitIdByCode(db, f.communityId, '9-9-909')).toBeNull();
	});
});
