import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import { settledRenovation } from '../renovation/test-fixture';
import type { Db } from '../db';
import { waiverEntries, type PaymentMethod } from '../db/schema';
import { forgetCommunity } from '../community';
import { voidPayment, type LineInput } from '../ledger';
import { at, insertTestBill, postTestPayment } from '../ledger/test-fixture';
import { ensureFeeItems } from '../fees';
import { addMonths } from '../../dates';
import { dailyReport } from './daily';
import { monthFigures } from './month';
import { collectionReport } from '../arrears/collection';
import { reportExtras } from './extras';
import { dailyReportCsv } from './csv';
import { dailyReportXlsx } from './xlsx';
import { dailyReportPdf } from '../pdf/daily-report';
import { pdfText } from '../pdf/pdf-text';
import { advanceRoll, type AdvancePosting } from '../../domain/advance';
import { periodIncome, datesOf } from '../../domain/report';
import { seededRandom as rng } from '../../random';
import ExcelJS from 'exceljs';

let db: Db;
let f: Fixture;
let property: { id: number; code: string };
let parking: { id: number; code: string };

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
	[property, parking] = ensureFeeItems(db, f.communityId);
});

function pay(date: string, method: PaymentMethod, lines: LineInput[], unit = 0, time = '10:00') {
	return postTestPayment(db, f, {
		date,
		time,
		method,
		cashierId: f.clerkId,
		lines,
		unitId: f.unitIds[unit]
	});
}

function voidIt(receiptNo: string, date: string, time = '16:00') {
	voidPayment(db, {
		communityId: f.communityId,
		receiptNo,
		reason: '录错',
		category: 'entry_error',
		managerId: f.managerId,
		now: at(date, time),
		localDate: date
	});
}

function bill(unit: number, item: { id: number }, month: string, principalFen: number) {
	return insertTestBill(db, f, {
		unitId: f.unitIds[unit],
		feeItemId: item.id,
		month,
		principalFen,
		createdAt: at('2026-10-01', '00:00')
	});
}

const principal = (item: { code: string }, billId: number, amountFen: number): LineInput => ({
	kind: 'principal',
	itemCode: item.code,
	billId,
	amountFen
});

/*
 * The hand-made ledger of November 2026 (amounts in fen), the month report as of 12-03:
 *   10-15 cash    unit 0 prepays November 10 000 and December 10 000 (预收 taken in October)
 *   11-05 wechat  unit 1 pays its October bill 20 000 (arrears) — late: due 10-20
 *   11-10 alipay  unit 0 prepays January 5 000                       → 预收 received 5 000
 *   11-12 cash    unit 0 prepays February 3 000, voided 11-25        → received 3 000 − 3 000
 *   11-22 wechat  unit 2 pays its November parking bill 5 000 (current)
 *   12-02 void of the 11-10 January prepayment: after the month, so November keeps it.
 * November's bills: unit 0 property 10 000 (prepaid), unit 1 property 20 000 (unpaid), unit 2
 * parking 5 000 → 应收 35 000, 实收 15 000, 欠收 20 000, 收缴率 42.86 %.
 * 预收 of November: opening 20 000 (Nov + Dec taken in October), received 5 000 + 3 000 − 3 000,
 * released 10 000 (November's own), closing 15 000 (December 10 000 + January 5 000).
 */
function november() {
	const p0nov = bill(0, property, '2026-11', 10000);
	const p0dec = bill(0, property, '2026-12', 10000);
	const p0jan = bill(0, property, '2027-01', 5000);
	const p0feb = bill(0, property, '2027-02', 3000);
	const p1oct = bill(1, property, '2026-10', 20000);
	bill(1, property, '2026-11', 20000);
	const k2nov = bill(2, parking, '2026-11', 5000);
	pay('2026-10-15', 'cash', [principal(property, p0nov, 10000), principal(property, p0dec, 10000)]);
	pay('2026-11-05', 'wechat', [principal(property, p1oct, 20000)], 1);
	const jan = pay('2026-11-10', 'alipay', [principal(property, p0jan, 5000)]);
	const feb = pay('2026-11-12', 'cash', [principal(property, p0feb, 3000)]);
	voidIt(feb.receiptNo, '2026-11-25');
	pay('2026-11-22', 'wechat', [principal(parking, k2nov, 5000)], 2);
	voidIt(jan.receiptNo, '2026-12-02');
}

const NOW = at('2026-12-03', '09:00');

