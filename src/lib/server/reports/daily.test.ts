import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import { firstUseSettlement, selfApplication } from '../renovation/test-fixture';
import type { Db } from '../db';
import {
	keyLoans,
	keyReturns,
	keys,
	moveinCases,
	owners,
	ticketEvents,
	tickets,
	unitOwners,
	units,
	waiverEntries,
	waiverEvents,
	waiverRequests,
	type PaymentMethod
} from '../db/schema';
import { forgetCommunity } from '../community';
import { voidPayment, type LineInput } from '../ledger';
import { at, insertTestBill, postTestPayment } from '../ledger/test-fixture';
import { ensureFeeItems } from '../fees';
import {
	createApplication,
	depositsHeld,
	payFees,
	settleDeposit,
	settlePass,
	transition,
	type Actor
} from '../renovation';
import { addDays } from '../../dates';
import { collectionsByDay, dailyReport, openTicketsByAge, type DailyReport } from './daily';
import { dailyReportCsv } from './csv';
import { dailyReportPdf } from '../pdf/daily-report';
import { pdfText } from '../pdf/pdf-text';
import { seededRandom as rng } from '../../random';

const D1 = '2026-11-20';
const D2 = '2026-11-23';
const NOW = at(D2, '09:00');

let db: Db;
let f: Fixture;

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

function pay(
	date: string,
	time: string,
	method: PaymentMethod,
	cashierId: number,
	lines: LineInput[]
) {
	return postTestPayment(db, f, { date, time, method, cashierId, lines });
}

function voidIt(receiptNo: string, date: string, time: string, reason: string) {
	// No one voids their own receipt: the admin voids the manager's.
	const { cashierId } = db.$client
		.prepare('SELECT cashier_id AS cashierId FROM payments WHERE receipt_no = ?')
		.get(receiptNo) as { cashierId: number };
	voidPayment(db, {
		communityId: f.communityId,
		receiptNo,
		reason,
		managerId: cashierId === f.managerId ? f.adminId : f.managerId,
		now: at(date, time),
		localDate: date
	});
}

/*
 * The fixed data set (amounts in fen), computed by hand below:
 *   D1 11-20 10:00 P1 cash   clerk   property principal 10000 (bill B2, due 11-20: on time)
 *   D2 11-23 08:10 P2 cash   clerk   property principal 25680 + late fee 2003 (bill B1, due 10-20)
 *   D2 08:20       P3 wechat clerk2  parking 15000
 *   D2 08:30       P4 cash   clerk2  renovation deposit 200000 + debris fee 27000
 *   D2 08:40 void P1 (房号录错); 08:50 void P3 (重复收款); B1 late fee 616 waived on D2.
 *   Tickets: a service complaint received D2 08:00 with no supervisor told (30-minute limit broken
 *   by 09:00); an enquiry of D1 answered, visited and closed the same morning.
 *   Keys: lent D1 10:00, back 11:00; lent D2 08:30 due back 08:45 (overdue at 09:00).
 *   Move-in of 1-1-201 completed D2 08:40.
 */
