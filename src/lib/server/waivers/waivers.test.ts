import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { forgetCommunity } from '../community';
import { voidPayment } from '../ledger';
import {
	billStates,
	ensureFeeItems,
	generateMonthlyBills,
	postFeePayment,
	unitAccount,
	type FeePaymentInput
} from '../fees';
import { pdfText } from '../pdf/pdf-text';
import { renderWaiverForm } from '../pdf/waiver-form';
import {
	WaiverError,
	createWaiverRequest,
	decideWaiverRequest,
	listRequests,
	onPaymentVoided,
	settleWaiversOnVoid,
	dependentWaivers,
	pendingCount,
	requestDetail,
	reviewWaiverDecision,
	unitHistory,
	waiverCandidates,
	waiverSummary,
	type DecisionInput,
	type NewWaiverInput,
	type VoidEffects
} from './index';

let db: Db;
let f: Fixture;
let unit1: number;
let unit2: number;

/** 10:00 in Shanghai on that date. */
const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

const code = codeOf(WaiverError);

const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** Everything the waiver area writes: a refused step must leave all of these as they were. */
const written = () =>
	['waiver_requests', 'waiver_request_bills', 'waiver_events', 'waiver_entries', 'audit_log']
		.map(count)
		.join(',') +
	'|' +
	JSON.stringify(
		db.$client.prepare('SELECT state, approved_fen FROM waiver_requests ORDER BY id').all()
	);

function billsOf(unitId: number, asOf = '2026-11-23') {
	return billStates(db, f.communityId, unitId, asOf);
}

function billId(unitId: number, month: string, item = 'property') {
	const b = billsOf(unitId).find((x) => x.month === month && x.itemCode === item);
	if (!b) throw new Error(`no bill ${month} ${item}`);
	return b.billId;
}

/** Pays the principal of these bills (late fees left) on `date`. */
function payPrincipal(
	unitId: number,
	billIds: number[],
	date: string,
	over: Partial<FeePaymentInput> = {}
) {
	return postFeePayment(db, {
		communityId: f.communityId,
		unitId,
		billIds,
		includeLateFees: false,
		method: 'wechat',
		methodRef: 'WX0001',
		payerName: '张伟',
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		now: at(date),
		...over
	});
}

function file(over: Partial<NewWaiverInput> & { billIds: number[] }) {
	return createWaiverRequest(db, {
		communityId: f.communityId,
		unitId: unit1,
		reason: '长期出差,未收到缴费通知,并非故意拖欠',
		applicantName: '张伟',
		applicantPhone: '13800000001',
		clerkId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		now: at('2026-09-15', '10:10'),
		...over
	});
}

function decide(requestId: number, over: Partial<DecisionInput> = {}) {
	return decideWaiverRequest(db, {
		communityId: f.communityId,
		requestId,
		deciderId: f.managerId,
		decision: 'approve',
		plan: { mode: 'full' },
		note: '首次逾期,情况属实',
		key: crypto.randomUUID(),
		now: at('2026-09-17'),
		...over
	} as DecisionInput);
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	[unit1, unit2] = f.unitIds;
	ensureFeeItems(db, f.communityId);
	for (const m of ['2026-07', '2026-08', '2026-09'])
		generateMonthlyBills(db, f.communityId, m, { now: at(`${m}-01`) });
});

