import { describe, expect, it } from 'vitest';
import {
	NOTE_MAX,
	REASON_MAX,
	WAIVER_ACTIONS,
	WAIVER_STATES,
	billRefusal,
	checkApproval,
	checkDecision,
	checkNewRequest,
	checkReason,
	checkText,
	formatRequestNo,
	historySummary,
	holdsBills,
	isDecided,
	maxApprovable,
	nextState,
	payOnTimeSentenceZh,
	planApproval,
	splitOldestFirst,
	type CandidateBill,
	type OwedBill
} from './waiver';

const bill = (over: Partial<CandidateBill> = {}): CandidateBill => ({
	billId: 1,
	principalDueFen: 0,
	lateFeeDueFen: 2003,
	heldBy: null,
	...over
});

describe('state transitions', () => {
	it('pending goes to approved, rejected or returned', () => {
		expect(nextState('pending', 'approve')).toBe('approved');
		expect(nextState('pending', 'reject')).toBe('rejected');
		expect(nextState('pending', 'return')).toBe('returned');
	});

	it('every other state is final', () => {
		for (const s of WAIVER_STATES.filter((s) => s !== 'pending'))
			for (const a of WAIVER_ACTIONS) expect(nextState(s, a), `${s} ${a}`).toBeNull();
	});

	it('decided means approved or rejected; returned requests free their bills', () => {
		expect(WAIVER_STATES.filter(isDecided)).toEqual(['approved', 'rejected']);
		expect(WAIVER_STATES.filter(holdsBills)).toEqual(['pending', 'approved', 'rejected']);
	});
});

describe('eligibility of a bill', () => {
	it('principal paid (earlier or in this visit) and a late fee owed: eligible', () => {
		expect(billRefusal(bill())).toBeNull();
	});

	it('principal still owed: refused, even by one fen', () => {
		expect(billRefusal(bill({ principalDueFen: 1 }))).toBe('principal_unpaid');
	});

	it('no late fee owed: refused', () => {
		expect(billRefusal(bill({ lateFeeDueFen: 0 }))).toBe('no_late_fee');
		expect(billRefusal(bill({ lateFeeDueFen: 0, principalDueFen: 100 }))).toBe('no_late_fee');
	});

	it('a bill on a pending or decided request cannot be asked again; a returned one can', () => {
		expect(billRefusal(bill({ heldBy: 'pending' }))).toBe('pending_request');
		expect(billRefusal(bill({ heldBy: 'approved' }))).toBe('already_decided');
		expect(billRefusal(bill({ heldBy: 'rejected' }))).toBe('already_decided');
		expect(billRefusal(bill({ heldBy: 'returned' }))).toBeNull();
	});
});

describe('texts', () => {
	it('reason is required and at most 500 characters (not bytes)', () => {
		expect(checkReason('')).toBe('reason_missing');
		expect(checkReason('   \n ')).toBe('reason_missing');
		expect(checkReason('出差'.repeat(250))).toBeNull();
		expect(checkReason('出'.repeat(REASON_MAX + 1))).toBe('reason_too_long');
		expect(checkReason(`  ${'a'.repeat(REASON_MAX)}  `)).toBeNull();
	});

	it('checkText counts code points', () => {
		expect(checkText('𠮷'.repeat(3), 3)).toBeNull();
		expect(checkText('𠮷'.repeat(4), 3)).toBe('too_long');
		expect(checkText(undefined as unknown as string, 3)).toBe('missing');
	});
});

describe('a new request', () => {
	const ok = {
		bills: [bill()],
		reason: '出差未收到通知',
		applicantName: '张伟',
		applicantPhone: ''
	};

	it('passes with eligible bills, a reason and an applicant', () => {
		expect(checkNewRequest(ok)).toEqual([]);
	});

	it('lists every problem, each bill refusal once', () => {
		expect(
			checkNewRequest({ bills: [], reason: '', applicantName: '', applicantPhone: '1'.repeat(31) })
		).toEqual(['no_bills', 'reason_missing', 'applicant_missing', 'phone_too_long']);
		expect(
			checkNewRequest({
				...ok,
				bills: [
					bill({ billId: 1, principalDueFen: 5 }),
					bill({ billId: 2, principalDueFen: 9 }),
					bill({ billId: 3, heldBy: 'approved' })
				]
			})
		).toEqual(['principal_unpaid', 'already_decided']);
		expect(checkNewRequest({ ...ok, applicantName: '名'.repeat(51) })).toEqual([
			'applicant_too_long'
		]);
	});

	it('refuses too many bills', () => {
		expect(
			checkNewRequest({
				...ok,
				bills: Array.from({ length: 121 }, (_, i) => bill({ billId: i + 1 }))
			})
		).toEqual(['too_many_bills']);
	});
});