function fixedDay() {
	const [property, parking] = ensureFeeItems(db, f.communityId);
	const bill = (month: string, dueDate: string, principalFen: number) =>
		insertTestBill(db, f, {
			unitId: f.unitIds[0],
			feeItemId: property.id,
			month,
			dueDate,
			principalFen,
			createdAt: NOW
		});
	const b1 = bill('2026-10', '2026-10-20', 25680);
	const b2 = bill('2026-11', '2026-11-20', 10000);
	const p1 = pay(D1, '10:00', 'cash', f.clerkId, [
		{ kind: 'principal', itemCode: property.code, billId: b2, amountFen: 10000 }
	]);
	const p2 = pay(D2, '08:10', 'cash', f.clerkId, [
		{ kind: 'principal', itemCode: property.code, billId: b1, amountFen: 25680 },
		{ kind: 'late_fee', itemCode: property.code, billId: b1, amountFen: 2003 }
	]);
	const p3 = pay(D2, '08:20', 'wechat', f.clerk2Id, [
		{ kind: 'principal', itemCode: parking.code, amountFen: 15000 }
	]);
	const p4 = pay(D2, '08:30', 'cash', f.clerk2Id, [
		// As renovation posts it: deposit lines point at their renovation.
		{
			kind: 'deposit',
			itemCode: 'renovation_deposit',
			amountFen: 200000,
			refType: 'renovation',
			refId: 1
		},
		{ kind: 'charge', itemCode: 'debris_fee', amountFen: 27000 }
	]);
	voidIt(p1.receiptNo, D2, '08:40', '房号录错');
	voidIt(p3.receiptNo, D2, '08:50', '重复收款');
	db.insert(waiverEntries)
		.values({
			billId: b1,
			amountFen: 616,
			approvedBy: f.managerId,
			localDate: D2,
			createdAt: at(D2, '08:55')
		})
		.run();
	// Waiver requests: #1 filed D1, approved D2; #2 filed D1, rejected D2; #3 filed D2, pending.
	const request = (no: string, date: string) =>
		db
			.insert(waiverRequests)
			.values({
				communityId: f.communityId,
				requestNo: no,
				unitId: f.unitIds[0],
				applicantName: '张伟',
				reason: '出差',
				requestedFen: 616,
				clerkId: f.clerkId,
				localDate: date,
				createdAt: at(date, '10:00'),
				idempotencyKey: no
			})
			.returning()
			.get().id;
	const step = (requestId: number, action: 'create' | 'approve' | 'reject', date: string) =>
		db
			.insert(waiverEvents)
			.values({
				communityId: f.communityId,
				requestId,
				action,
				actorId: f.managerId,
				localDate: date,
				at: at(date, '08:55')
			})
			.run();
	const w1 = request('MC-2026-0001', D1);
	const w2 = request('MC-2026-0002', D1);
	const w3 = request('MC-2026-0003', D2);
	step(w1, 'create', D1);
	step(w2, 'create', D1);
	step(w3, 'create', D2);
	step(w1, 'approve', D2);
	step(w2, 'reject', D2);

	const ticket = (
		no: string,
		kind: 'service_complaint' | 'enquiry',
		receivedAt: number,
		closedAt: number | null
	) =>
		db
			.insert(tickets)
			.values({
				communityId: f.communityId,
				ticketNo: no,
				year: 2026,
				seq: Number(no.slice(-1)),
				kind,
				source: 'counter',
				reporterName: '张伟',
				reporterPhone: '13800000001',
				text: '…',
				state: closedAt ? 'closed' : 'open',
				receivedAt,
				recordedAt: receivedAt + 120_000,
				closedAt,
				updatedAt: receivedAt
			})
			.returning()
			.get().id;
	const event = (ticketId: number, type: string, atMs: number, data: object = {}) =>
		db
			.insert(ticketEvents)
			.values({
				ticketId,
				communityId: f.communityId,
				type,
				at: atMs,
				recordedAt: atMs,
				actorKind: 'staff',
				actorId: f.clerkId,
				actorName: 'clerk',
				data: JSON.stringify(data)
			})
			.run();
	const t1 = ticket('BS-2026-000001', 'service_complaint', at(D2, '08:00'), null);
	event(t1, 'created', at(D2, '08:00'), { source: 'counter' });
	const t2 = ticket('BS-2026-000002', 'enquiry', at(D1, '10:00'), at(D1, '11:05'));
	event(t2, 'created', at(D1, '10:00'), { source: 'counter' });
	event(t2, 'answered', at(D1, '10:30'), { text: '已答复' });
	event(t2, 'return_visit', at(D1, '11:00'), {
		rating: 'satisfied',
		method: 'phone',
		visitor: 'clerk'
	});
	event(t2, 'closed', at(D1, '11:05'));

	const key = db
		.insert(keys)
		.values({
			communityId: f.communityId,
			tagNo: 'G-01',
			kind: 'common',
			description: '天台',
			slot: 'A1',
			createdAt: NOW,
			updatedAt: NOW
		})
		.returning()
		.get().id;
	const loan = (lentAt: number, expectedReturnAt: number) =>
		db
			.insert(keyLoans)
			.values({
				communityId: f.communityId,
				keyId: key,
				lentAt,
				lentBy: f.clerkId,
				slot: 'A1',
				borrowerName: '王师傅',
				borrowerIdType: 'id_card',
				borrowerIdNumber: '330100198001010000',
				borrowerPhone: '13900000000',
				purpose: 'repair',
				consentBasis: 'not_required',
				escortStaffId: f.clerk2Id,
				expectedReturnAt,
				idempotencyKey: `loan-${lentAt}`,
				createdAt: lentAt
			})
			.returning()
			.get().id;
	const l1 = loan(at(D1, '10:00'), at(D1, '12:00'));
	db.insert(keyReturns)
		.values({
			communityId: f.communityId,
			loanId: l1,
			keyId: key,
			returnedAt: at(D1, '11:00'),
			receivedBy: f.clerkId,
			slot: 'A1',
			recordedBy: f.clerkId,
			idempotencyKey: 'ret-1',
			createdAt: at(D1, '11:00')
		})
		.run();
	loan(at(D2, '08:30'), at(D2, '08:45'));

	db.insert(moveinCases)
		.values({
			communityId: f.communityId,
			unitId: f.unitIds[2],
			ownerName: '王芳',
			ownerType: 'individual',
			mortgage: false,
			proxy: false,
			feeStartMonth: '2026-11',
			feeMonths: 6,
			status: 'completed',
			openedBy: f.clerkId,
			openedAt: at(D2, '08:00'),
			completedBy: f.clerkId,
			completedAt: at(D2, '08:40')
		})
		.run();
	return { p1, p2, p3, p4 };
}