describe('filing a request at the counter', () => {
	it('after the principal is paid in the same visit: late fees as of today, owner, clerk, step and audit', () => {
		// 1-1-101: 90 m² × ¥2.65 = ¥238.50 a month. July due 07-20, August due 08-20; paid 09-15.
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [jul, aug], '2026-09-15');
		// 23850 × 3‰ × 57 days = 4078.35 → 4078; × 26 days = 1860.3 → 1860.
		const cands = waiverCandidates(db, f.communityId, unit1, '2026-09-15');
		expect(
			cands
				.filter((c) => c.principalDueFen === 0)
				.map((c) => [c.month, c.lateFeeDueFen, c.paidToday, c.refusal])
		).toEqual([
			['2026-07', 4078, true, null],
			['2026-08', 1860, true, null]
		]);

		const r = file({ billIds: [aug, jul, aug] });
		expect(r).toMatchObject({ requestNo: 'MC-2026-0001', requestedFen: 5938, replayed: false });
		const d = requestDetail(db, f.communityId, r.id)!;
		expect(d.request).toMatchObject({
			state: 'pending',
			unitCode: '1-1-101',
			ownerName: '张伟',
			applicantName: '张伟',
			clerkName: 'clerk',
			clerkWorkNo: 'CLERK',
			localDate: '2026-09-15',
			requestedFen: 5938,
			approvedFen: 0,
			months: ['2026-07', '2026-08']
		});
		expect(
			d.bills.map((b) => [
				b.month,
				b.principalPaidDate,
				b.lateFeeFen,
				b.requestedFen,
				b.approvedFen
			])
		).toEqual([
			['2026-07', '2026-09-15', 4078, 4078, 0],
			['2026-08', '2026-09-15', 1860, 1860, 0]
		]);
		expect(d.bills[0].workingZh).toContain('3‰');
		expect(d.events.map((e) => [e.action, e.actorName])).toEqual([['create', 'clerk']]);
		expect(d.summary.firstTime).toBe(true);
		expect(
			db.$client
				.prepare(`SELECT action, target_id AS t FROM audit_log WHERE action LIKE 'waiver.%'`)
				.all()
		).toEqual([{ action: 'waiver.create', t: 'MC-2026-0001' }]);
		expect(pendingCount(db, f.communityId)).toBe(1);
		expect(pendingCount(db, f.otherCommunityId)).toBe(0);
	});

	it('the fee account marks the bills as pending (申请免除中); the late fee stays owed until decided', () => {
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [aug], '2026-09-15');
		file({ billIds: [aug] });
		const acc = unitAccount(db, f.communityId, unit1, '2026-09-20')!;
		const row = acc.bills.find((b) => b.billId === aug)!;
		expect(row).toMatchObject({ pendingWaiver: true, principalDueFen: 0, lateFeeDueFen: 1860 });
		expect(acc.bills.filter((b) => b.billId !== aug).every((b) => !b.pendingWaiver)).toBe(true);
	});

	it('a double submit (same key) files once', () => {
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [aug], '2026-09-15');
		const key = crypto.randomUUID();
		const a = file({ billIds: [aug], idempotencyKey: key });
		const b = file({ billIds: [aug], idempotencyKey: key });
		expect(b).toEqual({ ...a, replayed: true });
		expect(count('waiver_requests')).toBe(1);
		expect(code(() => file({ billIds: [aug], idempotencyKey: key, clerkId: f.clerk2Id }))).toBe(
			'idempotency_conflict'
		);
		expect(code(() => file({ billIds: [aug], idempotencyKey: '' }))).toBe('idempotency_key');
	});

	it('bad input: nothing written, a clear code', () => {
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [jul], '2026-09-15');
		// Principal of August still owed.
		expect(code(() => file({ billIds: [jul, aug] }))).toBe('principal_unpaid');
		// Empty and too long reasons, no applicant.
		expect(code(() => file({ billIds: [jul], reason: '   ' }))).toBe('reason_missing');
		expect(code(() => file({ billIds: [jul], reason: '由'.repeat(501) }))).toBe('reason_too_long');
		expect(code(() => file({ billIds: [jul], applicantName: '' }))).toBe('applicant_missing');
		// Nothing chosen; malformed ids.
		expect(code(() => file({ billIds: [] }))).toBe('no_bills');
		expect(code(() => file({ billIds: [-1] }))).toBe('bill_not_found');
		expect(code(() => file({ billIds: [1.5] }))).toBe('bill_not_found');
		// A bill of another unit, of another community, or one that does not exist.
		expect(code(() => file({ billIds: [billId(unit2, '2026-08')] }))).toBe('bill_not_found');
		ensureFeeItems(db, f.otherCommunityId);
		generateMonthlyBills(db, f.otherCommunityId, '2026-08');
		const foreign = (
			db.$client.prepare('SELECT id FROM bills WHERE community_id = ?').get(f.otherCommunityId) as {
				id: number;
			}
		).id;
		expect(code(() => file({ billIds: [foreign] }))).toBe('bill_not_found');
		expect(code(() => file({ billIds: [foreign], unitId: f.otherUnitId }))).toBe('not_found');
		expect(code(() => file({ billIds: [999999] }))).toBe('bill_not_found');
		// A bill whose late fee is nothing (September is not overdue on 09-15).
		const sep = billId(unit1, '2026-09');
		payPrincipal(unit1, [sep], '2026-09-15');
		expect(code(() => file({ billIds: [sep] }))).toBe('no_late_fee');
		expect(
			['waiver_requests', 'waiver_request_bills', 'waiver_events', 'waiver_entries'].map(count)
		).toEqual([0, 0, 0, 0]);
		expect(
			db.$client.prepare(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'waiver.%'`).get()
		).toEqual({ n: 0 });
	});

	it('the same bill cannot be asked for twice while pending, nor after a decision', () => {
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [jul, aug], '2026-09-15');
		const r = file({ billIds: [jul] });
		expect(code(() => file({ billIds: [jul, aug] }))).toBe('pending_request');
		decide(r.id, { decision: 'reject', note: '不符合条件' });
		expect(code(() => file({ billIds: [jul] }))).toBe('already_decided');
		// The other bill may still be asked for.
		expect(file({ billIds: [aug] }).requestNo).toBe('MC-2026-0002');
		const cands = waiverCandidates(db, f.communityId, unit1, '2026-09-20');
		expect(cands.find((c) => c.billId === jul)).toMatchObject({
			refusal: 'already_decided',
			heldBy: { requestNo: 'MC-2026-0001', state: 'rejected' }
		});
		expect(cands.find((c) => c.billId === aug)).toMatchObject({ refusal: 'pending_request' });
	});
});

describe('the manager decides', () => {
	let jul: number;
	let aug: number;
	let id: number;
	beforeEach(() => {
		jul = billId(unit1, '2026-07');
		aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [jul, aug], '2026-09-15');
		id = file({ billIds: [jul, aug] }).id;
	});

	it('approves in part: split oldest first, waiver entries in the ledger, the rest still owed', () => {
		const r = decide(id, { plan: { mode: 'amount', amountFen: 5000 }, note: '部分免除' });
		expect(r).toMatchObject({
			state: 'approved',
			approvedFen: 5000,
			amounts: [
				{ billId: jul, amountFen: 4078 },
				{ billId: aug, amountFen: 922 }
			],
			replayed: false
		});
		expect(
			db.$client
				.prepare(
					'SELECT bill_id AS b, amount_fen AS a, request_id AS r, approved_by AS by, local_date AS d FROM waiver_entries ORDER BY id'
				)
				.all()
		).toEqual([
			{ b: jul, a: 4078, r: id, by: f.managerId, d: '2026-09-17' },
			{ b: aug, a: 922, r: id, by: f.managerId, d: '2026-09-17' }
		]);
		const acc = unitAccount(db, f.communityId, unit1, '2026-09-20')!;
		expect(acc.bills.find((b) => b.billId === jul)).toBeUndefined(); // nothing left on July
		expect(acc.bills.find((b) => b.billId === aug)).toMatchObject({
			lateFeeWaivedFen: 922,
			lateFeeDueFen: 938,
			pendingWaiver: false
		});
		const d = requestDetail(db, f.communityId, id)!;
		expect(d.request).toMatchObject({
			state: 'approved',
			approvedFen: 5000,
			decidedByName: 'manager',
			decisionNote: '部分免除',
			decidedLocalDate: '2026-09-17'
		});
		expect(d.bills.map((b) => b.approvedFen)).toEqual([4078, 922]);
		expect(d.events.map((e) => e.action)).toEqual(['create', 'approve']);
		expect(
			db.$client
				.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'waiver.approve'`)
				.get()
		).toEqual({ n: 1 });
		expect(pendingCount(db, f.communityId)).toBe(0);
	});

	it('reviews a decision before it is confirmed: the amounts per bill it would write, nothing written', () => {
		const before = written();
		const check = {
			communityId: f.communityId,
			requestId: id,
			deciderId: f.managerId,
			note: '部分免除',
			now: at('2026-09-17')
		};
		expect(
			reviewWaiverDecision(db, {
				...check,
				decision: 'approve',
				plan: { mode: 'amount', amountFen: 5000 }
			})
		).toEqual({
			approvedFen: 5000,
			amounts: [
				{ billId: jul, amountFen: 4078, month: '2026-07' },
				{ billId: aug, amountFen: 922, month: '2026-08' }
			]
		});
		// Refused as the decision itself would be: above what is owed, no note, one's own request.
		expect(
			code(() =>
				reviewWaiverDecision(db, {
					...check,
					decision: 'approve',
					plan: { mode: 'amount', amountFen: 5939 }
				})
			)
		).toBe('amount_above_owed');
		expect(code(() => reviewWaiverDecision(db, { ...check, note: ' ', decision: 'reject' }))).toBe(
			'note_missing'
		);
		expect(
			code(() =>
				reviewWaiverDecision(db, {
					...check,
					deciderId: f.clerkId,
					decision: 'approve',
					plan: { mode: 'full' }
				})
			)
		).toBe('own_request');
		expect(written()).toBe(before);
		expect(
			decide(id, { plan: { mode: 'amount', amountFen: 5000 }, note: '部分免除' }).amounts
		).toEqual([
			{ billId: jul, amountFen: 4078 },
			{ billId: aug, amountFen: 922 }
		]);
		expect(
			code(() =>
				reviewWaiverDecision(db, { ...check, decision: 'approve', plan: { mode: 'full' } })
			)
		).toBe('not_pending');
	});

	it('approves in full, or per bill', () => {
		expect(decide(id).approvedFen).toBe(5938);
		expect(
			unitAccount(db, f.communityId, unit1, '2026-09-20')!.bills.filter(
				(b) => b.billId === jul || b.billId === aug
			)
		).toEqual([]);

		const sep = billId(unit1, '2026-09');
		payPrincipal(unit1, [sep], '2026-10-10'); // 20 days: 23850 × 3‰ × 20 = 1431
		const second = file({ billIds: [sep], now: at('2026-10-10', '10:10') });
		expect(
			code(() =>
				decide(second.id, {
					plan: { mode: 'per_bill', amounts: [{ billId: sep, amountFen: 1432 }] },
					now: at('2026-10-11')
				})
			)
		).toBe('amount_above_owed');
		expect(
			decide(second.id, {
				plan: { mode: 'per_bill', amounts: [{ billId: sep, amountFen: 1000 }] },
				now: at('2026-10-11')
			}).approvedFen
		).toBe(1000);
		// The history of the unit now shows two approvals: not the first time.
		expect(unitHistory(db, f.communityId, unit1).summary).toMatchObject({
			count: 2,
			approved: 2,
			firstTime: false,
			approvedFen: 6938
		});
		expect(requestDetail(db, f.communityId, second.id)!.summary).toMatchObject({
			count: 1,
			approved: 1,
			firstTime: false
		});
	});

	it('rejects with a note: the late fee stays owed', () => {
		expect(decide(id, { decision: 'reject', note: '属故意拖欠' })).toMatchObject({
			state: 'rejected',
			approvedFen: 0
		});
		expect(count('waiver_entries')).toBe(0);
		const acc = unitAccount(db, f.communityId, unit1, '2026-09-20')!;
		expect(acc.bills.find((b) => b.billId === aug)).toMatchObject({
			lateFeeDueFen: 1860,
			pendingWaiver: false
		});
	});

	it('never twice: a second decision is refused; the same form submitted twice answers the first outcome', () => {
		const key = crypto.randomUUID();
		decide(id, { key, plan: { mode: 'amount', amountFen: 100 } });
		const again = decide(id, { key, plan: { mode: 'amount', amountFen: 100 } });
		expect(again).toMatchObject({ replayed: true, state: 'approved', approvedFen: 100 });
		const before = written();
		expect(code(() => decide(id))).toBe('not_pending');
		expect(code(() => decide(id, { decision: 'reject' }))).toBe('not_pending');
		expect(written()).toBe(before);
	});

	it('refusals write nothing: own request, no note, above what is owed, negative, zero, another community', () => {
		const before = written();
		expect(code(() => decide(id, { deciderId: f.clerkId }))).toBe('own_request');
		expect(code(() => decide(id, { note: '' }))).toBe('note_missing');
		expect(code(() => decide(id, { decision: 'reject', note: '  ' }))).toBe('note_missing');
		expect(code(() => decide(id, { plan: { mode: 'amount', amountFen: 5939 } }))).toBe(
			'amount_above_owed'
		);
		expect(code(() => decide(id, { plan: { mode: 'amount', amountFen: -100 } }))).toBe(
			'bad_amount'
		);
		expect(code(() => decide(id, { plan: { mode: 'amount', amountFen: 0 } }))).toBe('amount_zero');
		expect(
			code(() =>
				decide(id, {
					plan: { mode: 'per_bill', amounts: [{ billId: billId(unit2, '2026-08'), amountFen: 1 }] }
				})
			)
		).toBe('unknown_bill');
		expect(code(() => decide(id, { communityId: f.otherCommunityId }))).toBe('not_found');
		expect(code(() => decide(999))).toBe('not_found');
		expect(code(() => decide(id, { key: '' }))).toBe('idempotency_key');
		expect(written()).toBe(before);
	});

	it('a manager who filed the request cannot approve it', () => {
		const sep = billId(unit1, '2026-09');
		payPrincipal(unit1, [sep], '2026-10-10');
		const own = file({ billIds: [sep], clerkId: f.managerId, now: at('2026-10-10', '11:00') });
		expect(code(() => decide(own.id, { now: at('2026-10-11') }))).toBe('own_request');
		expect(decide(own.id, { deciderId: f.adminId, now: at('2026-10-11') }).state).toBe('approved');
	});

	it('late fee paid at the counter meanwhile: at most what is still owed can be waived', () => {
		// The resident pays 1 000 fen of the late fees (July's first).
		postFeePayment(db, {
			communityId: f.communityId,
			unitId: unit1,
			billIds: [jul],
			includeLateFees: true,
			amountFen: 1000,
			method: 'wechat',
			methodRef: 'WX2',
			payerName: '张伟',
			cashierId: f.clerkId,
			idempotencyKey: crypto.randomUUID(),
			now: at('2026-09-16')
		});
		expect(code(() => decide(id))).toBe('ok');
		expect(db.$client.prepare('SELECT SUM(amount_fen) AS s FROM waiver_entries').get()).toEqual({
			s: 4938
		});
	});

	it('an approval never waives when a principal is owed again (voided without the hook)', () => {
		const receipt = db.$client
			.prepare(
				`SELECT p.receipt_no AS no FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id WHERE pl.bill_id = ? AND pl.kind = 'principal'`
			)
			.get(jul) as { no: string };
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: receipt.no,
			reason: '录错',
			managerId: f.managerId,
			now: at('2026-09-16'),
			localDate: '2026-09-16'
		});
		const before = written();
		expect(code(() => decide(id))).toBe('principal_unpaid');
		expect(written()).toBe(before);
	});
});

