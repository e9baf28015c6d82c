import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import {
	keyLoans,
	keys,
	ticketEvents,
	tickets,
	waiverRequests,
	type PaymentMethod
} from '../db/schema';
import { forgetCommunity } from '../community';
import { postPayment, voidPayment } from '../ledger';
import { settledRenovation } from '../renovation/test-fixture';
import { localToEpochMs } from '../../dates';
import {
	acknowledgeShift,
	closeShift,
	closedShift,
	closedShifts,
	handedOverTo,
	openShift,
	openShiftOf,
	shiftCash,
	ShiftError,
	type CloseShiftInput
} from './index';
import { dailyReport } from '../reports/daily';
import { dailyReportCsv } from '../reports/csv';
import { shiftHandoverPdf } from '../pdf/shift-handover';
import { pdfText } from '../pdf/pdf-text';

const TZ = 'Asia/Shanghai';
const DAY = '2026-11-23';
const at = (time: string) => localToEpochMs(DAY, time, TZ);

let db: Db;
let f: Fixture;
let key = 0;

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
});

function pay(time: string, method: PaymentMethod, cashierId: number, amountFen: number) {
	return postPayment(db, {
		communityId: f.communityId,
		unitId: f.unitIds[0],
		purpose: 'fees',
		payerName: '张伟',
		method,
		methodRef: method === 'cash' ? '' : `REF${++key}`,
		tenderedFen: method === 'cash' ? amountFen + 5000 : null,
		cashierId,
		idempotencyKey: `pay-${++key}`,
		lines: [{ kind: 'principal', itemCode: 'property', amountFen }],
		now: at(time),
		localDate: DAY
	});
}

const code = codeOf(ShiftError);

const open = (cashierId = f.clerkId, time = '08:00', float = 50000) =>
	openShift(db, {
		communityId: f.communityId,
		cashierId,
		openingFloatFen: float,
		idempotencyKey: `open-${++key}`,
		now: at(time)
	});
const close = (shiftId: number, over: Partial<CloseShiftInput> = {}) =>
	closeShift(db, {
		communityId: f.communityId,
		cashierId: f.clerkId,
		shiftId,
		countedFen: 0,
		note: '',
		successorId: null,
		idempotencyKey: `close-${++key}`,
		now: at('17:00'),
		...over
	});

/** A renovation of unit 2-1-101 paid in cash by the clerk at 10:00 and refunded in cash at 15:00 (deposit 2 000.00, 300.00 kept). */
function renovationRefund(beforeRefund?: () => void): { paidFen: number; refundFen: number } {
	return settledRenovation(db, f, {
		unit: { areaCenti: 9000, ownerName: '赵六', ownerPhone: '13700000009' },
		from: DAY,
		until: '2027-01-31',
		scope: '刷墙',
		paidAt: at('10:00'),
		pay: { method: 'cash', methodRef: '', bank: '', tenderedFen: 1_000_000, payerName: '' },
		settledAt: at('15:00'),
		kept: { description: '公共走廊墙面污损', amountFen: 30000 },
		refund: { method: 'cash', methodRef: '', payeeName: '' },
		keySuffix: String(++key),
		beforeRefund
	});
}

describe('opening a shift', () => {
	it('opens once per cashier; a replayed form returns the same shift', () => {
		const s = openShift(db, {
			communityId: f.communityId,
			cashierId: f.clerkId,
			openingFloatFen: 50000,
			idempotencyKey: 'same',
			now: at('08:00')
		});
		expect(s).toMatchObject({
			cashierId: f.clerkId,
			localDate: DAY,
			openingFloatFen: 50000,
			openedAt: at('08:00')
		});
		expect(
			openShift(db, {
				communityId: f.communityId,
				cashierId: f.clerkId,
				openingFloatFen: 50000,
				idempotencyKey: 'same',
				now: at('08:01')
			}).id
		).toBe(s.id);
		expect(code(() => open(f.clerkId, '08:02'))).toBe('already_open');
		expect(code(() => open(f.clerk2Id, '08:02'))).toBe('ok');
		expect(code(() => open(f.managerId, '08:02', -1))).toBe('bad_amount');
		expect(code(() => open(f.managerId, '08:02', 1.5))).toBe('bad_amount');
		expect(openShiftOf(db, f.communityId, f.clerkId)?.id).toBe(s.id);
	});
});