describe('daily report on a fixed day', () => {
	it('adds up collections by item, method and cashier, with voids on their own date', () => {
		const { p1, p2, p3, p4 } = fixedDay();
		const r = dailyReport(db, f.communityId, D2, D2, { now: NOW });
		expect(r).toMatchObject({
			from: D2,
			to: D2,
			days: 1,
			partial: true,
			asOfMs: NOW,
			communityName: '测试小区'
		});
		const c = r.collections;
		expect(c.total).toEqual({
			receivedFen: 269683,
			receivedCount: 3,
			voidedFen: 25000,
			voidedCount: 2,
			netFen: 244683
		});
		expect(c.reconciliation).toEqual({
			receiptsFen: 269683,
			voidsFen: 25000,
			netFen: 244683,
			byItemFen: 244683,
			byMethodFen: 244683,
			byCashierFen: 244683,
			ok: true
		});
		expect(c.byItem.map((l) => [l.nameZh, l.kind, l.receivedFen, l.voidedFen, l.netFen])).toEqual([
			['物业服务费', 'principal', 25680, 10000, 15680],
			['物业服务费', 'late_fee', 2003, 0, 2003],
			['车位物业服务费', 'principal', 15000, 15000, 0],
			['装修保证金', 'deposit', 200000, 0, 200000],
			['装修垃圾清运费', 'charge', 27000, 0, 27000]
		]);
		expect(c.byMethod.map((l) => [l.key, l.receivedCount, l.voidedCount, l.netFen])).toEqual([
			['cash', 2, 1, 244683],
			['wechat', 1, 1, 0]
		]);
		expect(c.byCashier.map((l) => [l.name, l.netFen])).toEqual([
			['clerk', 17683],
			['clerk2', 227000]
		]);

		expect(r.receipts).toEqual({
			count: 3,
			first: p2.receiptNo,
			last: p4.receiptNo,
			voidedSinceIssued: 1,
			voids: [
				{
					receiptNo: p1.receiptNo,
					issuedOn: D1,
					voidedOn: D2,
					totalFen: 10000,
					method: 'cash',
					cashier: 'clerk CLERK',
					reason: '房号录错',
					category: null,
					crossMonth: false,
					voidedBy: 'manager MANAGER'
				},
				{
					receiptNo: p3.receiptNo,
					issuedOn: D2,
					voidedOn: D2,
					totalFen: 15000,
					method: 'wechat',
					cashier: 'clerk2 CLERK2',
					reason: '重复收款',
					category: null,
					crossMonth: false,
					voidedBy: 'manager MANAGER'
				}
			]
		});
		// B1: 25 680 × 34 days × 3‰ = 2 619.36 → 2 619 = 2 003 paid + 616 waived + 0 owed.
		expect(r.lateFees).toEqual({
			collectedFen: 2003,
			waivedFen: 616,
			charged: {
				bills: 1,
				billsWithFee: 1,
				chargedFen: 2619,
				collectedFen: 2003,
				waivedFen: 616,
				owedFen: 0
			}
		});
		expect(r.deposits.ok).toBe(true);
		expect(r.deposits.total).toMatchObject({
			heldBeforeFen: 0,
			takenFen: 200000,
			voidedFen: 0,
			refundedFen: 0,
			deductedFen: 0,
			heldAfterFen: 200000
		});
		expect(r.waivers).toEqual({
			filed: 1,
			pending: 1,
			approved: 1,
			rejected: 1,
			returned: 0,
			waivedFen: 616
		});
		expect(dailyReport(db, f.communityId, D1, D1, { now: NOW }).waivers).toEqual({
			filed: 2,
			pending: 2,
			approved: 0,
			rejected: 0,
			returned: 0,
			waivedFen: 0
		});
	});

	it('counts tickets, their broken limits, keys and move-ins of the day', () => {
		fixedDay();
		const r = dailyReport(db, f.communityId, D2, D2, { now: NOW });
		expect(r.tickets).toMatchObject({ opened: 1, dispatched: 0, closed: 0, openAtEnd: 1 });
		const limits = Object.fromEntries(
			r.tickets.limits.map((l) => [l.limit, [l.brokenInPeriod, l.overdueAtEnd]])
		);
		expect(limits).toMatchObject({
			record: [0, 0],
			supervisor: [1, 1],
			result: [0, 0],
			return_visit: [0, 0]
		});
		expect(r.keys).toEqual({ lent: 1, returned: 0, outstanding: 1, overdue: 1 });
		expect(r.moveIns).toEqual({ completed: 1, units: ['1-1-201'] });
		expect(openTicketsByAge(db, f.communityId, NOW).map((b) => b.count)).toEqual([1, 0, 0, 0, 0]);
	});

	it('keeps a past day as it was: a later void counts on its own date', () => {
		const { p1 } = fixedDay();
		const d1 = dailyReport(db, f.communityId, D1, D1, { now: NOW });
		expect(d1.partial).toBe(false);
		expect(d1.collections.total).toMatchObject({ receivedFen: 10000, voidedFen: 0, netFen: 10000 });
		expect(d1.receipts).toMatchObject({
			count: 1,
			first: p1.receiptNo,
			last: p1.receiptNo,
			voidedSinceIssued: 0,
			voids: []
		});
		// B2 was paid on its due date: no late fee to fix.
		expect(d1.lateFees.charged).toEqual({
			bills: 0,
			billsWithFee: 0,
			chargedFen: 0,
			collectedFen: 0,
			waivedFen: 0,
			owedFen: 0
		});
		expect(d1.tickets).toMatchObject({ opened: 1, closed: 1, openAtEnd: 0 });
		expect(d1.tickets.limits.every((l) => l.brokenInPeriod === 0 && l.overdueAtEnd === 0)).toBe(
			true
		);
		expect(d1.keys).toEqual({ lent: 1, returned: 1, outstanding: 0, overdue: 0 });

		const range = dailyReport(db, f.communityId, D1, D2, { now: NOW });
		expect(range.days).toBe(4);
		expect(range.receipts).toMatchObject({ count: 4, first: p1.receiptNo, voidedSinceIssued: 2 });
		expect(range.collections.reconciliation).toMatchObject({
			receiptsFen: 279683,
			voidsFen: 25000,
			netFen: 254683,
			ok: true
		});
		expect(collectionsByDay(db, f.communityId, D1, D2)).toEqual([
			{ date: D1, fen: 10000 },
			{ date: '2026-11-21', fen: 0 },
			{ date: '2026-11-22', fen: 0 },
			{ date: D2, fen: 244683 }
		]);
	});

	it('prints the figures in the CSV (BOM, Chinese headers) and the A4 PDF with its signature line', async () => {
		const { p2, p4 } = fixedDay();
		const r = dailyReport(db, f.communityId, D2, D2, { now: NOW });
		const csv = dailyReportCsv(r);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe('日报,测试小区 测试小区管理处');
		expect(lines).toContain('收费项目,收款笔数,收款金额,作废笔数,作废冲减,净额');
		expect(lines).toContain('物业服务费,1,256.80,1,-100.00,156.80');
		expect(lines).toContain('物业服务费滞纳金,1,20.03,0,0.00,20.03');
		expect(lines).toContain('现金,2,2546.83,1,-100.00,2446.83');
		expect(lines).toContain('实收净额,,2446.83');
		expect(lines).toContain(`起止号码,${p2.receiptNo} — ${p4.receiptNo}`);
		expect(csv).toContain('重复收款');

		const text = pdfText(
			await dailyReportPdf({ report: r, printedAt: NOW, printedBy: 'manager MANAGER' })
		).replace(/[ \t]+/g, ' ');
		expect(text).toContain('客户服务中心日报');
		expect(text).toContain('实收净额 ¥2,446.83');
		expect(text).toMatch(/现金 2 ¥2,546.83 1 -¥100.00 ¥2,446.83/);
		expect(text).toContain('房号录错');
		expect(text).toMatch(/制表：.*审核：.*主任：/);
		// No import in the period: no 期初导入 section.
		expect(csv).not.toContain('期初导入');
	});

	it('shows opening balances imported in the period apart, in the CSV and the PDF (十四、期初导入)', async () => {
		fixedDay();
		const r = dailyReport(db, f.communityId, D2, D2, { now: NOW });
		const opening = [
			{ kind: 'opening_bills' as const, rows: 3, totalFen: 123456 },
			{ kind: 'opening_credits' as const, rows: 1, totalFen: 50000 }
		];
		const lines = dailyReportCsv(r, { opening }).slice(1).split('\r\n');
		expect(lines).toContain('十四、期初导入');
		expect(lines).toContain('期初欠费,3,1234.56');
		expect(lines).toContain('期初预存/押金,1,500.00');
		// The takings are unchanged by it.
		expect(lines).toContain('实收净额,,2446.83');
		const text = pdfText(
			await dailyReportPdf({ report: r, extras: { opening }, printedAt: NOW, printedBy: 'm' })
		).replace(/[ \t]+/g, ' ');
		expect(text).toContain('十四、期初导入');
		expect(text).toMatch(/期初欠费 3 ¥1,234.56/);
	});
});

