import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { feeItems, feeRates } from '../db/schema';
import { forgetCommunity } from '../community';
import { flatFeeItem, payByWeChat } from '../fees/test-fixture';
import { voidPayment } from '../ledger';
import { generateMonthlyBills, type FeePaymentInput } from '../fees';
import { collectionFigures, type CollectionBill } from '../../domain/arrears';
import {
	arrearsRegister,
	arrearsTotals,
	collectionReport,
	currentCollection,
	collectionTrend,
	overdueBills,
	parseCollectionQuery,
	parseRegisterQuery,
	periodAsOf,
	recordNotices,
	recordReminder,
	batchUnits,
	noticesOf,
	ArrearsError
} from './index';

let db: Db;
let f: Fixture;
let itemId: number;

/** 10:00 in Shanghai on that date. */
const at = (date: string) => Date.parse(`${date}T02:00:00Z`);

/** A per-unit item of ¥100.00 a month, due on the 20th: bills with round worked examples. */
const flatItem = (rateFen = 10000) => flatFeeItem(db, f.communityId, rateFen, '2025-01').id;

const billId = (unitId: number, month: string) =>
	(
		db.$client
			.prepare('SELECT id FROM bills WHERE unit_id = ? AND month = ? AND fee_item_id = ?')
			.get(unitId, month, itemId) as { id: number }
	).id;

function pay(unitId: number, months: string[], date: string, over: Partial<FeePaymentInput> = {}) {
	return payByWeChat(db, {
		communityId: f.communityId,
		unitId,
		billIds: months.map((mo) => billId(unitId, mo)),
		cashierId: f.clerkId,
		now: at(date),
		...over
	});
}

const openIds = () =>
	(
		db.$client.prepare('SELECT bill_id AS id FROM open_bills ORDER BY bill_id').all() as {
			id: number;
		}[]
	).map((r) => r.id);

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
	itemId = flatItem();
	for (const month of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'])
		generateMonthlyBills(db, f.communityId, month, { now: at(`${month}-01`) });
});