describe('cash only inside a shift', () => {
	it('refuses cash taken or paid out without an open shift of the cashier, and writes nothing; other methods need none', () => {
		const count = () =>
			(
				db.$client
					.prepare(
						'SELECT (SELECT count(*) FROM payments) + (SELECT count(*) FROM deposit_settlements) AS n'
					)
					.get() as { n: number }
			).n;
		expect(() => pay('09:00', 'cash', f.clerkId, 1000)).toThrow(/no_open_shift/);
		expect(count()).toBe(0);
		expect(pay('09:01', 'wechat', f.clerkId, 1000).receiptNo).toBeTruthy();
		// Another cashier's shift does not count, nor one that had not started yet.
		open(f.clerk2Id, '08:00', 0);
		expect(() => pay('09:02', 'cash', f.clerkId, 1000)).toThrow(/no_open_shift/);
		const s = open(f.clerkId, '10:00', 0);
		expect(() => pay('09:59', 'cash', f.clerkId, 1000)).toThrow(/no_open_shift/);
		pay('10:01', 'cash', f.clerkId, 1000);
		// A cash refund of a deposit is cash paid out of the drawer: it needs the shift too.
		expect(() =>
			renovationRefund(() =>
				close(s.id, { now: at('10:30'), countedFen: 1000, note: '装修费另存' })
			)
		).toThrow(/no_open_shift/);
		expect(count()).toBe(3);
	});
});

describe('the daily report ties cash to the shifts', () => {
	it('lists each shift with its cash of the day; the total equals the 现金 method line; cash outside a shift is flagged', () => {
		const s1 = open(f.clerkId, '08:00', 50000);
		open(f.clerk2Id, '08:30', 0);
		pay('09:00', 'cash', f.clerkId, 25680);
		const wrong = pay('09:10', 'cash', f.clerkId, 12000);
		pay('09:20', 'cash', f.clerk2Id, 30000);
		pay('09:30', 'wechat', f.clerk2Id, 15000); // not cash: not in the tie
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: wrong.receiptNo,
			reason: '金额录错',
			managerId: f.managerId,
			now: at('09:40'),
			localDate: DAY
		});
		const late = pay('11:00', 'cash', f.clerkId, 1000);
		close(s1.id, { now: at('12:00'), countedFen: 50000 + 25680 + 1000 });
		const r = dailyReport(db, f.communityId, DAY, DAY, { now: at('18:00') });
		const tie = r.shifts.cash;
		expect(
			tie.lines.map((l) => [
				l.cashierName,
				l.openingFloatFen,
				l.receivedFen,
				l.receivedCount,
				l.voidedFen,
				l.expectedFen,
				l.countedFen,
				l.differenceFen,
				l.closedAt === null
			])
		).toEqual([
			['clerk', 50000, 38680, 3, 12000, 76680, 76680, 0, false],
			['clerk2', 0, 30000, 1, 0, 30000, null, null, true]
		]);
		expect(tie.methodNetFen).toBe(r.collections.byMethod.find((l) => l.key === 'cash')!.netFen);
		expect(tie.total.netFen).toBe(56680);
		expect(tie.ok).toBe(true);
		// The printed report (PDF and CSV share these sections) carries the same tie, line by line.
		const csv = dailyReportCsv(r).split('\r\n');
		const at13 = csv.findIndex((l) => l.startsWith('十三、现金与班次核对'));
		expect(at13).toBeGreaterThan(0);
		expect(csv[at13 + 2]).toMatch(
			/^clerk CLERK,.*,500\.00,386\.80,120\.00,0\.00,766\.80,766\.80,0\.00$/
		);
		expect(csv[at13 + 3]).toMatch(/^clerk2 CLERK2,.*未交班,0\.00,300\.00,0\.00,0\.00,300\.00,—,—$/);
		expect(csv[at13 + 4]).toBe('合计,,,686.80,120.00,0.00,,,');
		expect(csv.slice(at13).join('\n')).toContain(
			'收现 − 作废 = ¥566.80，与按缴费方式的现金 ¥566.80 相符。'
		);

		// A cash receipt of clerk voided after clerk handed over: the money left no shift's drawer.
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: late.receiptNo,
			reason: '重复收款',
			managerId: f.managerId,
			now: at('15:00'),
			localDate: DAY
		});
		const again = dailyReport(db, f.communityId, DAY, DAY, { now: at('18:00') }).shifts.cash;
		expect(again.outside).toMatchObject({ voidedFen: 1000, voidedCount: 1, receivedCount: 0 });
		expect(again.total.netFen).toBe(again.methodNetFen);
		expect(again.ok).toBe(false);
	});
});