describe('splitting a partial approval, oldest first', () => {
	const owed: OwedBill[] = [
		{ billId: 10, owedFen: 500 },
		{ billId: 11, owedFen: 300 },
		{ billId: 12, owedFen: 200 }
	];

	it('fills the oldest bill first', () => {
		expect(splitOldestFirst(650, owed)).toEqual([
			{ billId: 10, amountFen: 500 },
			{ billId: 11, amountFen: 150 },
			{ billId: 12, amountFen: 0 }
		]);
	});

	it('the full amount covers every bill; more is not allocated; nothing gives zeros', () => {
		expect(splitOldestFirst(1000, owed).map((a) => a.amountFen)).toEqual([500, 300, 200]);
		expect(splitOldestFirst(5000, owed).map((a) => a.amountFen)).toEqual([500, 300, 200]);
		expect(splitOldestFirst(0, owed).map((a) => a.amountFen)).toEqual([0, 0, 0]);
		expect(splitOldestFirst(-5, owed).map((a) => a.amountFen)).toEqual([0, 0, 0]);
	});

	it('the parts always add up to the amount (up to the maximum)', () => {
		for (let amount = 0; amount <= 1000; amount += 7) {
			const parts = splitOldestFirst(amount, owed);
			expect(parts.reduce((s, p) => s + p.amountFen, 0)).toBe(amount);
			parts.forEach((p, i) => expect(p.amountFen).toBeLessThanOrEqual(owed[i].owedFen));
		}
	});

	it('ignores bills that may have nothing waived', () => {
		expect(
			maxApprovable([
				{ billId: 1, owedFen: -3 },
				{ billId: 2, owedFen: 4 }
			])
		).toBe(4);
		expect(
			splitOldestFirst(4, [
				{ billId: 1, owedFen: -3 },
				{ billId: 2, owedFen: 4 }
			])
		).toEqual([
			{ billId: 1, amountFen: 0 },
			{ billId: 2, amountFen: 4 }
		]);
	});
});

describe('approval plans', () => {
	const owed: OwedBill[] = [
		{ billId: 10, owedFen: 500 },
		{ billId: 11, owedFen: 300 }
	];

	it('full: every bill what it may have waived', () => {
		expect(planApproval({ mode: 'full' }, owed)).toEqual({
			ok: true,
			amounts: [
				{ billId: 10, amountFen: 500 },
				{ billId: 11, amountFen: 300 }
			]
		});
		expect(planApproval({ mode: 'full' }, [{ billId: 1, owedFen: 0 }])).toEqual({
			ok: false,
			error: 'amount_zero'
		});
	});

	it('a total: split oldest first; above what is owed, negative, fractional or zero refused', () => {
		expect(planApproval({ mode: 'amount', amountFen: 600 }, owed)).toEqual({
			ok: true,
			amounts: [
				{ billId: 10, amountFen: 500 },
				{ billId: 11, amountFen: 100 }
			]
		});
		expect(planApproval({ mode: 'amount', amountFen: 800 }, owed).ok).toBe(true);
		expect(planApproval({ mode: 'amount', amountFen: 801 }, owed)).toEqual({
			ok: false,
			error: 'amount_above_owed'
		});
		expect(planApproval({ mode: 'amount', amountFen: -1 }, owed)).toEqual({
			ok: false,
			error: 'bad_amount'
		});
		expect(planApproval({ mode: 'amount', amountFen: 1.5 }, owed)).toEqual({
			ok: false,
			error: 'bad_amount'
		});
		expect(planApproval({ mode: 'amount', amountFen: Number.NaN }, owed)).toEqual({
			ok: false,
			error: 'bad_amount'
		});
		expect(planApproval({ mode: 'amount', amountFen: 0 }, owed)).toEqual({
			ok: false,
			error: 'amount_zero'
		});
	});

	it('per bill: each within its own limit, unknown or repeated bills refused, missing ones get nothing', () => {
		expect(
			planApproval({ mode: 'per_bill', amounts: [{ billId: 11, amountFen: 300 }] }, owed)
		).toEqual({
			ok: true,
			amounts: [
				{ billId: 10, amountFen: 0 },
				{ billId: 11, amountFen: 300 }
			]
		});
		expect(
			planApproval({ mode: 'per_bill', amounts: [{ billId: 11, amountFen: 301 }] }, owed)
		).toEqual({ ok: false, error: 'amount_above_owed' });
		// 100 + 600 = 700 is below the total of 800 but bill 10 may have only 500 waived.
		expect(
			planApproval(
				{
					mode: 'per_bill',
					amounts: [
						{ billId: 10, amountFen: 600 },
						{ billId: 11, amountFen: 100 }
					]
				},
				owed
			)
		).toEqual({ ok: false, error: 'amount_above_owed' });
		expect(
			planApproval({ mode: 'per_bill', amounts: [{ billId: 99, amountFen: 1 }] }, owed)
		).toEqual({ ok: false, error: 'unknown_bill' });
		expect(
			planApproval(
				{
					mode: 'per_bill',
					amounts: [
						{ billId: 10, amountFen: 1 },
						{ billId: 10, amountFen: 1 }
					]
				},
				owed
			)
		).toEqual({ ok: false, error: 'unknown_bill' });
		expect(
			planApproval({ mode: 'per_bill', amounts: [{ billId: 10, amountFen: -1 }] }, owed)
		).toEqual({ ok: false, error: 'bad_amount' });
		expect(
			planApproval({ mode: 'per_bill', amounts: [{ billId: 10, amountFen: 0 }] }, owed)
		).toEqual({ ok: false, error: 'amount_zero' });
	});
});

