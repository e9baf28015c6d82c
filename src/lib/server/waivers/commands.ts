import { tx, type Db } from '../db';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { unitInfo } from '../fees';
import { stmt } from '../db/stmt';
import { unitTiesAsOf } from '../records/ties';
import { nextSeq } from '../db/sequence';
import {
	MAX_BILLS,
	checkApproval,
	checkDecision,
	checkNewRequest,
	formatRequestNo,
	nextState,
	planApproval,
	type ApprovalPlan,
	type BillAmount,
	type OwedBill,
	type WaiverState
} from '../../domain/waiver';
import { WaiverError } from './errors';
import { requestBills, waiverCandidates } from './queries';

export interface NewWaiverInput {
	communityId: number;
	unitId: number;
	billIds: number[];
	reason: string;
	applicantName: string;
	applicantPhone?: string;
	clerkId: number;
	/** One per rendering of the form: a double submit files once. */
	idempotencyKey: string;
	now: number;
}

export interface FiledWaiver {
	id: number;
	requestNo: string;
	requestedFen: number;
	replayed: boolean;
}

function checkKey(key: string): void {
	if (typeof key !== 'string' || !key || key.length > 100) throw new WaiverError('idempotency_key');
}

function checkIds(ids: unknown): number[] {
	if (!Array.isArray(ids)) throw new WaiverError('no_bills');
	if (ids.length > MAX_BILLS) throw new WaiverError('too_many_bills');
	for (const id of ids)
		if (!Number.isSafeInteger(id) || (id as number) <= 0) throw new WaiverError('bill_not_found');
	return [...new Set(ids as number[])];
}

function nextRequestNo(db: Db, communityId: number, year: number): string {
	const prefix = formatRequestNo(year, 0).slice(0, -4);
	return formatRequestNo(
		year,
		nextSeq(db, communityId, { table: 'waiver_requests', textColumn: 'request_no', prefix })
	);
}

/**
 * Files a late-fee waiver request at the counter (one transaction): the bills must be the unit's,
 * in this community, with their principal paid and a late fee still owed, and on no other pending
 * or decided request; the amounts asked are the late fees owed today, computed here (never taken
 * from the form). Records the step and audits it. A replayed key returns the first request.
 */