describe('cross-month voids', () => {
	it('a receipt of an earlier month voided this month is listed as 跨月作废 with its category, on the page data, CSV and PDF', async () => {
		const old = pay('2026-10-30', '10:00', 'wechat', f.clerkId, [
			{ kind: 'principal', itemCode: 'property', amountFen: 12300 }
		]);
		const same = pay('2026-11-02', '10:00', 'wechat', f.clerkId, [
			{ kind: 'principal', itemCode: 'property', amountFen: 4500 }
		]);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: old.receiptNo,
			reason: '业主重复缴费',
			category: 'duplicate',
			managerId: f.managerId,
			now: at('2026-11-02', '11:00'),
			localDate: '2026-11-02'
		});
		voidIt(same.receiptNo, '2026-11-02', '11:30', '金额录错');
		const r = dailyReport(db, f.communityId, '2026-11-02', '2026-11-02', { now: NOW });
		expect(r.receipts.voids.map((v) => [v.receiptNo, v.crossMonth, v.category])).toEqual([
			[old.receiptNo, true, 'duplicate'],
			[same.receiptNo, false, null]
		]);
		const csv = dailyReportCsv(r);
		expect(csv).toContain('【跨月作废·重复收费】业主重复缴费');
		expect(csv).not.toContain('【跨月作废·重复收费】金额录错');
		const text = pdfText(
			await dailyReportPdf({ report: r, printedAt: NOW, printedBy: 'manager MANAGER' })
		);
		expect(text).toContain('跨月作废');
	});
});

