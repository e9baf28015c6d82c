import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { and, eq } from 'drizzle-orm';
import { unitOwners } from '../db/schema';
import { forgetCommunity } from '../community';
import { LedgerError, paymentByReceiptNo, parseReceiptNo } from '../ledger';
import { ensureFeeItems, generateMonthlyBills, postFeePayment, unitAccount } from '../fees';
import {
	ownerUnits,
	postMultiUnitPayment,
	quoteMultiUnitPayment,
	type MultiUnitPaymentInput
} from './multi-pay';

let db: Db;
let f: Fixture;
const now = Date.parse('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';

const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const due = (unitId: number) =>
	unitAccount(db, f.communityId, unitId, '2026-11-23')!.bills.map((b) => b.billId);

const code = codeOf(LedgerError);

function input(over: Partial<MultiUnitPaymentInput> = {}): MultiUnitPaymentInput {
	return {
		communityId: f.communityId,
		ownerId: f.ownerIds[0],
		billIds: [...due(f.unitIds[0]), ...due(f.unitIds[1])],
		includeLateFees: true,
		method: 'wechat',
		methodRef: 'WX-MULTI-1',
		payerName: '张伟',
		cashierId: f.clerkId,
		idempotencyKey: 'multi-key-0001',
		now,
		...over
	};
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
	// 张伟 owns 1-1-101 and also 1-1-102 (with 李娜); 1-1-201 is not his.
	db.insert(unitOwners)
		.values({ unitId: f.unitIds[1], ownerId: f.ownerIds[0], role: 'co_owner' })
		.run();
	ensureFeeItems(db, f.communityId);
	for (const month of ['2026-10', '2026-11']) generateMonthlyBills(db, f.communityId, month);
});

