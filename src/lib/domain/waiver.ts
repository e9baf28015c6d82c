/**
 * Late-fee waiver requests (滞纳金免除申请, DOMAIN.md §3): pure rules, no I/O.
 *
 * "您先将所欠物业服务费缴清,致于滞纳金暂时不缴,请填写这份《物业服务费滞纳金免除申请表》" — a
 * request covers the late fee of bills whose principal is already paid (earlier, or at the
 * counter in the same visit, just before the form is filled). A manager approves it in full or
 * for less, or rejects it, always with a note; a void of the payment that settled a bill's
 * principal sends a pending request back to the clerk.
 */

export const WAIVER_STATES = ['pending', 'approved', 'rejected', 'returned'] as const;
export type WaiverState = (typeof WAIVER_STATES)[number];

// 'reverse': an approved waiver taken back because the payment of its principal was voided (the
// request keeps its state; the ledger gets a negative entry).
export const WAIVER_ACTIONS = ['approve', 'reject', 'return', 'reverse'] as const;
export type WaiverAction = (typeof WAIVER_ACTIONS)[number];

/** Resident's reason and manager's note: required, at most this many characters. */
export const REASON_MAX = 500;
export const NOTE_MAX = 500;
export const APPLICANT_MAX = 50;
export const PHONE_MAX = 30;
/** A request lists at most this many bills (a few years of two items). */
export const MAX_BILLS = 120;

const TRANSITIONS: Record<WaiverState, Partial<Record<WaiverAction, WaiverState>>> = {
	pending: { approve: 'approved', reject: 'rejected', return: 'returned' },
	// Decided and returned requests are final: a new request is filed instead.
	approved: {},
	rejected: {},
	returned: {}
};

/** The state after `action`, or null when the action is not allowed from `state`. */
export function nextState(state: WaiverState, action: WaiverAction): WaiverState | null {
	return TRANSITIONS[state]?.[action] ?? null;
}

export function isDecided(state: WaiverState): boolean {
	return state === 'approved' || state === 'rejected';
}

/**
 * Requests that still "hold" their bills: a bill under one of these cannot be asked for again.
 * A returned request (its principal payment was voided) frees its bills.
 */
export function holdsBills(state: WaiverState): boolean {
	return state !== 'returned';
}

// ------------------------------------------------------------------------------ eligibility

export interface CandidateBill {
	billId: number;
	/** Principal still owed today (0 = paid in full, earlier or in this visit). */
	principalDueFen: number;
	/** Late fee still owed today (after payments and earlier waivers). */
	lateFeeDueFen: number;
	/** State of a request that already holds this bill (pending, approved, rejected), if any. */
	heldBy: WaiverState | null;
}

export type BillRefusal =
	'principal_unpaid' | 'no_late_fee' | 'pending_request' | 'already_decided';

/** Why this bill cannot go on a new request, or null when it can. */
export function billRefusal(b: CandidateBill): BillRefusal | null {
	if (b.heldBy === 'pending') return 'pending_request';
	if (b.heldBy === 'approved' || b.heldBy === 'rejected') return 'already_decided';
	if (b.lateFeeDueFen <= 0) return 'no_late_fee';
	if (b.principalDueFen > 0) return 'principal_unpaid';
	return null;
}

export type ReasonError = 'reason_missing' | 'reason_too_long';

/** Trimmed length check; characters, not bytes (a Chinese reason of 500 characters is fine). */
export function checkText(text: string, max: number): 'missing' | 'too_long' | null {
	const t = String(text ?? '').trim();
	if (!t) return 'missing';
	if ([...t].length > max) return 'too_long';
	return null;
}

export function checkReason(reason: string): ReasonError | null {
	const e = checkText(reason, REASON_MAX);
	return e === 'missing' ? 'reason_missing' : e === 'too_long' ? 'reason_too_long' : null;
}

export type NewRequestError =
	| ReasonError
	| 'no_bills'
	| 'too_many_bills'
	| 'applicant_missing'
	| 'applicant_too_long'
	| 'phone_too_long'
	| BillRefusal;