/*
 * First use (issue 11): a deposit taken on D1 is settled on D2 keeping ¥350; a transfer is paid on
 * D2. The report is titled by its period, the 按收费项目 合计 counts receipts, deposits print as
 * the formula names them, the ¥350 is income of D2, methods carry the screen's labels, and the PDF
 * never breaks a receipt number or a date.
 */
describe('as a bookkeeper reads it', () => {
	/** A deposit taken on D1 (by WeChat) and settled on D2 keeping ¥350, refunded by transfer. */
	function renovationSettledOnD2() {
		firstUseSettlement(db, f, D1, D2, 'first-use');
	}

	it('titles, counts, deposits, income and method labels in the CSV and the PDF', async () => {
		const { p1 } = fixedDay();
		const [, parking] = ensureFeeItems(db, f.communityId);
		pay(D2, '08:45', 'transfer', f.clerkId, [
			{ kind: 'principal', itemCode: parking.code, amountFen: 5000 }
		]);
		renovationSettledOnD2();
		const r = dailyReport(db, f.communityId, D2, D2, { now: NOW });
		const pdfBuf = await dailyReportPdf({
			report: r,
			printedAt: NOW,
			printedBy: 'manager MANAGER'
		});
		const lines = dailyReportCsv(r).slice(1).split('\r\n');
		expect(lines[0]).toBe('日报,测试小区 测试小区管理处');
		// D2: 4 receipts (P2, P3, P4, the transfer) carry 6 item lines; 2 receipts voided (P1, P3).
		const byItem = lines.indexOf('二、按收费项目');
		const total = lines.slice(byItem).find((l) => l.startsWith('合计,'));
		expect(total).toBe('合计,4,2746.83,2,-250.00,2496.83');
		expect(lines).toContain('银行汇款,1,50.00,0,0.00,50.00');
		// Deposits: voided, refunded and deducted as positive amounts under 期初 + 收取 − 作废 − 退还 − 扣除 = 期末.
		const deposit = lines
			.slice(lines.indexOf('八、押金'))
			.find((l) => l.startsWith('装修保证金,'))!;
		const [, before, taken, voided, refunded, deducted, after] = deposit.split(',').map(Number);
		expect([taken, voided, deducted]).toEqual([2000, 0, 350]);
		// (P4's deposit line names renovation 1, this one: the settlement returns both deposits less ¥350.)
		expect([before, refunded, after]).toEqual([2000, 3650, 0]);
		expect(before + taken - voided - refunded - deducted).toBe(after);
		expect(lines).toContain('押金项目,期初结存,本期收取,作废,退还,扣除,期末结存');
		// The ¥350 kept is income of D2: net 2496.83 − deposits 2000 + 350.
		expect(lines).toContain('保证金扣款收入（从押金中扣除）,,350.00');
		expect(lines).toContain('本期收入,,846.83');

		const text = pdfText(pdfBuf).replace(/[ \t]+/g, ' ');
		expect(text).toContain('客户服务中心日报');
		expect(text).toMatch(/银行汇款 1 ¥50.00 0 ¥0.00 ¥50.00/);
		expect(text).toMatch(/合计 4 ¥2,746.83 2 -¥250.00 ¥2,496.83/);
		expect(text).toContain('保证金扣款收入（从押金中扣除） ¥350.00');
		expect(text).toMatch(/装修保证金 ¥[\d,.]+ ¥2,000.00 ¥0.00 ¥[\d,.]+ ¥350.00 ¥[\d,.]+/);
		// The voided receipt's number and both dates whole, on one line.
		expect(text).toContain(`${p1.receiptNo} ${D1} ${D2} ¥100.00`);
	});

	it('titles a whole month 月报 and any other range 期间报表', async () => {
		fixedDay();
		const month = dailyReport(db, f.communityId, '2026-10-01', '2026-10-31', { now: NOW });
		expect(dailyReportCsv(month).slice(1).split('\r\n')[0]).toBe('月报,测试小区 测试小区管理处');
		expect(
			pdfText(await dailyReportPdf({ report: month, printedAt: NOW, printedBy: 'm' }))
		).toContain('客户服务中心月报');
		const range = dailyReport(db, f.communityId, D1, D2, { now: NOW });
		expect(dailyReportCsv(range).slice(1).split('\r\n')[0]).toBe(
			'期间报表,测试小区 测试小区管理处'
		);
		const text = pdfText(await dailyReportPdf({ report: range, printedAt: NOW, printedBy: 'm' }));
		expect(text).toContain('客户服务中心期间报表');
		expect(text).not.toContain('日报');
	});
});