describe('decisions', () => {
	const d = { state: 'pending' as const, clerkId: 1, deciderId: 2, note: '首次逾期,同意' };
	const owed: OwedBill[] = [{ billId: 10, owedFen: 500 }];

	it('a manager decides a pending request of someone else, with a note', () => {
		expect(checkDecision(d)).toEqual([]);
		expect(checkApproval(d, owed, [{ billId: 10, amountFen: 500 }])).toEqual([]);
	});

	it('never twice, never your own, never without a note', () => {
		expect(checkDecision({ ...d, state: 'approved' })).toEqual(['not_pending']);
		expect(checkDecision({ ...d, state: 'rejected' })).toEqual(['not_pending']);
		expect(checkDecision({ ...d, state: 'returned' })).toEqual(['not_pending']);
		expect(checkDecision({ ...d, deciderId: 1 })).toEqual(['own_request']);
		expect(checkDecision({ ...d, note: ' ' })).toEqual(['note_missing']);
		expect(checkDecision({ ...d, note: 'x'.repeat(NOTE_MAX + 1) })).toEqual(['note_too_long']);
	});

	it('amounts: never above what is owed, never negative, never nothing, only the request’s bills', () => {
		expect(checkApproval(d, owed, [{ billId: 10, amountFen: 501 }])).toEqual(['amount_above_owed']);
		expect(checkApproval(d, owed, [{ billId: 10, amountFen: -1 }])).toEqual(['bad_amount']);
		expect(checkApproval(d, owed, [{ billId: 10, amountFen: 0 }])).toEqual(['amount_zero']);
		expect(checkApproval(d, owed, [{ billId: 11, amountFen: 1 }])).toEqual([
			'unknown_bill',
			'amount_zero'
		]);
		expect(checkApproval({ ...d, deciderId: 1 }, owed, [{ billId: 10, amountFen: 600 }])).toEqual([
			'own_request',
			'amount_above_owed'
		]);
	});
});

describe('history', () => {
	it('no earlier request: the first time', () => {
		expect(historySummary([])).toEqual({
			count: 0,
			pending: 0,
			approved: 0,
			rejected: 0,
			returned: 0,
			approvedFen: 0,
			firstTime: true
		});
	});

	it('returned requests do not count; decided and pending ones do', () => {
		expect(
			historySummary([{ state: 'returned', requestedFen: 100, approvedFen: 0 }]).firstTime
		).toBe(true);
		const s = historySummary([
			{ state: 'approved', requestedFen: 100, approvedFen: 60 },
			{ state: 'rejected', requestedFen: 50, approvedFen: 0 },
			{ state: 'pending', requestedFen: 30, approvedFen: 0 },
			{ state: 'approved', requestedFen: 10, approvedFen: 10 }
		]);
		expect(s).toEqual({
			count: 4,
			pending: 1,
			approved: 2,
			rejected: 1,
			returned: 0,
			approvedFen: 70,
			firstTime: false
		});
	});
});

describe('wording and numbers', () => {
	it('the standard’s sentence uses the community’s due day', () => {
		expect(payOnTimeSentenceZh(20)).toBe('以后请于每月20日前缴纳物业服务费');
		expect(payOnTimeSentenceZh(15)).toBe('以后请于每月15日前缴纳物业服务费');
	});

	it('request numbers', () => {
		expect(formatRequestNo(2026, 7)).toBe('MC-2026-0007');
		expect(formatRequestNo(2026, 12345)).toBe('MC-2026-12345');
	});
});