describe('arrears register', () => {
	it('worked example: one unit owing three months, by age and with the late fee to the day', () => {
		const [a, b, c] = f.unitIds;
		pay(a, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], '2026-01-10');
		pay(b, ['2026-01', '2026-02', '2026-03'], '2026-03-15');
		pay(c, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], '2026-06-05');
		const r = arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21');
		expect(r.rows.map((x) => x.code)).toEqual(['1-1-102']);
		const row = r.rows[0];
		// April due 04-20: 62 days; May 05-20: 32 days; June 06-20: 1 day — ¥100 each at 3‰ a day.
		expect(row).toMatchObject({
			months: 3,
			oldestMonth: '2026-04',
			days: 62,
			bucket: 'd31_90',
			principalFen: 30000,
			lateFeeFen: 1860 + 960 + 30,
			totalFen: 30000 + 2850
		});
		expect(row.buckets).toEqual({
			d0_30: 10030,
			d31_90: 10000 + 1860 + 10000 + 960,
			d91_180: 0,
			d181_365: 0,
			over_365: 0
		});
		expect(r.totals).toMatchObject({ units: 1, principalFen: 30000, totalFen: 32850 });
	});

	it('a bill whose item charges no late fee owes its principal only', () => {
		// 电梯费-like item created without the late fee: the counter charges none, neither may the register.
		const noFee = db
			.insert(feeItems)
			.values({
				communityId: f.communityId,
				code: 'lift',
				nameZh: '电梯费',
				nameEn: 'Lift fee',
				basis: 'per_unit',
				lateFeeApplies: false,
				sort: 2,
				createdAt: 0
			})
			.returning()
			.get();
		db.insert(feeRates)
			.values({ feeItemId: noFee.id, fromMonth: '2026-06', rateFen: 5000, createdAt: 0 })
			.run();
		generateMonthlyBills(db, f.communityId, '2026-06', { now: at('2026-06-01') });
		const r = arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21');
		const row = r.rows.find((x) => x.code === '1-1-101')!;
		// Six flat months (¥100, 3‰ a day from each due date) plus ¥50 of lift fee with no late fee.
		const flatOnly = arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21', {
			feeItemId: itemId
		});
		expect(row.principalFen).toBe(60000 + 5000);
		const flatFee = flatOnly.rows.find((x) => x.code === '1-1-101')!.lateFeeFen;
		expect(flatFee).toBeGreaterThan(0);
		expect(row.lateFeeFen).toBe(flatFee);
		// The dashboard's totals-only path, which sums untouched bills as it reads them, agrees.
		expect(arrearsTotals(db, f.communityId, '2026-06-21', '2026-06-21')).toEqual(r.totals);
		// …also once the lift-fee bill is touched (part paid), when it is worked out bill by bill.
		const lift = db.$client
			.prepare('SELECT id FROM bills WHERE unit_id = ? AND fee_item_id = ?')
			.pluck()
			.get(f.unitIds[0], noFee.id) as number;
		pay(f.unitIds[0], [], '2026-06-21', { billIds: [lift], amountFen: 1000 });
		expect(arrearsTotals(db, f.communityId, '2026-06-21', '2026-06-21')).toEqual(
			arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21').totals
		);
	});

	it('a bill paid on its due date is not in arrears, one day later it is', () => {
		const r = arrearsRegister(db, f.communityId, '2026-01-20', '2026-06-30');
		expect(r.rows).toEqual([]);
		const next = arrearsRegister(db, f.communityId, '2026-01-21', '2026-06-30');
		expect(next.rows.map((x) => [x.code, x.days, x.principalFen, x.lateFeeFen])).toEqual([
			['1-1-101', 1, 10000, 30],
			['1-1-102', 1, 10000, 30],
			['1-1-201', 1, 10000, 30]
		]);
	});

	it('agrees with the counter’s account for every unit, through partial payments, late fees left, waivers, credits and voids', () => {
		const [a, b, c] = f.unitIds;
		// a: January on time, February late with its late fee, March principal only (late fee left).
		pay(a, ['2026-01'], '2026-01-15');
		pay(a, ['2026-02'], '2026-03-01');
		pay(a, ['2026-03'], '2026-04-10', { includeLateFees: false });
		// b: ¥150 towards January–February (January in full, February in part), later voided.
		const partial = pay(b, ['2026-01', '2026-02'], '2026-02-25', { amountFen: 15000 });
		// c: a waiver of part of March's late fee, a 空置减免 credit on April.
		pay(c, ['2026-01', '2026-02'], '2026-02-10');
		pay(c, ['2026-03'], '2026-05-01', { includeLateFees: false });
		db.$client
			.prepare(
				`INSERT INTO waiver_entries (bill_id, amount_fen, approved_by, local_date, created_at) VALUES (?, 500, ?, '2026-05-02', 0)`
			)
			.run(billId(c, '2026-03'), f.managerId);
		db.$client
			.prepare(
				`INSERT INTO vacancy_credits (community_id, unit_id, source_bill_id, bill_id, amount_fen, vacancy_percent, local_date, created_at)
				 VALUES (?, ?, ?, ?, 1000, 90, '2026-04-05', 0)`
			)
			.run(f.communityId, c, billId(c, '2026-04'), billId(c, '2026-04'));
		const check = (today: string) => {
			for (const asOf of ['2026-02-21', '2026-03-05', '2026-04-21', '2026-05-15', today]) {
				if (asOf > today) continue;
				const r = arrearsRegister(db, f.communityId, asOf, today);
				// The dashboard's totals-only path answers the register's totals, voids by today or by asOf.
				expect(arrearsTotals(db, f.communityId, asOf, today)).toEqual(r.totals);
				expect(arrearsTotals(db, f.communityId, asOf, today, asOf)).toEqual(
					arrearsRegister(db, f.communityId, asOf, today, {}, 'unit', asOf).totals
				);
				for (const unitId of f.unitIds) {
					const bills = overdueBills(db, f.communityId, unitId, asOf);
					const row = r.rows.find((x) => x.unitId === unitId);
					const principal = bills.reduce((s, x) => s + x.principalDueFen, 0);
					const late = bills.reduce((s, x) => s + x.lateFeeDueFen, 0);
					expect([asOf, unitId, row?.principalFen ?? 0, row?.lateFeeFen ?? 0]).toEqual([
						asOf,
						unitId,
						principal,
						late
					]);
				}
			}
		};
		check('2026-06-01');
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: partial.receiptNo,
			reason: '收错金额',
			managerId: f.managerId,
			category: 'entry_error',
			now: at('2026-06-02'),
			localDate: '2026-06-02'
		});
		check('2026-06-02');
	});

	it('open_bills: a bill leaves when settled with its late fee, stays while the late fee is owed, comes back on a void', () => {
		const [a] = f.unitIds;
		const jan = billId(a, '2026-01');
		const feb = billId(a, '2026-02');
		pay(a, ['2026-01'], '2026-01-10');
		expect(openIds()).not.toContain(jan);
		pay(a, ['2026-02'], '2026-03-01', { includeLateFees: false });
		expect(openIds()).toContain(feb);
		const late = pay(a, ['2026-02'], '2026-03-02');
		expect(openIds()).not.toContain(feb);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: late.receiptNo,
			reason: '重复',
			managerId: f.managerId,
			category: 'entry_error',
			now: at('2026-03-03'),
			localDate: '2026-03-03'
		});
		expect(openIds()).toContain(feb);
		const row = arrearsRegister(db, f.communityId, '2026-03-03', '2026-03-03').rows.find(
			(x) => x.unitId === a
		)!;
		expect(row.principalFen).toBe(0); // February's principal stands paid; its late fee is owed again
		expect(row.lateFeeFen).toBeGreaterThan(0);
	});

	it('open_bills: each row’s running settlement agrees with the ledger through partial payments, waivers, their reversal, credits and voids', () => {
		const [a, b, c] = f.unitIds;
		const cols = 'settled_fen, last_date, late_settled_fen, last_fee_fen, last_fee_date';
		// Every row present equals bill_settlement (the ledger); every bill not settled has a row.
		const agree = () => {
			const rows = db.$client
				.prepare(
					`SELECT o.bill_id, ${cols.replace(/(\w+)/g, 'o.$1')}, ${cols.replace(/(\w+)/g, 's.$1 AS s_$1')}
					 FROM open_bills o JOIN bill_settlement s ON s.bill_id = o.bill_id`
				)
				.all() as Record<string, unknown>[];
			for (const r of rows)
				for (const col of cols.split(', '))
					expect([r.bill_id, col, r[col]]).toEqual([r.bill_id, col, r[`s_${col}`]]);
			const missing = db.$client
				.prepare(
					`SELECT id FROM bills WHERE id NOT IN (SELECT bill_id FROM settled_bills) AND id NOT IN (SELECT bill_id FROM open_bills)`
				)
				.all();
			expect(missing).toEqual([]);
		};
		const waive = (bill: number, fen: number, date: string) =>
			db.$client
				.prepare(
					`INSERT INTO waiver_entries (bill_id, amount_fen, approved_by, local_date, created_at) VALUES (?, ?, ?, ?, 0)`
				)
				.run(bill, fen, f.managerId, date);
		const jan = billId(a, '2026-01');
		// a: January in two parts, late: ¥60 on time, then ¥40 with the late fee on ¥40 from the 21st.
		pay(a, ['2026-01'], '2026-01-15', { amountFen: 6000 });
		agree();
		expect(openIds()).toContain(jan);
		const rest = pay(a, ['2026-01'], '2026-02-01');
		agree();
		expect(openIds()).not.toContain(jan);
		// Voiding the second part reopens January with ¥60 settled and no late fee paid.
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: rest.receiptNo,
			reason: '重复',
			managerId: f.managerId,
			category: 'entry_error',
			now: at('2026-02-02'),
			localDate: '2026-02-02'
		});
		agree();
		expect(
			db.$client
				.prepare(`SELECT settled_fen AS s, late_settled_fen AS l FROM open_bills WHERE bill_id = ?`)
				.get(jan)
		).toEqual({ s: 6000, l: 0 });
		// b: February's principal late without the fee (stays), the fee waived in full (leaves),
		// the waiver reversed (comes back), the fee paid (leaves).
		const feb = billId(b, '2026-02');
		pay(b, ['2026-02'], '2026-03-10', { includeLateFees: false });
		agree();
		expect(openIds()).toContain(feb);
		const fee = pay(b, ['2026-02'], '2026-03-10', { amountFen: 1 });
		agree();
		const owed = (
			db.$client.prepare(`SELECT last_fee_fen AS f FROM open_bills WHERE bill_id = ?`).get(feb) as {
				f: number;
			}
		).f;
		expect(owed).toBeGreaterThan(1);
		expect(fee.receiptNo).toBeTruthy();
		waive(feb, owed - 1, '2026-03-11');
		agree();
		expect(openIds()).not.toContain(feb);
		waive(feb, -(owed - 1), '2026-03-12');
		agree();
		expect(openIds()).toContain(feb);
		// c: a 空置减免 credit and a payment of the rest on time settle March; other months untouched.
		const mar = billId(c, '2026-03');
		db.$client
			.prepare(
				`INSERT INTO vacancy_credits (community_id, unit_id, source_bill_id, bill_id, amount_fen, vacancy_percent, local_date, created_at)
				 VALUES (?, ?, ?, ?, 3000, 70, '2026-03-05', 0)`
			)
			.run(f.communityId, c, mar, mar);
		agree();
		expect(openIds()).toContain(mar);
		pay(c, ['2026-03'], '2026-03-06');
		agree();
		expect(openIds()).not.toContain(mar);
	});

	it('filters by building, fee item, amount and age, sorts, and refuses unknown buildings and bad dates', () => {
		const r = arrearsRegister(
			db,
			f.communityId,
			'2026-06-21',
			'2026-06-21',
			{ minBucket: 'd91_180' },
			'total'
		);
		expect(r.rows.length).toBe(3);
		expect(
			arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21', { minFen: 10_000_000 }).rows
		).toEqual([]);
		const url = (q: string) => new URL(`http://x/arrears?${q}`);
		const items = [{ id: itemId, code: 'flat' }];
		const ok = parseRegisterQuery(
			url('building=1&item=flat&min=100.5&age=d31_90&sort=age'),
			'2026-06-21',
			['1'],
			items
		);
		expect(ok.ok && ok.query.filter).toEqual({
			building: '1',
			feeItemId: itemId,
			minFen: 10050,
			minBucket: 'd31_90'
		});
		for (const q of [
			'building=9',
			'item=water',
			'asOf=2026-13-01',
			'asOf=2027-01-01',
			'min=abc',
			'age=old',
			'sort=x',
			'ownerType=alien'
		])
			expect(parseRegisterQuery(url(q), '2026-06-21', ['1'], items).ok).toBe(false);
	});
});

