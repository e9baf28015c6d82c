import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, failInserts, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import { isPg, type Db } from '../db';
import {
	postPayment,
	voidPayment,
	voidCheck,
	paymentByReceiptNo,
	LedgerError,
	recordPrint,
	requestHash,
	type PaymentInput
} from './index';

let db: Db;
let f: Fixture;
const now = Date.parse('2026-11-23T02:00:00Z');

function input(over: Partial<PaymentInput> = {}): PaymentInput {
	return {
		communityId: f.communityId,
		unitId: f.unitIds[0],
		purpose: 'fees',
		payerName: '张伟',
		method: 'cash',
		tenderedFen: 50000,
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		lines: [{ kind: 'charge', itemCode: 'test', amountFen: 25680 }],
		now,
		localDate: '2026-11-23',
		...over
	};
}

const code = codeOf(LedgerError);

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

describe('postPayment', () => {
	it('posts one payment with change and the first receipt number of the year', () => {
		const p = postPayment(db, input());
		expect(p).toMatchObject({
			receiptNo: 'SF-2026-000001',
			totalFen: 25680,
			changeFen: 24320,
			replayed: false
		});
		const rec = paymentByReceiptNo(db, f.communityId, 'SF-2026-000001')!;
		expect(rec.lines).toHaveLength(1);
		expect(rec.cashier.workNo).toBe('CLERK');
		expect(rec.unitCode).toBe('1-1-101');
	});

	it('numbers receipts consecutively and restarts each year', () => {
		const nos = [1, 2, 3].map(() => postPayment(db, input()).receiptNo);
		expect(nos).toEqual(['SF-2026-000001', 'SF-2026-000002', 'SF-2026-000003']);
		expect(postPayment(db, input({ localDate: '2027-01-01' })).receiptNo).toBe('SF-2027-000001');
	});

	it('gives a failed payment’s number to the next one (no gap), on either database', () => {
		postPayment(db, input());
		// Fails after its number was taken (writing its lines): all of it rolls back, the number too.
		const undo = failInserts(db, 'payment_lines', 'disk full');
		expect(() => postPayment(db, input())).toThrow(/disk full/);
		undo();
		expect(postPayment(db, input()).receiptNo).toBe('SF-2026-000002');
		if (isPg(db))
			expect(
				db.$client
					.prepare('SELECT last_seq FROM receipt_counters WHERE community_id = ? AND year = ?')
					.get(f.communityId, 2026)
			).toEqual({ last_seq: 2 });
	});

	it('a replayed idempotency key writes nothing and returns the first receipt', () => {
		const key = crypto.randomUUID();
		const a = postPayment(db, input({ idempotencyKey: key }));
		const b = postPayment(db, input({ idempotencyKey: key }));
		expect(b).toEqual({ ...a, replayed: true });
		const n = db.$client.prepare('SELECT count(*) n FROM payments').get() as { n: number };
		expect(n.n).toBe(1);
	});

	it('refuses a reused key with different content', () => {
		const key = crypto.randomUUID();
		postPayment(db, input({ idempotencyKey: key }));
		expect(
			code(() =>
				postPayment(
					db,
					input({ idempotencyKey: key, lines: [{ kind: 'charge', itemCode: 't', amountFen: 1 }] })
				)
			)
		).toBe('idempotency_conflict');
		// Same total, other lines or method: still another request.
		expect(
			code(() =>
				postPayment(
					db,
					input({
						idempotencyKey: key,
						lines: [{ kind: 'charge', itemCode: 'other', amountFen: 25680 }]
					})
				)
			)
		).toBe('idempotency_conflict');
		expect(
			code(() =>
				postPayment(
					db,
					input({ idempotencyKey: key, method: 'wechat', methodRef: 'W1', tenderedFen: null })
				)
			)
		).toBe('idempotency_conflict');
		expect(
			code(() =>
				postPayment(db, input({ idempotencyKey: key, requestHash: requestHash({ other: 1 }) }))
			)
		).toBe('idempotency_conflict');
	});

	it('refuses bad input and writes nothing', () => {
		expect(code(() => postPayment(db, input({ tenderedFen: 25679 })))).toBe('tendered_short');
		expect(code(() => postPayment(db, input({ lines: [] })))).toBe('no_lines');
		expect(
			code(() =>
				postPayment(db, input({ lines: [{ kind: 'charge', itemCode: 't', amountFen: 0 }] }))
			)
		).toBe('bad_amount');
		expect(
			code(() =>
				postPayment(db, input({ lines: [{ kind: 'charge', itemCode: 't', amountFen: -5 }] }))
			)
		).toBe('bad_amount');
		expect(
			code(() =>
				postPayment(db, input({ lines: [{ kind: 'charge', itemCode: 't', amountFen: 1.5 }] }))
			)
		).toBe('bad_amount');
		expect(code(() => postPayment(db, input({ method: 'wechat', tenderedFen: null })))).toBe(
			'method_ref_missing'
		);
		expect(
			code(() => postPayment(db, input({ method: 'transfer', methodRef: 'R1', tenderedFen: null })))
		).toBe('bank_missing');
		expect(
			code(() =>
				postPayment(db, input(), () => {
					throw new LedgerError('already_paid');
				})
			)
		).toBe('already_paid');
		const n = db.$client
			.prepare('SELECT (SELECT count(*) FROM payments) + (SELECT count(*) FROM payment_lines) n')
			.get() as { n: number };
		expect(n.n).toBe(0);
	});

	it('non-cash payments keep no tendered amount or change', () => {
		const p = postPayment(
			db,
			input({ method: 'alipay', methodRef: '2026112322001', tenderedFen: null })
		);
		expect(p.changeFen).toBeNull();
	});
});