export interface NewRequestInput {
	bills: readonly CandidateBill[];
	reason: string;
	applicantName: string;
	applicantPhone: string;
}

/**
 * Everything wrong with a new request (empty = it may be filed). Bill refusals are reported once
 * each, in the order above, whichever bill has them.
 */
export function checkNewRequest(input: NewRequestInput): NewRequestError[] {
	const errors: NewRequestError[] = [];
	if (input.bills.length === 0) errors.push('no_bills');
	else if (input.bills.length > MAX_BILLS) errors.push('too_many_bills');
	const seen = new Set<BillRefusal>();
	for (const b of input.bills) {
		const r = billRefusal(b);
		if (r && !seen.has(r)) {
			seen.add(r);
			errors.push(r);
		}
	}
	const reason = checkReason(input.reason);
	if (reason) errors.push(reason);
	const applicant = checkText(input.applicantName, APPLICANT_MAX);
	if (applicant === 'missing') errors.push('applicant_missing');
	else if (applicant === 'too_long') errors.push('applicant_too_long');
	if ([...String(input.applicantPhone ?? '').trim()].length > PHONE_MAX)
		errors.push('phone_too_long');
	return errors;
}

// ------------------------------------------------------------------------------ approval

export interface OwedBill {
	billId: number;
	/** The most this approval may waive on the bill: what was asked, but no more than is owed now. */
	owedFen: number;
}

export interface BillAmount {
	billId: number;
	amountFen: number;
}

/** The largest amount that can be approved: the sum of what each bill may still have waived. */
export function maxApprovable(bills: readonly OwedBill[]): number {
	return bills.reduce((s, b) => s + Math.max(0, b.owedFen), 0);
}

/**
 * Splits an approved total over the bills in the order given (callers pass them oldest first):
 * each bill takes as much as it may before the next gets anything. `amountFen` must not exceed
 * `maxApprovable` (checked by `checkApproval`); any excess is simply not allocated.
 */
export function splitOldestFirst(amountFen: number, bills: readonly OwedBill[]): BillAmount[] {
	let left = Math.max(0, Math.trunc(amountFen));
	return bills.map((b) => {
		const take = Math.min(left, Math.max(0, b.owedFen));
		left -= take;
		return { billId: b.billId, amountFen: take };
	});
}

export type ApprovalError =
	| 'not_pending'
	| 'own_request'
	| 'note_missing'
	| 'note_too_long'
	| 'bad_amount'
	| 'amount_zero'
	| 'amount_above_owed'
	| 'unknown_bill'
	| 'principal_unpaid';

export interface DecisionInput {
	state: WaiverState;
	/** The clerk who filed the request and the manager deciding it (never the same person). */
	clerkId: number;
	deciderId: number;
	note: string;
}

/** Checks common to approving and rejecting. */
export function checkDecision(d: DecisionInput): ApprovalError[] {
	const errors: ApprovalError[] = [];
	if (d.state !== 'pending') errors.push('not_pending');
	if (d.clerkId === d.deciderId) errors.push('own_request');
	const note = checkText(d.note, NOTE_MAX);
	if (note === 'missing') errors.push('note_missing');
	else if (note === 'too_long') errors.push('note_too_long');
	return errors;
}

/**
 * Checks an approval: the decision rules, then the amounts per bill — whole fen, none negative,
 * none above what that bill may have waived, every bill one of the request's, and more than
 * nothing in total (waiving nothing is a rejection).
 */
export function checkApproval(
	d: DecisionInput,
	owed: readonly OwedBill[],
	amounts: readonly BillAmount[]
): ApprovalError[] {
	const errors = checkDecision(d);
	const byId = new Map(owed.map((b) => [b.billId, b]));
	let total = 0;
	let bad = false;
	let above = false;
	let unknown = false;
	for (const a of amounts) {
		const b = byId.get(a.billId);
		if (!b) {
			unknown = true;
			continue;
		}
		if (!Number.isSafeInteger(a.amountFen) || a.amountFen < 0) {
			bad = true;
			continue;
		}
		if (a.amountFen > Math.max(0, b.owedFen)) above = true;
		total += a.amountFen;
	}
	if (unknown) errors.push('unknown_bill');
	if (bad) errors.push('bad_amount');
	else if (above || total > maxApprovable(owed)) errors.push('amount_above_owed');
	else if (total === 0) errors.push('amount_zero');
	return errors;
}