describe('collection rate', () => {
	/** The reference figures: every bill with its dated postings, through the domain rule. */
	function reference(from: string, to: string, until: string) {
		const bills = db.$client
			.prepare('SELECT id, month, principal_fen AS principalFen FROM bills')
			.all() as { id: number; month: string; principalFen: number }[];
		const postings = db.$client
			.prepare(
				`SELECT bill_id AS billId, posted_date AS date, amount_fen AS fen, kind FROM principal_postings
				 WHERE payment_id IS NULL OR payment_id NOT IN (SELECT payment_id FROM payment_voids WHERE local_date <= ?)`
			)
			.all(until) as { billId: number; date: string; fen: number; kind: string }[];
		const list: CollectionBill[] = bills.map((b) => ({
			month: b.month,
			principalFen: b.principalFen,
			payments: postings.filter((p) => p.billId === b.id && p.kind === 'payment'),
			credits: postings.filter((p) => p.billId === b.id && p.kind === 'credit')
		}));
		return collectionFigures(list, { fromMonth: from, toMonth: to, until });
	}

	/** The dashboard's 当期 totals (`currentCollection`) are the report's, summed without groups. */
	function sameCurrent(r: ReturnType<typeof collectionReport>) {
		const { billedFen, creditedFen, dueFen, collectedFen, rateBp } = r.total;
		expect(currentCollection(db, f.communityId, r.period)).toEqual({
			billedFen,
			creditedFen,
			dueFen,
			collectedFen,
			rateBp
		});
	}

	it('worked example and agreement with the domain rule, current and arrears, after a void', () => {
		const [a, b, c] = f.unitIds;
		pay(a, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], '2026-01-10');
		pay(b, ['2026-01', '2026-02'], '2026-02-15');
		pay(b, ['2026-03', '2026-04'], '2026-05-03'); // arrears of earlier months, cleared in May
		const late = pay(c, ['2026-01', '2026-02', '2026-03', '2026-04'], '2026-05-20');
		// May: 3 bills of ¥100 due, unit a prepaid → 1/3; arrears at 05-01: b Mar+Apr, c Jan–Apr = 6 bills.
		const may = collectionReport(db, f.communityId, periodAsOf('2026-05', '2026-05', '2026-06-21'));
		expect(may.total).toMatchObject({
			dueFen: 30000,
			collectedFen: 10000,
			rateBp: 3333,
			arrearsDueFen: 60000,
			arrearsCollectedFen: 60000,
			arrearsRateBp: 10000
		});
		expect(may.total).toEqual(reference('2026-05', '2026-05', '2026-05-31'));
		sameCurrent(may);
		expect(may.byBuilding.map((g) => g.key)).toEqual(['1']);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: late.receiptNo,
			reason: '重复',
			managerId: f.managerId,
			category: 'entry_error',
			now: at('2026-06-01'),
			localDate: '2026-06-01'
		});
		const after = collectionReport(
			db,
			f.communityId,
			periodAsOf('2026-05', '2026-05', '2026-06-21')
		);
		// A past period never changes: the June void leaves May as it was…
		expect(after.total).toEqual(may.total);
		expect(after.total).toEqual(reference('2026-05', '2026-05', '2026-05-31'));
		// …and counts from its own day: over May–June as of 06-21 c's four months are uncollected.
		const mayJune = collectionReport(
			db,
			f.communityId,
			periodAsOf('2026-05', '2026-06', '2026-06-21')
		);
		expect(mayJune.total.arrearsCollectedFen).toBe(20000);
		expect(mayJune.total).toEqual(reference('2026-05', '2026-06', '2026-06-21'));
		sameCurrent(after);
		sameCurrent(mayJune);
		const half = collectionReport(
			db,
			f.communityId,
			periodAsOf('2026-01', '2026-12', '2026-06-21')
		);
		expect(half.period).toEqual({ fromMonth: '2026-01', toMonth: '2026-06', until: '2026-06-21' });
		expect(half.total).toEqual(reference('2026-01', '2026-06', '2026-06-21'));
		sameCurrent(half);
		const trend = collectionTrend(db, f.communityId, '2026-06', '2026-06-21');
		expect(trend.map((t) => t.month)[11]).toBe('2026-06');
		expect(trend.find((t) => t.month === '2026-01')).toMatchObject({
			dueFen: 30000,
			collectedFen: 10000,
			rateBp: 3333
		});
		expect(trend.find((t) => t.month === '2025-12')?.rateBp).toBeNull(); // nothing billed: no rate
	});

	it('refuses reversed, over-long and future periods', () => {
		const q = (s: string) => parseCollectionQuery(new URL(`http://x/?${s}`), '2026-06-21');
		expect(q('from=2026-01&to=2026-12').ok).toBe(true);
		expect(q('').ok).toBe(true);
		for (const s of [
			'from=2026-05&to=2026-01',
			'from=2025-01&to=2026-01',
			'from=2026-07&to=2026-07',
			'from=2026-13',
			'from=abc'
		])
			expect(q(s).ok).toBe(false);
	});
});