describe('cheques and card slips at the handover', () => {
	it('counts what the cashier took and still holds; a mismatch needs a note', () => {
		const s = open(f.clerkId, '08:00', 0);
		pay('09:00', 'cheque', f.clerkId, 50000);
		pay('09:10', 'cheque', f.clerkId, 20000);
		pay('09:20', 'card', f.clerkId, 12000);
		const back = pay('09:30', 'card', f.clerkId, 3000);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: back.receiptNo,
			reason: '重复刷卡',
			managerId: f.managerId,
			now: at('09:40'),
			localDate: DAY
		});
		pay('09:50', 'cheque', f.clerk2Id, 99900); // another cashier's
		expect(shiftCash(db, s, at('17:00'))).toMatchObject({
			chequeCount: 2,
			chequeFen: 70000,
			cardCount: 1,
			cardFen: 12000
		});
		// One cheque missing: refused without a note.
		expect(
			code(() =>
				close(s.id, { cheques: { count: 1, fen: 50000 }, cards: { count: 1, fen: 12000 } })
			)
		).toBe('note_required');
		expect(code(() => close(s.id, { cheques: { count: -1, fen: 0 } }))).toBe('bad_amount');
		const closed = close(s.id, {
			cheques: { count: 1, fen: 50000 },
			cards: { count: 1, fen: 12000 },
			note: '一张支票已交财务'
		});
		expect(closed).toMatchObject({
			chequeCount: 2,
			chequeFen: 70000,
			chequeCountedCount: 1,
			chequeCountedFen: 50000,
			cardCount: 1,
			cardFen: 12000,
			cardCountedCount: 1,
			cardCountedFen: 12000,
			differenceFen: 0
		});
	});
});