describe('month report on a hand-made ledger', () => {
	it('adds up the days, 应收 / 实收 / 欠收 and the 预收 roll of November', () => {
		november();
		const mf = monthFigures(db, f.communityId, '2026-11-01', '2026-11-30');
		expect(mf.days).toHaveLength(30);
		expect(mf.methods).toEqual(['cash', 'wechat', 'alipay']);
		const day = (d: string) => mf.days.find((x) => x.date === d)!;
		expect(day('2026-11-05')).toMatchObject({
			receivedCount: 1,
			receivedFen: 20000,
			netFen: 20000
		});
		expect(day('2026-11-05').byMethod).toEqual({ wechat: 20000 });
		expect(day('2026-11-25')).toMatchObject({
			receivedCount: 0,
			voidedCount: 1,
			voidedFen: 3000,
			netFen: -3000,
			byMethod: { cash: -3000 }
		});
		expect(day('2026-11-01')).toMatchObject({ receivedCount: 0, voidedCount: 0, netFen: 0 });
		expect(mf.total).toEqual({
			receivedCount: 4,
			receivedFen: 33000,
			voidedCount: 1,
			voidedFen: 3000,
			netFen: 30000,
			byMethod: { cash: 0, wechat: 25000, alipay: 5000 }
		});
		expect(mf.billing).toMatchObject({
			fromMonth: '2026-11',
			toMonth: '2026-11',
			until: '2026-11-30',
			billedFen: 35000,
			creditedFen: 0,
			dueFen: 35000,
			collectedFen: 15000,
			owedFen: 20000,
			rateBp: 4286
		});
		expect(mf.advance.months).toEqual([
			{
				month: '2026-11',
				openingFen: 20000,
				receivedFen: 5000,
				releasedFen: 10000,
				closingFen: 15000
			}
		]);
	});

	it('chains the 预收 of October and November, and a past month never changes', () => {
		november();
		const both = monthFigures(db, f.communityId, '2026-10-01', '2026-11-30').advance;
		expect(both.months.map((m) => [m.month, m.openingFen, m.closingFen])).toEqual([
			['2026-10', 0, 20000],
			['2026-11', 20000, 15000]
		]);
		expect(both.total).toEqual({
			openingFen: 0,
			receivedFen: 25000,
			releasedFen: 10000,
			closingFen: 15000
		});
		// December as of 12-03: the 12-02 void takes the January prepayment back on its own date.
		const dec = monthFigures(db, f.communityId, '2026-12-01', '2026-12-03').advance.months[0];
		expect(dec).toEqual({
			month: '2026-12',
			openingFen: 15000,
			receivedFen: -5000,
			releasedFen: 10000,
			closingFen: 0
		});
	});

	it('prints 月报 with the day table, 应收 / 实收 / 欠收 and 预收 in the PDF, CSV and XLSX', async () => {
		november();
		const r = dailyReport(db, f.communityId, '2026-11-01', '2026-11-30', { now: NOW });
		const extras = reportExtras(db, f.communityId, '2026-11-01', '2026-11-30');
		const text = pdfText(
			await dailyReportPdf({ report: r, extras, printedAt: NOW, printedBy: 'm' })
		);
		expect(text).toContain('客户服务中心月报');
		expect(text).toContain('附表一、逐日收款');
		expect(text).toMatch(/欠收（应收 − 实收）\s+¥200\.00/);
		expect(text).toMatch(/2026-11\s+¥200\.00\s+¥50\.00\s+¥100\.00\s+¥150\.00/);
		expect(text).toContain('主任');
		const csv = dailyReportCsv(r, extras);
		expect(csv.slice(1).split('\r\n')[0]).toBe('月报,测试小区 测试小区管理处');
		expect(csv).toContain('\r\n2026-11-25,0,0.00,1,-30.00,-30.00,-30.00,0.00,0.00\r\n');
		expect(csv).toContain('\r\n合计,4,330.00,1,-30.00,300.00,0.00,250.00,50.00\r\n');
		expect(csv).toContain('\r\n应收（当期）,350.00\r\n');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await dailyReportXlsx(r, extras)) as unknown as ArrayBuffer);
		const ws = wb.worksheets[0];
		expect(ws.name).toBe('月报');
		const values: unknown[][] = [];
		ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
		expect(values[0][0]).toBe('月报');
		expect(values).toContainEqual(['欠收（应收 − 实收）', 200]);
		expect(values).toContainEqual(['2026-11', 200, 50, 100, 150]);
	});

	it('titles the month in progress 月报 so far; a day report has no month figures', () => {
		november();
		const r = dailyReport(db, f.communityId, '2026-12-01', '2026-12-03', { now: NOW });
		expect(dailyReportCsv(r).slice(1).split('\r\n')[0]).toBe('月报,测试小区 测试小区管理处');
		expect(reportExtras(db, f.communityId, '2026-12-03', '2026-12-03').month).toBeUndefined();
	});
});

