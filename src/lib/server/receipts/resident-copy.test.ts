import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { auditLog, receiptPrints } from '../db/schema';
import { paymentByReceiptNo, voidPayment } from '../ledger';
import { RESIDENT_DAILY_COPIES } from '../../domain/resident-history';
import { postSamplePayment } from './test-fixture';
import { receiptView, recordReceiptPrint, summarise } from './index';
import { recordResidentCopy, residentReceiptCopy, RESIDENT_COPY_REASON } from './resident-copy';

let db: Db;
let f: Fixture;
const NOW = Date.parse('2026-11-23T02:00:00Z');
const DAY_START = Date.parse('2026-11-22T16:00:00Z');

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

const copy = (receiptNo: string, over: Partial<Parameters<typeof recordResidentCopy>[1]> = {}) =>
	recordResidentCopy(db, {
		communityId: f.communityId,
		unitId: f.unitIds[1],
		receiptNo,
		asOf: '2026-11-23',
		printKey: crypto.randomUUID(),
		dayStart: DAY_START,
		now: NOW,
		...over
	});

const counterPrint = (receiptNo: string, reasonCode = '') =>
	recordReceiptPrint(db, {
		communityId: f.communityId,
		receiptNo,
		staffId: f.clerkId,
		format: 'a5',
		reasonCode,
		reasonNote: '',
		printKey: crypto.randomUUID(),
		now: NOW - 60_000
	});

describe('a resident’s own copy (补打) from the kiosk', () => {
	it('is recorded in the print log as the kiosk’s, numbered after the counter’s prints, and audited', () => {
		const p = postSamplePayment(db, f);
		expect(counterPrint(p.receiptNo).ok).toBe(true);
		const r = copy(p.receiptNo);
		expect(r).toMatchObject({ ok: true, replayed: false });
		const rows = db.select().from(receiptPrints).all();
		expect(rows.map((x) => [x.source, x.printedBy, x.format])).toEqual([
			['counter', f.clerkId, 'a5'],
			['kiosk', null, 'roll']
		]);
		const [a] = db.select().from(auditLog).where(eq(auditLog.action, 'receipt.reprint')).all();
		expect(a).toMatchObject({
			actorKind: 'resident',
			actorId: f.unitIds[1],
			targetId: p.receiptNo
		});

		// The copy as printed: 补打（第1次）, the resident's reason, the print's time.
		const view = residentReceiptCopy(db, {
			communityId: f.communityId,
			unitId: f.unitIds[1],
			receiptNo: p.receiptNo,
			asOf: '2026-11-23',
			printId: r.ok ? r.printId : 0
		});
		expect(view).toMatchObject({
			reprintNo: 1,
			printedAt: NOW,
			reprintReason: RESIDENT_COPY_REASON
		});

		// The counter sees it (补打 · 自助机) and its next reprint is the second.
		const s = summarise(db, paymentByReceiptNo(db, f.communityId, p.receiptNo)!, 'Asia/Shanghai');
		expect(s.printCount).toBe(2);
		expect(s.prints[0]).toMatchObject({ source: 'kiosk', by: '', reprint: true });
		expect(s.prints[0].reason).toBe(RESIDENT_COPY_REASON);
		expect(s.prints[1]).toMatchObject({ source: 'counter', reprint: false, reason: '' });
		expect(receiptView(db, f.communityId, p.receiptNo)).toMatchObject({
			reprintNo: 1,
			reprintReason: RESIDENT_COPY_REASON
		});
		expect(counterPrint(p.receiptNo)).toMatchObject({ ok: false, error: 'reason_required' });
		expect(counterPrint(p.receiptNo, 'lost')).toMatchObject({ ok: true, reprintNo: 2 });
	});

	it('a double tap records one copy; a new tap another', () => {
		const p = postSamplePayment(db, f);
		const key = crypto.randomUUID();
		const first = copy(p.receiptNo, { printKey: key });
		const again = copy(p.receiptNo, { printKey: key });
		expect(again).toEqual({ ...first, replayed: true });
		expect(copy(p.receiptNo)).toMatchObject({ ok: true, replayed: false });
		expect(db.select().from(receiptPrints).all()).toHaveLength(2);
	});

	it('another unit’s, an older, a voided or an unknown receipt is not found and nothing is written', () => {
		const other = postSamplePayment(db, f, {}, { unitIndex: 0 });
		const own = postSamplePayment(db, f);
		for (const no of [other.receiptNo, 'SF-2026-999999', 'x'])
			expect(copy(no), no).toEqual({ ok: false, error: 'not_found' });
		// Paid 2026-04-15: on 2028-04-16 it is older than 24 months.
		expect(copy(own.receiptNo, { asOf: '2028-04-16' })).toEqual({ ok: false, error: 'not_found' });
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: own.receiptNo,
			reason: '录入错误',
			managerId: f.managerId,
			now: Date.parse('2026-04-15T03:00:00Z'),
			localDate: '2026-04-15'
		});
		expect(copy(own.receiptNo)).toEqual({ ok: false, error: 'not_found' });
		expect(db.select().from(receiptPrints).all()).toHaveLength(0);
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'receipt.reprint')).all()).toEqual(
			[]
		);
	});

	it('only the recorded kiosk print of the resident’s own receipt opens', () => {
		const p = postSamplePayment(db, f);
		const counter = counterPrint(p.receiptNo);
		expect(counter.ok).toBe(true);
		const counterId = db.select().from(receiptPrints).get()!.id;
		const r = copy(p.receiptNo);
		const ask = (unitIndex: number, printId: number) =>
			residentReceiptCopy(db, {
				communityId: f.communityId,
				unitId: f.unitIds[unitIndex],
				receiptNo: p.receiptNo,
				asOf: '2026-11-23',
				printId
			});
		expect(ask(1, r.ok ? r.printId : 0)).not.toBeNull();
		expect(ask(0, r.ok ? r.printId : 0)).toBeNull(); // another unit
		expect(ask(1, counterId)).toBeNull(); // the counter's print is not the resident's
		expect(ask(1, 999_999)).toBeNull();
	});

	it(`at most ${RESIDENT_DAILY_COPIES} copies a day per unit; the next day again`, () => {
		const p = postSamplePayment(db, f);
		for (let i = 0; i < RESIDENT_DAILY_COPIES; i++) expect(copy(p.receiptNo).ok).toBe(true);
		expect(copy(p.receiptNo)).toEqual({ ok: false, error: 'limit' });
		expect(db.select().from(receiptPrints).all()).toHaveLength(RESIDENT_DAILY_COPIES);
		const tomorrow = DAY_START + 86_400_000;
		expect(copy(p.receiptNo, { dayStart: tomorrow, now: tomorrow + 1000 }).ok).toBe(true);
	});

	it('the print log stays append-only after the migration (no UPDATE, no DELETE)', () => {
		const p = postSamplePayment(db, f);
		copy(p.receiptNo);
		expect(() => db.$client.exec(`UPDATE receipt_prints SET source = 'counter'`)).toThrow(
			/append-only/
		);
		expect(() => db.$client.exec(`DELETE FROM receipt_prints`)).toThrow(/append-only/);
		// Only the two sources.
		expect(() =>
			db.$client.exec(
				`INSERT INTO receipt_prints (payment_id, format, created_at, source) VALUES (${p.paymentId}, 'a5', 1, 'phone')`
			)
		).toThrow(/CHECK/);
	});
});