/*
 * Generated data: 12 days of receipts (random items, methods, cashiers), voids on the same or a
 * later day, and renovations whose deposits are taken, voided, refunded with deductions and
 * settled pass by pass. Every day and the whole range must reconcile, each day's deposits must
 * start where the day before ended, and a day's report must not change as later days happen.
 */
describe('reconciliation on generated data', () => {
	it('reconciles every day and the range, and past days never change', () => {
		const random = rng(909);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const FIRST = '2026-11-01';
		const DAYS = 12;
		const dates = Array.from({ length: DAYS }, (_, i) => addDays(FIRST, i));
		const clerk: Actor = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
		const manager: Actor = { id: f.managerId, communityId: f.communityId, role: 'manager' };
		// More units with owners for the renovations (one open application per unit).
		const extra = Array.from({ length: 6 }, (_, i) => {
			const code = `2-1-${101 + i}`;
			const id = db
				.insert(units)
				.values({
					communityId: f.communityId,
					building: '2',
					entrance: '1',
					room: String(101 + i),
					code,
					areaCenti: 8000 + i * 1000,
					occupancy: 'occupied',
					createdAt: NOW
				})
				.returning()
				.get().id;
			const o = db
				.insert(owners)
				.values({
					communityId: f.communityId,
					name: `业主${i}`,
					phone: `1370000000${i}`,
					createdAt: NOW
				})
				.returning()
				.get();
			db.insert(unitOwners).values({ unitId: id, ownerId: o.id, role: 'owner' }).run();
			return code;
		});
		const items: [LineInput['kind'], string][] = [
			['principal', 'property'],
			['principal', 'parking'],
			['late_fee', 'property'],
			['charge', 'debris_fee']
		];
		const methods: PaymentMethod[] = [
			'cash',
			'cash',
			'wechat',
			'alipay',
			'card',
			'transfer',
			'cheque'
		];
		const cashiers = [f.clerkId, f.clerk2Id, f.managerId];
		const posted: { receiptNo: string; date: string }[] = [];
		const pendingVoids: { receiptNo: string; date: string }[] = [];
		const renovations: {
			id: number;
			passIds: number[];
			receiptNo: string;
			settleOn: string;
			voidOn: string | null;
		}[] = [];
		const snapshots = new Map<string, DailyReport>();
		// When it was made (generatedAt, today) is not a figure.
		const strip = (r: DailyReport) => ({ ...r, generatedAt: 0, today: '' });
		let key = 0;

		dates.forEach((date, day) => {
			let minute = 8 * 60;
			const time = () => {
				minute += 1 + Math.floor(random() * 20);
				return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
			};
			for (let n = 3 + Math.floor(random() * 6); n > 0; n--) {
				const lines: LineInput[] = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
					const [kind, itemCode] = pick(items);
					return { kind, itemCode, amountFen: 100 + Math.floor(random() * 50000) };
				});
				const p = pay(date, time(), pick(methods), pick(cashiers), lines);
				posted.push({ receiptNo: p.receiptNo, date });
				if (random() < 0.25)
					pendingVoids.push({
						receiptNo: p.receiptNo,
						date: dates[Math.min(DAYS - 1, day + Math.floor(random() * 3))]
					});
			}
			// A renovation every other day on the next free unit: deposit + passes taken today.
			if (day % 2 === 0 && day / 2 < extra.length) {
				const t = at(date, time());
				const { id } = createApplication(
					db,
					clerk,
					selfApplication(extra[day / 2], date, '2027-03-31', '墙面翻新', `app-${++key}`),
					t
				);
				transition(db, manager, id, { action: 'approve' }, { now: t });
				const workers = Array.from({ length: 1 + (day % 3) }, (_, i) => ({
					name: `工人${day}${i}`,
					idNumber: `33010219850715${String(day * 10 + i).padStart(3, '0')}X`,
					phone: '13957100000',
					idCopyOnFile: true,
					photoOnFile: true,
					expiresOn: '2027-03-31'
				}));
				const paid = payFees(
					db,
					clerk,
					{
						renovationId: id,
						agreementSigned: true,
						wallAreaCenti: 0,
						workers,
						method: {
							method: 'cash',
							methodRef: '',
							bank: '',
							tenderedFen: 5_000_000,
							payerName: '',
							idempotencyKey: `fee-${++key}`
						}
					},
					t
				);
				// The third renovation's receipt is voided two days later instead of being settled.
				const voided = day / 2 === 2;
				renovations.push({
					id,
					passIds: paid.passIds,
					receiptNo: paid.receiptNo,
					settleOn: dates[Math.min(DAYS - 1, day + 3)],
					voidOn: voided ? dates[day + 2] : null
				});
			}
			for (const r of renovations.filter((x) => x.settleOn === date && !x.voidOn)) {
				const t = at(date, time());
				transition(db, clerk, r.id, { action: 'issue_permit', until: '2027-03-31' }, { now: t });
				transition(db, clerk, r.id, { action: 'start' }, { now: t });
				transition(db, clerk, r.id, { action: 'inspect_pass' }, { now: t });
				settleDeposit(
					db,
					clerk,
					{
						renovationId: r.id,
						deductions:
							random() < 0.5
								? [{ description: '电梯轿厢划伤', amountFen: 10000 + Math.floor(random() * 50000) }]
								: [],
						refund: { method: 'cash', methodRef: '', payeeName: '', idempotencyKey: `ref-${++key}` }
					},
					t
				);
				r.passIds.forEach((passId, i) =>
					settlePass(
						db,
						clerk,
						{
							passId,
							outcome: i === 0 && random() < 0.5 ? 'lost' : 'returned',
							refund: {
								method: 'cash',
								methodRef: '',
								payeeName: '',
								idempotencyKey: `pass-${++key}`
							}
						},
						t
					)
				);
			}
			for (const r of renovations.filter((x) => x.voidOn === date))
				voidIt(r.receiptNo, date, time(), '申请撤回');
			for (const v of pendingVoids.filter((x) => x.date === date))
				voidIt(v.receiptNo, date, time(), '随机作废');
			// Taken when the day is over (nothing later has happened yet).
			snapshots.set(
				date,
				dailyReport(db, f.communityId, date, date, { now: at(addDays(date, 1), '00:00') })
			);
		});

		const end = at(addDays(dates[DAYS - 1], 1), '00:00');
		// Independent figures straight from the tables, per date.
		const sql = (q: string, ...args: unknown[]) =>
			(db.$client.prepare(q).get(...args) as { fen: number | null }).fen ?? 0;
		let previousHeld = 0;
		let rangeNet = 0;
		for (const date of dates) {
			const r = dailyReport(db, f.communityId, date, date, { now: end });
			expect(strip(r), `${date} unchanged`).toEqual(strip(snapshots.get(date)!));
			const receipts = sql('SELECT sum(total_fen) AS fen FROM payments WHERE local_date = ?', date);
			const voids = sql(
				'SELECT sum(p.total_fen) AS fen FROM payment_voids v JOIN payments p ON p.id = v.payment_id WHERE v.local_date = ?',
				date
			);
			const rec = r.collections.reconciliation;
			expect(rec, date).toMatchObject({
				receiptsFen: receipts,
				voidsFen: voids,
				netFen: receipts - voids,
				byItemFen: receipts - voids,
				byMethodFen: receipts - voids,
				byCashierFen: receipts - voids,
				ok: true
			});
			expect(r.deposits.ok, date).toBe(true);
			expect(r.deposits.total.heldBeforeFen, date).toBe(previousHeld);
			const held = sql(
				`SELECT (SELECT coalesce(sum(pl.amount_fen), 0) FROM payment_lines pl
					JOIN payments p ON p.id = pl.payment_id WHERE pl.kind = 'deposit' AND p.local_date <= @d
					AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.local_date <= @d))
				 - (SELECT coalesce(sum(l.amount_fen), 0) FROM deposit_settlement_lines l
					JOIN deposit_settlements s ON s.id = l.settlement_id WHERE s.local_date <= @d) AS fen`,
				{ d: date }
			);
			expect(r.deposits.total.heldAfterFen, date).toBe(held);
			// The renovation area's figure (read through the ref index) agrees with the plain query above.
			expect(depositsHeld(db, f.communityId, date).totalFen, date).toBe(held);
			previousHeld = r.deposits.total.heldAfterFen;
			rangeNet += rec.netFen;
		}
		const all = dailyReport(db, f.communityId, dates[0], dates[DAYS - 1], { now: end });
		expect(all.collections.reconciliation.ok).toBe(true);
		expect(all.collections.reconciliation.netFen).toBe(rangeNet);
		expect(all.receipts.count).toBe(posted.length + renovations.length);
		expect(all.receipts.voids.length).toBe(pendingVoids.length + 1);
		expect(all.deposits.ok).toBe(true);
		expect(all.deposits.total).toMatchObject({ heldBeforeFen: 0, heldAfterFen: previousHeld });
		expect(all.deposits.total.voidedFen).toBeGreaterThan(0);
		expect(all.deposits.total.refundedFen).toBeGreaterThan(0);
		expect(all.renovation.applications).toBe(renovations.length);
		expect(
			collectionsByDay(db, f.communityId, dates[0], dates[DAYS - 1]).reduce((s, d) => s + d.fen, 0)
		).toBe(rangeNet);
	});
});