describe('reminders', () => {
	it('records a notice per owing unit once per form, skips units owing nothing, refuses other communities’ units', () => {
		const [a, b, c] = f.unitIds;
		pay(a, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], '2026-01-10');
		const key = crypto.randomUUID();
		const units = recordNotices(
			db,
			f.communityId,
			f.managerId,
			[c, a, b],
			key,
			'2026-06-21',
			at('2026-06-21')
		);
		expect(units).toEqual([b, c]);
		expect(
			recordNotices(db, f.communityId, f.managerId, [c, a, b], key, '2026-06-21', at('2026-06-21'))
		).toEqual([b, c]);
		expect(batchUnits(db, f.communityId, key)).toEqual([b, c]);
		// Each notice's QR opens the unit's statement on a phone of this community (unit codes repeat
		// between communities, so the link names it).
		const notice = noticesOf(db, f.communityId, key, 'a4', 'https://wy.example')!.units[0];
		const code = (
			db.$client.prepare('SELECT code FROM units WHERE id = ?').get(b) as { code: string }
		).code;
		expect(notice.code).toBe(code);
		expect(notice.statementUrl).toBe(
			`https://wy.example/kiosk/identify?room=${encodeURIComponent(code)}&next=%2Fkiosk%2Fme&via=mobile&c=T1`
		);
		expect(() =>
			recordNotices(
				db,
				f.communityId,
				f.managerId,
				[f.otherUnitId],
				crypto.randomUUID(),
				'2026-06-21',
				at('2026-06-21')
			)
		).toThrow(ArrearsError);
		expect(() =>
			recordNotices(
				db,
				f.communityId,
				f.managerId,
				[a],
				crypto.randomUUID(),
				'2026-06-21',
				at('2026-06-21')
			)
		).toThrow(/nothing_owing/);
		const r = arrearsRegister(db, f.communityId, '2026-06-21', '2026-06-21');
		expect(r.rows.find((x) => x.unitId === b)?.lastReminder).toMatchObject({
			kind: 'notice',
			outcome: 'sent'
		});
	});

	it('flags a promise not kept the day after the promised date while the unit still owes', () => {
		const [, b] = f.unitIds;
		const input = {
			unitId: b,
			kind: 'call' as const,
			outcome: 'promised' as const,
			promisedDate: '2026-06-25',
			note: '下周来缴',
			formKey: crypto.randomUUID()
		};
		recordReminder(db, f.communityId, f.managerId, input, '2026-06-21', at('2026-06-21'));
		recordReminder(db, f.communityId, f.managerId, input, '2026-06-21', at('2026-06-21')); // double submit
		expect(
			(db.$client.prepare('SELECT count(*) AS n FROM arrears_reminders').get() as { n: number }).n
		).toBe(1);
		const row = (asOf: string) =>
			arrearsRegister(db, f.communityId, asOf, '2026-06-30').rows.find((x) => x.unitId === b)!;
		expect(row('2026-06-25')).toMatchObject({ promisedDate: '2026-06-25', promiseBroken: false });
		expect(row('2026-06-26')).toMatchObject({ promiseBroken: true });
		expect(() => db.$client.exec('UPDATE arrears_reminders SET note = 1')).toThrow(/append-only/);
	});
});