describe('the manager acknowledges a difference; the successor opens the record', () => {
	it('acknowledges once, never one’s own shift nor one without a difference; lists handovers to the successor', async () => {
		const s = open(f.clerkId, '08:00', 10000);
		close(s.id, { countedFen: 9000, note: '短款 10 元', successorId: f.clerk2Id });
		const even = open(f.managerId, '08:00', 0);
		close(even.id, { cashierId: f.managerId, countedFen: 0 });
		const ack = (shiftId: number, managerId = f.managerId, idem = `ack-${++key}`) =>
			acknowledgeShift(db, {
				communityId: f.communityId,
				shiftId,
				managerId,
				note: '已核实',
				idempotencyKey: idem,
				now: at('18:00')
			});
		expect(code(() => ack(even.id, f.adminId))).toBe('nothing_to_acknowledge');
		expect(code(() => ack(even.id))).toBe('not_yours'); // the manager's own shift
		expect(code(() => ack(9999))).toBe('not_found');
		expect(
			code(() =>
				acknowledgeShift(db, {
					communityId: f.otherCommunityId,
					shiftId: s.id,
					managerId: f.managerId,
					note: '',
					idempotencyKey: 'x-1',
					now: at('18:00')
				})
			)
		).toBe('not_found');
		const done = ack(s.id, f.managerId, 'ack-once');
		expect(done).toMatchObject({
			acknowledgedBy: 'manager',
			acknowledgeNote: '已核实',
			acknowledgedAt: at('18:00')
		});
		expect(ack(s.id, f.managerId, 'ack-once').acknowledgedAt).toBe(at('18:00')); // a replay
		expect(code(() => ack(s.id))).toBe('already_acknowledged');
		const text = pdfText(
			await shiftHandoverPdf({
				communityName: '测试小区',
				centreName: '测试小区管理处',
				timeZone: TZ,
				shift: closedShift(db, f.communityId, s.id)!,
				printedAt: at('18:05')
			})
		).replace(/[ \t]+/g, ' ');
		expect(text).toMatch(/主管确认：?\s*manager 2026-11-23 18:00：已核实/);
		expect(text).toContain('支票 0 张 ¥0.00 0 张 ¥0.00');
		expect(() => db.$client.prepare('DELETE FROM shift_acknowledgements').run()).toThrow(
			/append-only/
		);
		// The successor named on the handover finds it among the handovers to them.
		expect(handedOverTo(db, f.communityId, f.clerk2Id).map((x) => [x.id, x.successorId])).toEqual([
			[s.id, f.clerk2Id]
		]);
		expect(handedOverTo(db, f.communityId, f.managerId)).toEqual([]);
	});
});