/** How the manager states an approval: in full, a total split oldest first, or per bill. */
export type ApprovalPlan =
	| { mode: 'full' }
	| { mode: 'amount'; amountFen: number }
	| { mode: 'per_bill'; amounts: readonly BillAmount[] };

export type PlanResult =
	| { ok: true; amounts: BillAmount[] }
	| { ok: false; error: 'bad_amount' | 'amount_above_owed' | 'amount_zero' | 'unknown_bill' };

/**
 * The amount per bill an approval plan means (bills in `owed` order, oldest first). A total is
 * refused when negative or not whole fen, above what may be waived, or zero; per-bill amounts
 * are checked bill by bill (bills left out get nothing).
 */
export function planApproval(plan: ApprovalPlan, owed: readonly OwedBill[]): PlanResult {
	const max = maxApprovable(owed);
	if (plan.mode === 'full') {
		if (max === 0) return { ok: false, error: 'amount_zero' };
		return {
			ok: true,
			amounts: owed.map((b) => ({ billId: b.billId, amountFen: Math.max(0, b.owedFen) }))
		};
	}
	if (plan.mode === 'amount') {
		if (!Number.isSafeInteger(plan.amountFen) || plan.amountFen < 0)
			return { ok: false, error: 'bad_amount' };
		if (plan.amountFen > max) return { ok: false, error: 'amount_above_owed' };
		if (plan.amountFen === 0) return { ok: false, error: 'amount_zero' };
		return { ok: true, amounts: splitOldestFirst(plan.amountFen, owed) };
	}
	const given = new Map<number, number>();
	for (const a of plan.amounts) {
		if (!owed.some((b) => b.billId === a.billId) || given.has(a.billId))
			return { ok: false, error: 'unknown_bill' };
		if (!Number.isSafeInteger(a.amountFen) || a.amountFen < 0)
			return { ok: false, error: 'bad_amount' };
		given.set(a.billId, a.amountFen);
	}
	const amounts = owed.map((b) => ({ billId: b.billId, amountFen: given.get(b.billId) ?? 0 }));
	if (amounts.some((a, i) => a.amountFen > Math.max(0, owed[i].owedFen)))
		return { ok: false, error: 'amount_above_owed' };
	if (amounts.every((a) => a.amountFen === 0)) return { ok: false, error: 'amount_zero' };
	return { ok: true, amounts };
}

// ------------------------------------------------------------------------------ history

export interface HistoryEntry {
	state: WaiverState;
	requestedFen: number;
	approvedFen: number;
}

export interface HistorySummary {
	/** Earlier requests that count (returned ones were sent back, not decided). */
	count: number;
	pending: number;
	approved: number;
	rejected: number;
	returned: number;
	approvedFen: number;
	/** No earlier request was pending or decided: a genuine first time. */
	firstTime: boolean;
}

/** Summary of a unit's earlier requests, for the clerk's screen, the form and the approver. */
export function historySummary(earlier: readonly HistoryEntry[]): HistorySummary {
	const s: HistorySummary = {
		count: 0,
		pending: 0,
		approved: 0,
		rejected: 0,
		returned: 0,
		approvedFen: 0,
		firstTime: true
	};
	for (const h of earlier) {
		s[h.state]++;
		if (h.state === 'approved') s.approvedFen += h.approvedFen;
	}
	s.count = s.pending + s.approved + s.rejected;
	s.firstTime = s.count === 0;
	return s;
}

/** "以后请于每月20日前缴纳物业服务费" with the community's due day. */
export function payOnTimeSentenceZh(dueDay: number): string {
	return `以后请于每月${dueDay}日前缴纳物业服务费`;
}

/** Request numbers per community and year: MC-2026-0007. */
export function formatRequestNo(year: number, seq: number): string {
	return `MC-${year}-${String(seq).padStart(4, '0')}`;
}