describe('paying several units of one owner in one go', () => {
	it("lists the owner's current units in room order", () => {
		expect(
			ownerUnits(db, f.communityId, f.ownerIds[0], TODAY).map((u) => [u.code, u.role])
		).toEqual([
			['1-1-101', 'owner'],
			['1-1-102', 'co_owner']
		]);
	});

	it('counts a unit by the as-of rule: a tie ending after today still holds, one ended today does not', () => {
		const codes = (date: string) =>
			ownerUnits(db, f.communityId, f.ownerIds[0], date).map((u) => u.code);
		db.update(unitOwners)
			.set({ endDate: '2026-11-24' })
			.where(and(eq(unitOwners.unitId, f.unitIds[1]), eq(unitOwners.ownerId, f.ownerIds[0])))
			.run();
		expect(codes(TODAY)).toEqual(['1-1-101', '1-1-102']);
		expect(codes('2026-11-24')).toEqual(['1-1-101']);
		db.update(unitOwners)
			.set({ startDate: '2026-11-24', endDate: null })
			.where(and(eq(unitOwners.unitId, f.unitIds[1]), eq(unitOwners.ownerId, f.ownerIds[0])))
			.run();
		expect(codes(TODAY)).toEqual(['1-1-101']);
	});

	it('posts one receipt per unit with consecutive numbers; the quote matches and wrote nothing', () => {
		const before = count('payments');
		const q = quoteMultiUnitPayment(db, input());
		expect(count('payments')).toBe(before);
		expect(q.units.map((u) => u.code)).toEqual(['1-1-101', '1-1-102']);
		const posted = postMultiUnitPayment(db, input({ expectedTotalFen: q.totalFen }));
		expect(posted.replayed).toBe(false);
		expect(posted.totalFen).toBe(q.totalFen);
		expect(posted.receipts.map((r) => r.code)).toEqual(['1-1-101', '1-1-102']);
		expect(posted.receipts.map((r) => r.totalFen)).toEqual(q.units.map((u) => u.quote.totalFen));
		const [a, b] = posted.receipts.map((r) => parseReceiptNo(r.receiptNo)!.seq);
		expect(b).toBe(a + 1);
		for (const r of posted.receipts) {
			const rec = paymentByReceiptNo(db, f.communityId, r.receiptNo)!;
			expect(rec.payment.unitId).toBe(r.unitId);
			expect(rec.payment.payerName).toBe('张伟');
		}
		expect(due(f.unitIds[0])).toEqual([]);
		expect(due(f.unitIds[1])).toEqual([]);
		const audit = db.$client
			.prepare(`SELECT detail FROM audit_log WHERE action = 'payment.multi_unit'`)
			.all() as { detail: string }[];
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].detail).units).toEqual(['1-1-101', '1-1-102']);
	});

	it('a failure in the second unit posts nothing, not even the first receipt', () => {
		// 1-1-102's October bill is paid meanwhile at another window.
		const oct = unitAccount(db, f.communityId, f.unitIds[1], '2026-11-23')!.bills[0].billId;
		const billIds = [...due(f.unitIds[0]), ...due(f.unitIds[1])];
		const other = postFeePayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[1],
			billIds: [oct],
			includeLateFees: true,
			method: 'wechat',
			methodRef: 'WX-OTHER',
			payerName: '李娜',
			cashierId: f.clerk2Id,
			idempotencyKey: 'other-window',
			now
		});
		const payments = count('payments');
		const lines = count('payment_lines');
		const audits = count('audit_log');
		expect(code(() => postMultiUnitPayment(db, input({ billIds })))).toBe('already_paid');
		expect([count('payments'), count('payment_lines'), count('audit_log')]).toEqual([
			payments,
			lines,
			audits
		]);
		expect(due(f.unitIds[0]).length).toBeGreaterThan(0);
		// The receipt sequence has no gap: the next receipt follows the other window's.
		const next = postMultiUnitPayment(
			db,
			input({ billIds: due(f.unitIds[0]), idempotencyKey: 'multi-key-0002' })
		);
		expect(parseReceiptNo(next.receipts[0].receiptNo)!.seq).toBe(
			parseReceiptNo(other.receiptNo)!.seq + 1
		);
	});

	it('a bill of a unit the owner does not hold is refused, nothing written', () => {
		const payments = count('payments');
		expect(
			code(() =>
				postMultiUnitPayment(db, input({ billIds: [...due(f.unitIds[0]), ...due(f.unitIds[2])] }))
			)
		).toBe('not_found');
		expect(code(() => postMultiUnitPayment(db, input({ billIds: [] })))).toBe('nothing_selected');
		expect(count('payments')).toBe(payments);
	});

	it('a retry with the same key posts nothing new and answers with the same receipts', () => {
		const request = input();
		const first = postMultiUnitPayment(db, request);
		const [payments, audits] = [count('payments'), count('audit_log')];
		const again = postMultiUnitPayment(db, request);
		expect(again.replayed).toBe(true);
		expect(again.receipts.map((r) => r.receiptNo)).toEqual(first.receipts.map((r) => r.receiptNo));
		expect(again.totalFen).toBe(first.totalFen);
		expect([count('payments'), count('audit_log')]).toEqual([payments, audits]);
	});

	it('the same key for other units or another method is "already used"', () => {
		const billIds = [...due(f.unitIds[0]), ...due(f.unitIds[1])];
		postMultiUnitPayment(db, input({ billIds }));
		const payments = count('payments');
		expect(code(() => postMultiUnitPayment(db, input({ billIds: billIds.slice(0, 1) })))).toBe(
			'idempotency_conflict'
		);
		expect(code(() => postMultiUnitPayment(db, input({ billIds, methodRef: 'WX-OTHER' })))).toBe(
			'idempotency_conflict'
		);
		expect(count('payments')).toBe(payments);
	});

	it('cash is handed over once: the last receipt carries the tendered rest and the change', () => {
		const q = quoteMultiUnitPayment(db, input()).totalFen;
		expect(
			code(() =>
				postMultiUnitPayment(db, input({ method: 'cash', methodRef: '', tenderedFen: q - 1 }))
			)
		).toBe('tendered_short');
		const tendered = Math.ceil(q / 10000) * 10000 + 10000;
		const quote = quoteMultiUnitPayment(
			db,
			input({ method: 'cash', methodRef: '', tenderedFen: tendered })
		);
		expect(quote.changeFen).toBe(tendered - q);
		const posted = postMultiUnitPayment(
			db,
			input({ method: 'cash', methodRef: '', tenderedFen: tendered, expectedTotalFen: q })
		);
		expect(posted.changeFen).toBe(tendered - q);
		const [a, b] = posted.receipts.map(
			(r) => paymentByReceiptNo(db, f.communityId, r.receiptNo)!.payment
		);
		expect([a.tenderedFen, a.changeFen]).toEqual([a.totalFen, 0]);
		expect([b.tenderedFen, b.changeFen]).toEqual([tendered - a.totalFen, tendered - q]);
	});

	it('a stale confirmed total is refused', () => {
		const q = quoteMultiUnitPayment(db, input());
		expect(code(() => postMultiUnitPayment(db, input({ expectedTotalFen: q.totalFen + 1 })))).toBe(
			'stale'
		);
		expect(count('payments')).toBe(0);
	});
});