/*
 * A generated month: payments of current bills, arrears (with late fees) and prepayments by
 * random methods, voids on the same or a later day, late-fee waivers and renovation-style
 * deposits. The month report's totals must equal the sum of its days' daily reports, and its
 * 预收 the roll worked out from every posting and void read one by one.
 */
describe('month report = sum of its days (generated)', () => {
	it('holds for every seed', () => {
		for (const seed of [11, 29, 47]) {
			forgetCommunity();
			db = createTestDb();
			f = createFixture(db);
			openTestShifts(db, f);
			[property, parking] = ensureFeeItems(db, f.communityId);
			generatedMonth(seed);
		}
	});
});

function generatedMonth(seed: number) {
	const random = rng(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const FROM = '2026-11-01';
	const TO = '2026-11-30';
	const dates = datesOf(FROM, TO);
	const methods: PaymentMethod[] = ['cash', 'wechat', 'alipay', 'card', 'transfer'];
	const billsOf = new Map<string, number[]>();
	for (let u = 0; u < f.unitIds.length; u++)
		for (let k = -3; k <= 4; k++) {
			const month = addMonths('2026-11', k);
			const id = bill(u, property, month, 5000 + Math.floor(random() * 20000));
			billsOf.set(month, [...(billsOf.get(month) ?? []), id]);
		}
	const unpaid = new Set([...billsOf.values()].flat());
	const principalOf = (id: number) =>
		(
			db.$client.prepare('SELECT principal_fen AS p FROM bills WHERE id = ?').get(id) as {
				p: number;
			}
		).p;
	const receipts: { no: string; date: string }[] = [];
	// October: a few prepayments for November on, so November opens with 预收.
	for (let i = 0; i < 3; i++) {
		const id = pick(billsOf.get(addMonths('2026-11', i))!);
		if (!unpaid.delete(id)) continue;
		pay('2026-10-10', 'cash', [principal(property, id, principalOf(id))]);
	}
	dates.forEach((date, day) => {
		for (let n = Math.floor(random() * 4); n > 0; n--) {
			const month = addMonths('2026-11', Math.floor(random() * 8) - 3);
			const id = pick(billsOf.get(month)!);
			if (!unpaid.delete(id)) continue;
			const unit = f.unitIds.indexOf(
				(db.$client.prepare('SELECT unit_id AS u FROM bills WHERE id = ?').get(id) as { u: number })
					.u
			);
			const lines: LineInput[] = [principal(property, id, principalOf(id))];
			if (month < '2026-11' && random() < 0.7)
				lines.push({ kind: 'late_fee', itemCode: property.code, billId: id, amountFen: 100 + n });
			if (random() < 0.2)
				lines.push({
					kind: 'deposit',
					itemCode: 'renovation_deposit',
					amountFen: 100000,
					refType: 'renovation',
					refId: 9999
				});
			const p = pay(date, pick(methods), lines, unit, `${String(9 + n).padStart(2, '0')}:00`);
			receipts.push({ no: p.receiptNo, date });
			if (random() < 0.2) {
				const later = dates[Math.min(dates.length - 1, day + Math.floor(random() * 5))];
				receipts.push({ no: p.receiptNo, date: `void:${later}` });
			}
			if (month < '2026-11' && random() < 0.3)
				db.insert(waiverEntries)
					.values({
						billId: id,
						amountFen: 50,
						approvedBy: f.managerId,
						localDate: date,
						createdAt: at(date, '17:00')
					})
					.run();
		}
		for (const v of receipts.filter((x) => x.date === `void:${date}`)) voidIt(v.no, date, '18:00');
	});
	// A renovation deposit taken and settled within the month: a refund and a deduction kept.
	const paidOn = dates[Math.floor(random() * 10)];
	const settledOn = dates[15 + Math.floor(random() * 10)];
	settledRenovation(db, f, {
		unit: { areaCenti: 9000, ownerName: '李娜', ownerPhone: '13700000099' },
		from: paidOn,
		until: '2027-03-31',
		scope: '墙面翻新',
		paidAt: at(paidOn, '10:30'),
		pay: { method: 'wechat', methodRef: 'WX1', bank: '', tenderedFen: null, payerName: '' },
		settledAt: at(settledOn, '15:30'),
		kept: { description: '电梯轿厢划伤', amountFen: 12000 + seed },
		refund: { method: 'cash', methodRef: '', payeeName: '' },
		keySuffix: `s${seed}`
	});
	// A void in December of a November receipt: November must not see it.
	const last = receipts.find((x) => !x.date.startsWith('void:'));
	if (last && !receipts.some((x) => x.no === last.no && x.date.startsWith('void:')))
		voidIt(last.no, '2026-12-02');

	const now = at('2026-12-03', '09:00');
	const month = dailyReport(db, f.communityId, FROM, TO, { now });
	const mf = monthFigures(db, f.communityId, FROM, TO);
	const days = dates.map((d) => dailyReport(db, f.communityId, d, d, { now }));
	const sum = (pick: (r: (typeof days)[number]) => number) => days.reduce((s, r) => s + pick(r), 0);

	// The table per day is each day's daily report.
	days.forEach((r, i) => {
		const line = mf.days[i];
		expect(line.date).toBe(r.from);
		expect(line, r.from).toMatchObject({
			receivedCount: r.collections.total.receivedCount,
			receivedFen: r.collections.reconciliation.receiptsFen,
			voidedCount: r.collections.total.voidedCount,
			voidedFen: r.collections.reconciliation.voidsFen,
			netFen: r.collections.reconciliation.netFen
		});
		for (const l of r.collections.byMethod) expect(line.byMethod[l.key] ?? 0).toBe(l.netFen);
	});
	// The month's totals are the sums of its days.
	const c = month.collections;
	expect(c.reconciliation.ok).toBe(true);
	expect(c.reconciliation.netFen).toBe(sum((r) => r.collections.reconciliation.netFen));
	expect(c.reconciliation.netFen).toBe(mf.total.netFen);
	expect(c.total.receivedCount).toBe(sum((r) => r.collections.total.receivedCount));
	expect(c.total.voidedCount).toBe(sum((r) => r.collections.total.voidedCount));
	for (const l of c.byMethod) {
		expect(l.netFen).toBe(
			sum((r) => r.collections.byMethod.find((x) => x.key === l.key)?.netFen ?? 0)
		);
		expect(mf.total.byMethod[l.key]).toBe(l.netFen);
	}
	for (const l of c.byItem)
		expect(l.netFen).toBe(
			sum((r) => r.collections.byItem.find((x) => x.key === l.key)?.netFen ?? 0)
		);
	expect(month.receipts.count).toBe(sum((r) => r.receipts.count));
	expect(month.receipts.voids.length).toBe(sum((r) => r.receipts.voids.length));
	expect(month.lateFees.collectedFen).toBe(sum((r) => r.lateFees.collectedFen));
	expect(month.lateFees.waivedFen).toBe(sum((r) => r.lateFees.waivedFen));
	// (Late fees charged are as of the period end: a bill settled on a day and voided later in the
	// month counts for that day, not for the month, so they do not add up by design.)
	const dep = month.deposits.total;
	expect(month.deposits.ok).toBe(true);
	for (const k of ['takenFen', 'voidedFen', 'refundedFen', 'deductedFen'] as const)
		expect(dep[k]).toBe(sum((r) => r.deposits.total[k]));
	expect(dep.heldAfterFen).toBe(days.at(-1)!.deposits.total.heldAfterFen);
	expect(periodIncome(c.reconciliation.netFen, dep).incomeFen).toBe(
		sum((r) => periodIncome(r.collections.reconciliation.netFen, r.deposits.total).incomeFen)
	);
	// 预收: every principal posting and every void up to the month end, one by one.
	const postings = db.$client
		.prepare(
			`SELECT bill_month AS billMonth, posted_date AS postedDate, amount_fen AS amountFen FROM principal_postings
			 WHERE kind = 'payment' AND posted_date <= ?
			 UNION ALL
			 SELECT pp.bill_month, v.local_date, -pp.amount_fen FROM payment_voids v JOIN principal_postings pp ON pp.payment_id = v.payment_id
			 WHERE pp.kind = 'payment' AND v.local_date <= ?`
		)
		.all(TO, TO) as AdvancePosting[];
	const roll = advanceRoll(postings, '2026-11');
	// The generated month holds what it should (else the sums above prove little).
	expect(roll.openingFen).toBeGreaterThan(0);
	expect(roll.receivedFen).not.toBe(0);
	expect(month.receipts.voids.length).toBeGreaterThan(0);
	expect(dep.takenFen).toBeGreaterThan(0);
	expect(dep.refundedFen).toBeGreaterThan(0);
	expect(dep.deductedFen).toBe(12000 + seed);
	expect(mf.advance.months[0]).toEqual({ month: '2026-11', ...roll });
	expect(roll.closingFen).toBe(roll.openingFen + roll.receivedFen - roll.releasedFen);
	expect(mf.billing.owedFen).toBe(mf.billing.dueFen - mf.billing.collectedFen);
	// 应收 / 实收 are the collection rate's 当期 figures, exactly.
	const rate = collectionReport(db, f.communityId, {
		fromMonth: '2026-11',
		toMonth: '2026-11',
		until: TO
	}).total;
	for (const k of ['billedFen', 'creditedFen', 'dueFen', 'collectedFen', 'rateBp'] as const)
		expect(mf.billing[k], k).toBe(rate[k]);
	expect(mf.billing.collectedFen).toBeGreaterThan(0);
}