export function createWaiverRequest(db: Db, input: NewWaiverInput): FiledWaiver {
	checkKey(input.idempotencyKey);
	return tx(db, () => {
		const prior = stmt(
			db,
			`SELECT id, request_no AS requestNo, requested_fen AS requestedFen, community_id AS communityId,
				clerk_id AS clerkId, unit_id AS unitId
			FROM waiver_requests WHERE idempotency_key = ?`
		).get(input.idempotencyKey) as
			| {
					id: number;
					requestNo: string;
					requestedFen: number;
					communityId: number;
					clerkId: number;
					unitId: number;
			  }
			| undefined;
		if (prior) {
			if (
				prior.communityId !== input.communityId ||
				prior.clerkId !== input.clerkId ||
				prior.unitId !== input.unitId
			)
				throw new WaiverError('idempotency_conflict');
			return {
				id: prior.id,
				requestNo: prior.requestNo,
				requestedFen: prior.requestedFen,
				replayed: true
			};
		}
		const unit = unitInfo(db, input.communityId, input.unitId);
		if (!unit) throw new WaiverError('not_found');
		const ids = checkIds(input.billIds);
		const community = getCommunity(db, input.communityId);
		const today = communityToday(community, new Date(input.now));
		const bills = ids.length ? waiverCandidates(db, input.communityId, unit.id, today, ids) : [];
		// A bill of another unit or community is not found (billStates reads only this unit's bills).
		const found = new Set(bills.map((b) => b.billId));
		for (const id of ids)
			if (!found.has(id)) throw new WaiverError('bill_not_found', { billId: id });

		const reason = String(input.reason ?? '').trim();
		const applicantName = String(input.applicantName ?? '').trim();
		const applicantPhone = String(input.applicantPhone ?? '').trim();
		const errors = checkNewRequest({
			bills: bills.map((b) => ({
				billId: b.billId,
				principalDueFen: b.principalDueFen,
				lateFeeDueFen: b.lateFeeDueFen,
				heldBy: b.heldBy?.state ?? null
			})),
			reason,
			applicantName,
			applicantPhone
		});
		if (errors.length) throw new WaiverError(errors[0], { errors });

		// The owner on the day of the request (a past owner's tie has ended).
		const tie = unitTiesAsOf(db, unit.id, today)[0];
		const owner = tie && { id: tie.ownerId, name: tie.name };
		const requestedFen = bills.reduce((s, b) => s + b.lateFeeDueFen, 0);
		const requestNo = nextRequestNo(db, input.communityId, Number(today.slice(0, 4)));
		const { id } = stmt(
			db,
			`INSERT INTO waiver_requests (community_id, request_no, unit_id, owner_id, owner_name, applicant_name, applicant_phone, reason,
			requested_fen, state, clerk_id, local_date, created_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id`
		).get(
			input.communityId,
			requestNo,
			unit.id,
			owner?.id ?? null,
			owner?.name ?? '',
			applicantName,
			applicantPhone,
			reason,
			requestedFen,
			input.clerkId,
			today,
			input.now,
			input.idempotencyKey
		) as { id: number };
		const insertBill = stmt(
			db,
			`INSERT INTO waiver_request_bills (request_id, bill_id, month, item_name_zh, due_date, principal_fen, principal_paid_date, late_fee_fen,
			late_fee_paid_fen, requested_fen, working_zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (const b of bills)
			insertBill.run(
				id,
				b.billId,
				b.month,
				b.itemNameZh,
				b.dueDate,
				b.principalFen,
				b.principalPaidDate,
				b.lateFeeFen,
				b.lateFeePaidFen,
				b.lateFeeDueFen,
				b.workingZh
			);
		const detail = {
			unitCode: unit.code,
			requestedFen,
			bills: bills.map((b) => ({
				billId: b.billId,
				month: b.month,
				item: b.itemCode,
				requestedFen: b.lateFeeDueFen,
				paidToday: b.paidToday
			}))
		};
		event(db, input.communityId, id, 'create', input.clerkId, reason, detail, today, input.now);
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.clerkId,
				action: 'waiver.create',
				targetType: 'waiver_request',
				targetId: requestNo,
				detail
			},
			input.now
		);
		return { id, requestNo, requestedFen, replayed: false };
	});
}

function event(
	db: Db,
	communityId: number,
	requestId: number,
	action: string,
	actorId: number | null,
	note: string,
	detail: Record<string, unknown>,
	localDate: string,
	at: number
) {
	stmt(
		db,
		'INSERT INTO waiver_events (community_id, request_id, action, actor_id, note, detail, local_date, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
	).run(communityId, requestId, action, actorId, note, JSON.stringify(detail), localDate, at);
}

/** A decision as checked (the review before the confirmation checks this much). */
export type DecisionCheck = {
	communityId: number;
	requestId: number;
	deciderId: number;
	note: string;
	now: number;
} & ({ decision: 'approve'; plan: ApprovalPlan } | { decision: 'reject' });

export type DecisionInput = DecisionCheck & {
	/** One per rendering of the decision form: a double submit decides once. */
	key: string;
};

export interface Decided {
	state: WaiverState;
	approvedFen: number;
	amounts: BillAmount[];
	replayed: boolean;
}

interface RequestState {
	id: number;
	requestNo: string;
	state: WaiverState;
	clerkId: number;
	unitId: number;
	decisionKey: string | null;
	approvedFen: number;
}

function loadState(db: Db, communityId: number, id: number): RequestState {
	if (!Number.isSafeInteger(id) || id <= 0) throw new WaiverError('not_found');
	const r = stmt(
		db,
		`SELECT id, request_no AS requestNo, state, clerk_id AS clerkId, unit_id AS unitId,
			decision_key AS decisionKey, approved_fen AS approvedFen
		FROM waiver_requests WHERE id = ? AND community_id = ?`
	).get(id, communityId) as RequestState | undefined;
	if (!r) throw new WaiverError('not_found');
	return r;
}

/**
 * What each bill of a request may still have waived today: what was asked, but no more than its
 * late fee still owed (part may have been paid at the counter meanwhile). Oldest first.
 */
export function owedNow(
	db: Db,
	communityId: number,
	unitId: number,
	requestId: number,
	today: string
): (OwedBill & { principalDueFen: number; requestedFen: number; month: string })[] {
	const asked = requestBills(db, requestId);
	const now = new Map(
		waiverCandidates(
			db,
			communityId,
			unitId,
			today,
			asked.map((b) => b.billId)
		).map((b) => [b.billId, b])
	);
	return asked.map((b) => {
		const c = now.get(b.billId);
		return {
			billId: b.billId,
			month: b.month,
			requestedFen: b.requestedFen,
			principalDueFen: c?.principalDueFen ?? 0,
			owedFen: Math.min(b.requestedFen, c?.lateFeeDueFen ?? 0)
		};
	});
}

/**
 * The decision checked as it would be written (throws WaiverError): for an approval, the amount
 * per bill under the plan and what the bills still owe today.
 */
function checkedAmounts(
	db: Db,
	input: DecisionCheck,
	r: RequestState,
	today: string
): { amounts: BillAmount[]; owed: ReturnType<typeof owedNow> } {
	const decision = {
		state: r.state,
		clerkId: r.clerkId,
		deciderId: input.deciderId,
		note: String(input.note ?? '').trim()
	};
	if (input.decision !== 'approve') {
		const errors = checkDecision(decision);
		if (errors.length) throw new WaiverError(errors[0], { errors });
		return { amounts: [], owed: [] };
	}
	const owed = owedNow(db, input.communityId, r.unitId, r.id, today);
	const first = checkDecision(decision);
	if (first.length) throw new WaiverError(first[0], { errors: first });
	// A void may have re-opened a principal without the request being sent back: never waive then.
	if (owed.some((b) => b.principalDueFen > 0)) throw new WaiverError('principal_unpaid');
	const plan = planApproval(input.plan, owed);
	if (!plan.ok)
		throw new WaiverError(plan.error, { maxFen: owed.reduce((s, b) => s + b.owedFen, 0) });
	const errors = checkApproval(decision, owed, plan.amounts);
	if (errors.length) throw new WaiverError(errors[0], { errors });
	return { amounts: plan.amounts, owed };
}

/**
 * The review before the confirmation: the decision checked exactly as `decideWaiverRequest`
 * checks it, writing nothing, with the amounts it would write (per bill, with the month).
 */
export function reviewWaiverDecision(
	db: Db,
	input: DecisionCheck
): { approvedFen: number; amounts: (BillAmount & { month: string })[] } {
	const r = loadState(db, input.communityId, input.requestId);
	const today = communityToday(getCommunity(db, input.communityId), new Date(input.now));
	const { amounts, owed } = checkedAmounts(db, input, r, today);
	const month = new Map(owed.map((b) => [b.billId, b.month]));
	return {
		approvedFen: amounts.reduce((s, a) => s + a.amountFen, 0),
		amounts: amounts
			.filter((a) => a.amountFen > 0)
			.map((a) => ({ ...a, month: month.get(a.billId) ?? '' }))
	};
}

/**
 * A manager approves (in full, a total split oldest first, or per bill) or rejects a pending
 * request, always with a note, never their own. Approval writes the waiver entries in the ledger
 * in the same transaction, so the late fee leaves what the unit owes. The state changes only
 * from `pending` (checked again by the UPDATE itself), so a request is never decided twice; the
 * same form submitted twice (same key) answers the first outcome.
 */
export function decideWaiverRequest(db: Db, input: DecisionInput): Decided {
	checkKey(input.key);
	return tx(db, () => {
		const r = loadState(db, input.communityId, input.requestId);
		const target = nextState('pending', input.decision);
		if (r.decisionKey === input.key && r.state === target) {
			const amounts = requestBills(db, r.id).map((b) => ({
				billId: b.billId,
				amountFen: b.approvedFen
			}));
			return { state: r.state, approvedFen: r.approvedFen, amounts, replayed: true };
		}
		const community = getCommunity(db, input.communityId);
		const today = communityToday(community, new Date(input.now));
		const note = String(input.note ?? '').trim();
		const amounts = checkedAmounts(db, input, r, today).amounts;
		const approvedFen = amounts.reduce((s, a) => s + a.amountFen, 0);
		const changed = stmt(
			db,
			`UPDATE waiver_requests SET state = ?, decided_by = ?, decided_at = ?, decided_local_date = ?, decision_note = ?, approved_fen = ?, decision_key = ?
			WHERE id = ? AND state = 'pending'`
		).run(target, input.deciderId, input.now, today, note, approvedFen, input.key, r.id);
		if (changed.changes !== 1) throw new WaiverError('not_pending');
		const insert = stmt(
			db,
			'INSERT INTO waiver_entries (bill_id, amount_fen, request_id, approved_by, local_date, created_at) VALUES (?, ?, ?, ?, ?, ?)'
		);
		for (const a of amounts)
			if (a.amountFen > 0)
				insert.run(a.billId, a.amountFen, r.id, input.deciderId, today, input.now);
		const detail =
			input.decision === 'approve' ? { approvedFen, amounts, mode: input.plan.mode } : {};
		event(
			db,
			input.communityId,
			r.id,
			input.decision,
			input.deciderId,
			note,
			detail,
			today,
			input.now
		);
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.deciderId,
				action: `waiver.${input.decision}`,
				targetType: 'waiver_request',
				targetId: r.requestNo,
				detail: { ...detail, note }
			},
			input.now
		);
		return { state: target!, approvedFen, amounts, replayed: false };
	});
}

/** An approved waiver that stands on a payment's principal: reversed when that payment is voided. */
export interface DependentWaiver {
	requestId: number | null;
	requestNo: string | null;
	billId: number;
	month: string;
	itemNameZh: string;
	itemNameEn: string;
	/** What is still waived by this entry (what the reversal takes back). */
	amountFen: number;
	entryId: number;
}

/**
 * Waiver entries still standing on bills whose principal this payment paid (oldest month
 * first). Voiding the payment makes the principal owed again, so the late fee is no longer fixed
 * and the waiver (granted on a paid principal) falls with it.
 */
export function dependentWaivers(db: Db, paymentId: number): DependentWaiver[] {
	return stmt(
		db,
		`SELECT w.id AS entryId, w.request_id AS requestId, r.request_no AS requestNo, w.bill_id AS billId,
			b.month, i.name_zh AS itemNameZh, i.name_en AS itemNameEn, w.amount_fen AS amountFen
		FROM waiver_entries w JOIN bills b ON b.id = w.bill_id JOIN fee_items i ON i.id = b.fee_item_id LEFT JOIN waiver_requests r ON r.id = w.request_id
		WHERE w.amount_fen > 0 AND w.reverses_id IS NULL
		AND w.bill_id IN (SELECT bill_id FROM payment_lines WHERE payment_id = ? AND kind = 'principal' AND bill_id IS NOT NULL)
		AND NOT EXISTS (SELECT 1 FROM waiver_entries x WHERE x.reverses_id = w.id)
		ORDER BY b.month, i.sort, w.id`
	).all(paymentId) as DependentWaiver[];
}

/** Dependent waivers grouped by request, as the void page lists them before confirming. */
export interface WaiversOfRequest {
	requestId: number | null;
	requestNo: string | null;
	amountFen: number;
	bills: { month: string; itemNameZh: string; itemNameEn: string; amountFen: number }[];
}

export function groupByRequest(list: readonly DependentWaiver[]): WaiversOfRequest[] {
	const out = new Map<string, WaiversOfRequest>();
	for (const d of list) {
		const k = String(d.requestId ?? `entry-${d.entryId}`);
		const g = out.get(k) ?? {
			requestId: d.requestId,
			requestNo: d.requestNo,
			amountFen: 0,
			bills: []
		};
		g.amountFen += d.amountFen;
		g.bills.push({
			month: d.month,
			itemNameZh: d.itemNameZh,
			itemNameEn: d.itemNameEn,
			amountFen: d.amountFen
		});
		out.set(k, g);
	}
	return [...out.values()];
}

export interface VoidEffects {
	/** Pending requests sent back to the clerk. */
	returned: string[];
	/** Approved waivers reversed, per request. */
	reversed: { requestNo: string | null; amountFen: number }[];
}

/**
 * Everything waivers do when a payment is voided, inside the void transaction
 * (`voidPayment(db, input, (id, voidId) => settleWaiversOnVoid(db, id, voidId, managerId, now))`):
 * - every pending request with a bill whose principal this payment paid goes back to the clerk
 *   (state `returned`): the principal is owed again, so the late fee is no longer fixed;
 * - every approved waiver on such a bill is reversed by a new, negative waiver entry pointing at
 *   it (the ledger stays insert-only), so the late fee is owed again; the request keeps its
 *   decision and its steps show the reversal, and its bills may be asked for again.
 */
export function settleWaiversOnVoid(
	db: Db,
	paymentId: number,
	voidId: number | null,
	actorId: number,
	now: number
): VoidEffects {
	const run = (): VoidEffects => {
		const payment = stmt(
			db,
			'SELECT receipt_no AS receiptNo, community_id AS communityId FROM payments WHERE id = ?'
		).get(paymentId) as { receiptNo: string; communityId: number } | undefined;
		if (!payment) return { returned: [], reversed: [] };
		const today = communityToday(getCommunity(db, payment.communityId), new Date(now));
		return {
			returned: returnPending(db, paymentId, payment, actorId, today, now),
			reversed: reverseApproved(db, paymentId, voidId, payment, actorId, today, now)
		};
	};
	// Normally inside voidPayment's transaction; on its own it takes one.
	return db.$client.inTransaction ? run() : tx(db, run);
}

/** The pending-request part of `settleWaiversOnVoid`; returns the request numbers sent back. */
export function onPaymentVoided(db: Db, paymentId: number, actorId: number, now: number): string[] {
	return settleWaiversOnVoid(db, paymentId, null, actorId, now).returned;
}

function returnPending(
	db: Db,
	paymentId: number,
	payment: { receiptNo: string; communityId: number },
	actorId: number,
	today: string,
	now: number
): string[] {
	const rows = stmt(
		db,
		`SELECT DISTINCT r.id, r.request_no AS requestNo, r.community_id AS communityId FROM waiver_requests r
		JOIN waiver_request_bills rb ON rb.request_id = r.id JOIN payment_lines pl ON pl.bill_id = rb.bill_id
		WHERE pl.payment_id = ? AND pl.kind = 'principal' AND r.state = 'pending' AND r.community_id = ? ORDER BY r.id`
	).all(paymentId, payment.communityId) as { id: number; requestNo: string; communityId: number }[];
	if (rows.length === 0) return [];
	// The page words it ("票据 … 已作废，退回经办人"); the row keeps the receipt number.
	const note = payment.receiptNo;
	const back = stmt(
		db,
		`UPDATE waiver_requests SET state = 'returned', decided_by = ?, decided_at = ?, decided_local_date = ?, decision_note = ? WHERE id = ? AND state = 'pending'`
	);
	const out: string[] = [];
	for (const r of rows) {
		if (back.run(actorId, now, today, note, r.id).changes !== 1) continue;
		const detail = { paymentId, receiptNo: payment.receiptNo };
		event(db, r.communityId, r.id, 'return', actorId, '', detail, today, now);
		audit(
			db,
			{
				communityId: r.communityId,
				actorId,
				action: 'waiver.return',
				targetType: 'waiver_request',
				targetId: r.requestNo,
				detail
			},
			now
		);
		out.push(r.requestNo);
	}
	return out;
}

function reverseApproved(
	db: Db,
	paymentId: number,
	voidId: number | null,
	payment: { receiptNo: string; communityId: number },
	actorId: number,
	today: string,
	now: number
): VoidEffects['reversed'] {
	const deps = dependentWaivers(db, paymentId);
	if (deps.length === 0) return [];
	const insert = stmt(
		db,
		'INSERT INTO waiver_entries (bill_id, amount_fen, request_id, reverses_id, void_id, approved_by, local_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	for (const d of deps)
		insert.run(d.billId, -d.amountFen, d.requestId, d.entryId, voidId, actorId, today, now);
	const groups = groupByRequest(deps);
	for (const g of groups) {
		const detail = {
			paymentId,
			receiptNo: payment.receiptNo,
			reversedFen: g.amountFen,
			bills: g.bills
		};
		if (g.requestId !== null)
			event(db, payment.communityId, g.requestId, 'reverse', actorId, '', detail, today, now);
		audit(
			db,
			{
				communityId: payment.communityId,
				actorId,
				action: 'waiver.reverse',
				targetType: 'waiver_request',
				targetId: g.requestNo ?? '',
				detail
			},
			now
		);
	}
	return groups.map((g) => ({ requestNo: g.requestNo, amountFen: g.amountFen }));
}