describe('a void sends a pending request back to the clerk', () => {
	it('the request of the bills whose principal the voided payment paid is returned; others stay', () => {
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		const p1 = payPrincipal(unit1, [jul], '2026-09-15');
		payPrincipal(unit1, [aug], '2026-09-15');
		const r1 = file({ billIds: [jul] });
		const r2 = file({ billIds: [aug] });
		const now = at('2026-09-16');
		voidPayment(
			db,
			{
				communityId: f.communityId,
				receiptNo: p1.receiptNo,
				reason: '房号录错',
				managerId: f.managerId,
				now,
				localDate: '2026-09-16'
			},
			(paymentId) => {
				expect(onPaymentVoided(db, paymentId, f.managerId, now)).toEqual([r1.requestNo]);
			}
		);
		const d1 = requestDetail(db, f.communityId, r1.id)!;
		expect(d1.request).toMatchObject({
			state: 'returned',
			decisionNote: p1.receiptNo,
			decidedByName: 'manager'
		});
		expect(d1.events.map((e) => [e.action, e.detail.receiptNo ?? null])).toEqual([
			['create', null],
			['return', p1.receiptNo]
		]);
		expect(requestDetail(db, f.communityId, r2.id)!.request.state).toBe('pending');
		expect(code(() => decide(r1.id))).toBe('not_pending');
		// The bill is owed again; once its principal is paid again a new request may be filed.
		expect(code(() => file({ billIds: [jul], now: at('2026-09-16', '11:00') }))).toBe(
			'principal_unpaid'
		);
		payPrincipal(unit1, [jul], '2026-09-18');
		expect(file({ billIds: [jul], now: at('2026-09-18', '11:00') }).requestNo).toBe('MC-2026-0003');
		// A returned request does not count as an earlier waiver.
		expect(unitHistory(db, f.communityId, unit1).summary).toMatchObject({
			count: 2,
			returned: 1,
			pending: 2
		});
		expect(
			db.$client.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'waiver.return'`).get()
		).toEqual({ n: 1 });
	});

	it('outside a transaction it takes its own; a payment with no request changes nothing', () => {
		const aug = billId(unit1, '2026-08');
		const p = payPrincipal(unit1, [aug], '2026-09-15');
		expect(onPaymentVoided(db, p.paymentId, f.managerId, at('2026-09-16'))).toEqual([]);
		expect(onPaymentVoided(db, 99999, f.managerId, at('2026-09-16'))).toEqual([]);
		file({ billIds: [aug] });
		expect(onPaymentVoided(db, p.paymentId, f.managerId, at('2026-09-16'))).toHaveLength(1);
		expect(listRequests(db, f.communityId, { states: ['returned'] })).toHaveLength(1);
	});
});

describe('a void reverses the approved waivers that stood on its principal', () => {
	it('new negative entries, a reverse step, the late fee owed again; waivers on other receipts stay', () => {
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		const p1 = payPrincipal(unit1, [jul], '2026-09-15');
		payPrincipal(unit1, [aug], '2026-09-15');
		const r = file({ billIds: [jul, aug] });
		decide(r.id);
		expect(
			dependentWaivers(db, p1.paymentId).map((d) => [d.requestNo, d.month, d.amountFen])
		).toEqual([['MC-2026-0001', '2026-07', 4078]]);
		const now = at('2026-09-18');
		let effects: VoidEffects | null = null;
		const { voidId } = voidPayment(
			db,
			{
				communityId: f.communityId,
				receiptNo: p1.receiptNo,
				reason: '房号录错',
				managerId: f.managerId,
				now,
				localDate: '2026-09-18'
			},
			(paymentId, voidId) => {
				effects = settleWaiversOnVoid(db, paymentId, voidId, f.managerId, now);
			}
		);
		expect(effects).toEqual({
			returned: [],
			reversed: [{ requestNo: 'MC-2026-0001', amountFen: 4078 }]
		});
		expect(
			db.$client
				.prepare(
					'SELECT bill_id AS billId, amount_fen AS fen, void_id AS voidId, reverses_id IS NOT NULL AS rev FROM waiver_entries ORDER BY id'
				)
				.all()
		).toEqual([
			{ billId: jul, fen: 4078, voidId: null, rev: 0 },
			{ billId: aug, fen: 1860, voidId: null, rev: 0 },
			{ billId: jul, fen: -4078, voidId, rev: 1 }
		]);
		const d = requestDetail(db, f.communityId, r.id)!;
		expect(d.request.state).toBe('approved');
		expect(
			d.events.map((e) => [e.action, e.detail.receiptNo ?? null, e.detail.reversedFen ?? null])
		).toEqual([
			['create', null, null],
			['approve', null, null],
			['reverse', p1.receiptNo, 4078]
		]);
		expect(d.bills.map((b) => [b.month, b.approvedFen, b.reversedFen])).toEqual([
			['2026-07', 0, 4078],
			['2026-08', 1860, 0]
		]);
		// The unit owes July's principal and its whole late fee again; August's waiver stands.
		const acc = unitAccount(db, f.communityId, unit1, '2026-09-18')!;
		const julNow = acc.bills.find((b) => b.billId === jul)!;
		expect(julNow.lateFeeWaivedFen).toBe(0);
		expect(julNow.lateFeeDueFen).toBe(julNow.lateFeeFen);
		expect(acc.bills.find((b) => b.billId === aug)).toBeUndefined();
		expect(waiverSummary(db, f.communityId, '2026-09-18', '2026-09-18').waivedFen).toBe(-4078);
		// Nothing is reversed twice; once July is paid again it may be asked for again, August may not.
		expect(dependentWaivers(db, p1.paymentId)).toEqual([]);
		payPrincipal(unit1, [jul], '2026-09-19');
		expect(file({ billIds: [jul], now: at('2026-09-19', '11:00') }).requestNo).toBe('MC-2026-0002');
		expect(code(() => file({ billIds: [aug], now: at('2026-09-19', '11:00') }))).toBe(
			'already_decided'
		);
	});
});

describe('ledger and history stay insert-only', () => {
	it('steps, request bills and waiver entries refuse UPDATE and DELETE', () => {
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [aug], '2026-09-15');
		decide(file({ billIds: [aug] }).id);
		for (const t of ['waiver_events', 'waiver_request_bills', 'waiver_entries']) {
			expect(() => db.$client.exec(`UPDATE ${t} SET id = id`)).toThrow(/append-only/);
			expect(() => db.$client.exec(`DELETE FROM ${t}`)).toThrow(/append-only/);
		}
	});
});

describe('figures for the daily report', () => {
	it('counts filed, pending at the end of the range, decided in it, and the amount waived', () => {
		const [jul, aug, sep] = ['2026-07', '2026-08', '2026-09'].map((m) => billId(unit1, m));
		const park = billId(unit2, '2026-08', 'parking');
		payPrincipal(unit1, [jul, aug, sep], '2026-10-05');
		payPrincipal(unit2, [park], '2026-10-05');
		const a = file({ billIds: [jul], now: at('2026-10-05', '11:00') });
		const b = file({ billIds: [aug], now: at('2026-10-05', '11:01') });
		file({ billIds: [sep], now: at('2026-10-06') });
		const d = file({ billIds: [park], unitId: unit2, now: at('2026-10-06', '11:00') });
		decide(a.id, { plan: { mode: 'amount', amountFen: 1234 }, now: at('2026-10-06', '15:00') });
		decide(b.id, { decision: 'reject', now: at('2026-10-07') });
		decide(d.id, { now: at('2026-10-07') });

		expect(waiverSummary(db, f.communityId, '2026-10-05', '2026-10-05')).toEqual({
			filed: 2,
			pending: 2,
			approved: 0,
			rejected: 0,
			returned: 0,
			waivedFen: 0
		});
		expect(waiverSummary(db, f.communityId, '2026-10-06', '2026-10-06')).toEqual({
			filed: 2,
			pending: 3,
			approved: 1,
			rejected: 0,
			returned: 0,
			waivedFen: 1234
		});
		const parkFee = db.$client
			.prepare('SELECT amount_fen AS a FROM waiver_entries WHERE bill_id = ?')
			.get(park) as { a: number };
		expect(waiverSummary(db, f.communityId, '2026-10-05', '2026-10-07')).toEqual({
			filed: 4,
			pending: 1,
			approved: 2,
			rejected: 1,
			returned: 0,
			waivedFen: 1234 + parkFee.a
		});
		expect(waiverSummary(db, f.otherCommunityId, '2026-10-01', '2026-10-31')).toEqual({
			filed: 0,
			pending: 0,
			approved: 0,
			rejected: 0,
			returned: 0,
			waivedFen: 0
		});
	});
});

describe('the printed form', () => {
	it('《物业服务费滞纳金免除申请表》 with amounts, reason, history and signature lines', async () => {
		const jul = billId(unit1, '2026-07');
		const aug = billId(unit1, '2026-08');
		payPrincipal(unit1, [jul], '2026-09-15');
		const first = file({ billIds: [jul] });
		decide(first.id, { plan: { mode: 'amount', amountFen: 2000 } });
		payPrincipal(unit1, [aug], '2026-10-15');
		const second = file({
			billIds: [aug],
			now: at('2026-10-15', '10:30'),
			reason: '家中老人住院,忘记缴费'
		});
		const c = { name: '测试小区', centreName: '测试小区管理处', timeZone: 'Asia/Shanghai' };

		const text = pdfText(
			await renderWaiverForm(requestDetail(db, f.communityId, second.id)!, c)
		).replace(/[ \t]+/g, ' ');
		expect(text).toContain('物业服务费滞纳金免除申请表');
		expect(text).toContain('申请编号：MC-2026-0002');
		expect(text).toContain('房号：1-1-101');
		expect(text).toContain('家中老人住院,忘记缴费');
		// August: 23850 × 3‰ × 56 days = 4006.8 → ¥40.07, all of it asked for.
		expect(text).toContain('¥40.07');
		expect(text).toContain('人民币肆拾元零柒分');
		expect(text.replace(/\s+/g, '')).toContain(
			'该房屋此前已有1次免除申请（批准1次，不予免除0次，待审批0次），不是首次申请。'
		);
		expect(text).toMatch(/MC-2026-0001 .*已批准 ¥20\.00/);
		expect(text).toMatch(/申请人（签字）：/);
		expect(text).toMatch(/经办人：/);
		expect(text).toMatch(/审批人：/);

		const firstText = pdfText(
			await renderWaiverForm(requestDetail(db, f.communityId, first.id)!, c)
		).replace(/[ \t]+/g, ' ');
		expect(firstText.replace(/\s+/g, '')).toContain('属首次申请');
		expect(firstText).toContain('同意免除滞纳金 ¥20.00');
		expect(firstText).toContain('审批人：manager');
	});
});