describe('voidPayment', () => {
	it('voids once, keeps the receipt, refuses a second void and other communities', () => {
		const p = postPayment(db, input());
		expect(
			code(() =>
				voidPayment(db, {
					communityId: f.otherCommunityId,
					receiptNo: p.receiptNo,
					reason: '错收',
					managerId: f.managerId,
					now,
					localDate: '2026-11-23'
				})
			)
		).toBe('not_found');
		expect(
			code(() =>
				voidPayment(db, {
					communityId: f.communityId,
					receiptNo: p.receiptNo,
					reason: '  ',
					managerId: f.managerId,
					now,
					localDate: '2026-11-23'
				})
			)
		).toBe('reason_missing');
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '错收',
			managerId: f.managerId,
			now,
			localDate: '2026-11-23'
		});
		expect(paymentByReceiptNo(db, f.communityId, p.receiptNo)!.void?.reason).toBe('错收');
		expect(
			code(() =>
				voidPayment(db, {
					communityId: f.communityId,
					receiptNo: p.receiptNo,
					reason: '再次',
					managerId: f.managerId,
					now,
					localDate: '2026-11-23'
				})
			)
		).toBe('already_voided');
	});
});

describe('who may void, and cross-month voids', () => {
	const v = (receiptNo: string, over: Partial<Parameters<typeof voidPayment>[1]> = {}) =>
		code(() =>
			voidPayment(db, {
				communityId: f.communityId,
				receiptNo,
				reason: '错收',
				managerId: f.managerId,
				now,
				localDate: '2026-11-23',
				...over
			})
		);

	it('no one voids their own receipt; a clerk never voids; an admin may when he is not the cashier', () => {
		const own = postPayment(db, input({ cashierId: f.managerId }));
		expect(v(own.receiptNo)).toBe('own_receipt');
		expect(v(own.receiptNo, { managerId: f.clerkId })).toBe('not_allowed');
		expect(voidCheck(db, f.communityId, own.receiptNo, f.managerId, '2026-11-23')).toMatchObject({
			voider: 'own_receipt',
			settledBy: [],
			crossMonth: false
		});
		expect(db.$client.prepare('SELECT count(*) n FROM payment_voids').get()).toEqual({ n: 0 });
		expect(v(own.receiptNo, { managerId: f.adminId })).toBe('ok');
		const byAdmin = postPayment(db, input({ cashierId: f.adminId }));
		expect(v(byAdmin.receiptNo, { managerId: f.adminId })).toBe('own_receipt');
		expect(v(byAdmin.receiptNo)).toBe('ok');
	});

	it('a receipt of an earlier month needs a reason category, which is stored with the void', () => {
		const old = postPayment(
			db,
			input({ localDate: '2026-10-31', now: Date.parse('2026-10-31T02:00:00Z') })
		);
		expect(voidCheck(db, f.communityId, old.receiptNo, f.managerId, '2026-11-01')!.crossMonth).toBe(
			true
		);
		expect(v(old.receiptNo, { localDate: '2026-11-01' })).toBe('category_missing');
		expect(v(old.receiptNo, { localDate: '2026-11-01', category: 'nonsense' })).toBe(
			'category_invalid'
		);
		expect(v(old.receiptNo, { localDate: '2026-11-01', category: 'duplicate' })).toBe('ok');
		expect(paymentByReceiptNo(db, f.communityId, old.receiptNo)!.void).toMatchObject({
			category: 'duplicate',
			localDate: '2026-11-01'
		});
		// Within the month no category is asked for.
		expect(v(postPayment(db, input()).receiptNo)).toBe('ok');
	});
});

describe('append-only ledger', () => {
	it('refuses UPDATE and DELETE on payments, lines, voids and prints', () => {
		const p = postPayment(db, input());
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '错收',
			managerId: f.managerId,
			now,
			localDate: '2026-11-23'
		});
		recordPrint(db, p.paymentId, f.clerkId, 'a5', now);
		for (const table of ['payments', 'payment_lines', 'payment_voids', 'receipt_prints']) {
			expect(() => db.$client.exec(`UPDATE ${table} SET id = id`)).toThrow(/append-only/);
			expect(() => db.$client.exec(`DELETE FROM ${table}`)).toThrow(/append-only/);
		}
	});

	it('counts prints so the second one is a reprint', () => {
		const p = postPayment(db, input());
		expect(recordPrint(db, p.paymentId, f.clerkId, 'a5', now)).toBe(0);
		expect(recordPrint(db, p.paymentId, f.clerkId, 'roll', now)).toBe(1);
	});
});