describe('closing a shift', () => {
	it('expects float + own cash receipts − own cash voided − own cash refunds, and records the difference', () => {
		expect(() => pay('07:59', 'cash', f.clerkId, 99900)).toThrow(/no_open_shift/); // before the shift: refused
		const s = open(f.clerkId, '08:00', 50000);
		open(f.clerk2Id, '08:00', 0);
		pay('09:00', 'cash', f.clerkId, 25680);
		pay('09:10', 'wechat', f.clerkId, 15000); // not cash
		pay('09:20', 'cash', f.clerk2Id, 30000); // someone else's drawer
		const wrong = pay('09:30', 'cash', f.clerkId, 12000);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: wrong.receiptNo,
			reason: '金额录错',
			managerId: f.managerId,
			now: at('09:40'),
			localDate: DAY
		});
		const { paidFen, refundFen } = renovationRefund();
		expect(refundFen).toBe(170000);
		const expected = 50000 + 25680 + 12000 + paidFen - 12000 - 170000;
		expect(shiftCash(db, s, at('16:59'))).toMatchObject({
			cashReceivedCount: 3,
			cashVoidedFen: 12000,
			cashVoidedCount: 1,
			cashRefundedFen: 170000,
			expectedFen: expected
		});

		const closed = close(s.id, {
			countedFen: expected - 1000,
			note: '  短款已报告主管 ',
			successorId: f.clerk2Id
		});
		expect(closed).toMatchObject({
			id: s.id,
			cashierName: 'clerk',
			openingFloatFen: 50000,
			cashReceivedFen: 25680 + 12000 + paidFen,
			expectedFen: expected,
			countedFen: expected - 1000,
			differenceFen: -1000,
			note: '短款已报告主管',
			successorName: 'clerk2',
			closedOn: DAY
		});
		expect(openShiftOf(db, f.communityId, f.clerkId)).toBeNull();
		expect(code(() => close(s.id))).toBe('not_open');

		// Append-only: the record cannot be rewritten.
		expect(() => db.$client.prepare('UPDATE shift_closes SET counted_fen = 0').run()).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM cashier_shifts').run()).toThrow(/append-only/);

		// It shows in the daily report of the day.
		const r = dailyReport(db, f.communityId, DAY, DAY, { now: at('18:00') });
		expect(r.shifts.closed.map((x) => [x.id, x.differenceFen])).toEqual([[s.id, -1000]]);
		expect(r.shifts).toMatchObject({ differenceFen: -1000, openAtEnd: 1 }); // clerk2's
	});

	it('refuses what is not the cashier’s to close, bad amounts, long notes and odd successors; writes nothing', () => {
		const s = open();
		const before = (
			db.$client.prepare('SELECT count(*) AS n FROM shift_closes').get() as { n: number }
		).n;
		expect(code(() => close(s.id, { cashierId: f.clerk2Id }))).toBe('not_yours');
		expect(code(() => close(9999))).toBe('not_found');
		expect(code(() => close(s.id, { communityId: f.otherCommunityId }))).toBe('not_found');
		expect(code(() => close(s.id, { countedFen: -100 }))).toBe('bad_amount');
		expect(code(() => close(s.id, { note: 'x'.repeat(1001) }))).toBe('note_too_long');
		expect(code(() => close(s.id, { successorId: f.clerkId }))).toBe('bad_successor');
		expect(code(() => close(s.id, { successorId: 99999 }))).toBe('bad_successor');
		expect(
			(db.$client.prepare('SELECT count(*) AS n FROM shift_closes').get() as { n: number }).n
		).toBe(before);
		// A replayed close answers with the first one.
		const first = close(s.id, { idempotencyKey: 'close-once', countedFen: 50000 });
		expect(close(s.id, { idempotencyKey: 'close-once', countedFen: 1 })).toEqual(first);
	});

	it('a new shift starts after the last one closed, so no receipt counts twice', () => {
		const s1 = open(f.clerkId, '08:00', 0);
		pay('12:00', 'cash', f.clerkId, 1000);
		close(s1.id, { now: at('12:00'), countedFen: 1000 });
		const s2 = open(f.clerkId, '12:00', 0);
		expect(s2.openedAt).toBe(at('12:00') + 1);
		expect(shiftCash(db, s2, at('13:00')).cashReceivedFen).toBe(0);
		expect(closedShifts(db, f.communityId, DAY, DAY).map((x) => x.id)).toEqual([s1.id]);
	});

	it('hands over the open matters as they stood, and prints the record', async () => {
		const s = open(f.clerkId, '08:00', 20000);
		// A pending waiver request, a key out (overdue), a complaint whose 30-minute limit is near.
		db.insert(waiverRequests)
			.values({
				communityId: f.communityId,
				requestNo: 'MC-2026-0001',
				unitId: f.unitIds[0],
				ownerName: '张伟',
				applicantName: '张伟',
				reason: '出差',
				requestedFen: 2003,
				clerkId: f.clerkId,
				localDate: DAY,
				createdAt: at('09:00'),
				idempotencyKey: 'w1'
			})
			.run();
		const k = db
			.insert(keys)
			.values({
				communityId: f.communityId,
				tagNo: 'G-07',
				kind: 'common',
				description: '配电房',
				slot: 'B2',
				createdAt: at('08:00'),
				updatedAt: at('08:00')
			})
			.returning()
			.get().id;
		db.insert(keyLoans)
			.values({
				communityId: f.communityId,
				keyId: k,
				lentAt: at('14:00'),
				lentBy: f.clerkId,
				slot: 'B2',
				borrowerName: '李电工',
				borrowerIdType: 'id_card',
				borrowerIdNumber: '330100198001010011',
				borrowerPhone: '13900000011',
				purpose: 'repair',
				consentBasis: 'not_required',
				escortStaffId: f.clerk2Id,
				expectedReturnAt: at('16:00'),
				idempotencyKey: 'loan-1',
				createdAt: at('14:00')
			})
			.run();
		const t = db
			.insert(tickets)
			.values({
				communityId: f.communityId,
				ticketNo: 'BS-2026-000001',
				year: 2026,
				seq: 1,
				kind: 'service_complaint',
				source: 'counter',
				unitId: f.unitIds[1],
				reporterName: '李娜',
				reporterPhone: '13800000002',
				text: '保洁不到位',
				state: 'open',
				receivedAt: at('16:45'),
				recordedAt: at('16:46'),
				updatedAt: at('16:46')
			})
			.returning()
			.get().id;
		db.insert(ticketEvents)
			.values({
				ticketId: t,
				communityId: f.communityId,
				type: 'created',
				at: at('16:45'),
				recordedAt: at('16:46'),
				actorKind: 'staff',
				actorId: f.clerkId,
				actorName: 'clerk',
				data: '{"source":"counter"}'
			})
			.run();

		const closed = close(s.id, { countedFen: 20000, note: '配电房钥匙待收回' });
		expect(closed.differenceFen).toBe(0);
		expect(closed.handover.pendingWaivers).toEqual([
			{ requestNo: 'MC-2026-0001', unitCode: '1-1-101', requestedFen: 2003, localDate: DAY }
		]);
		expect(closed.handover.keysOut).toMatchObject([
			{ tagNo: 'G-07', opens: '配电房', borrowerName: '李电工', overdue: true }
		]);
		expect(closed.handover.ticketsNearLimit).toMatchObject([
			{ ticketNo: 'BS-2026-000001', limit: 'supervisor', breached: false }
		]);
		// A snapshot: what happens later does not change the record.
		db.insert(waiverRequests)
			.values({
				communityId: f.communityId,
				requestNo: 'MC-2026-0002',
				unitId: f.unitIds[1],
				ownerName: '李娜',
				applicantName: '李娜',
				reason: '住院',
				requestedFen: 500,
				clerkId: f.clerkId,
				localDate: DAY,
				createdAt: at('17:30'),
				idempotencyKey: 'w2'
			})
			.run();
		expect(closedShift(db, f.communityId, s.id)!.handover.pendingWaivers).toHaveLength(1);

		const text = pdfText(
			await shiftHandoverPdf({
				communityName: '测试小区',
				centreName: '测试小区管理处',
				timeZone: TZ,
				shift: closedShift(db, f.communityId, s.id)!,
				printedAt: at('17:05')
			})
		).replace(/[ \t]+/g, ' ');
		expect(text).toContain('收款员交接班记录');
		expect(text).toContain('交班人：clerk（工号 CLERK）');
		expect(text).toContain('应有现金 ¥200.00');
		expect(text).toContain('无差额');
		expect(text).toContain('MC-2026-0001 1-1-101');
		expect(text).toContain('G-07 配电房 借用人 李电工');
		expect(text).toContain('BS-2026-000001');
		expect(text).toContain('配电房钥匙待收回');
		expect(text).toMatch(/交班人：.*接班人：.*主管：/);
	});

	it('prints a shortage as a negative difference', async () => {
		const s = open(f.clerkId, '08:00', 10000);
		// A difference needs its note: refused without one, nothing written.
		expect(code(() => close(s.id, { countedFen: 9000 }))).toBe('note_required');
		expect(code(() => close(s.id, { countedFen: 9000, note: '   ' }))).toBe('note_required');
		expect(openShiftOf(db, f.communityId, f.clerkId)?.id).toBe(s.id);
		const closed = close(s.id, { countedFen: 9000, note: '短款 10 元' });
		const text = pdfText(
			await shiftHandoverPdf({
				communityName: '测试小区',
				centreName: '测试小区管理处',
				timeZone: TZ,
				shift: closed,
				printedAt: at('17:05')
			})
		).replace(/[ \t]+/g, ' ');
		expect(text).toContain('-¥10.00（短款 ¥10.00）');
		expect(text).toContain('无移交事项');
	});
});
