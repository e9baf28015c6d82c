import type { Db } from '../db';
import { billStates } from '../fees';
import { stmt } from '../db/stmt';
import { formatLateFeeWorkingZh } from '../../domain/late-fee';
import {
	billRefusal,
	historySummary,
	type BillRefusal,
	type HistorySummary,
	type WaiverState
} from '../../domain/waiver';

/** Reading waiver requests back: lists, one request with its bills and steps, a unit's history. */

export interface RequestRow {
	id: number;
	communityId: number;
	requestNo: string;
	unitId: number;
	unitCode: string;
	ownerName: string;
	applicantName: string;
	applicantPhone: string;
	reason: string;
	requestedFen: number;
	approvedFen: number;
	state: WaiverState;
	clerkId: number;
	clerkName: string;
	clerkWorkNo: string;
	localDate: string;
	createdAt: number;
	decidedBy: number | null;
	decidedByName: string | null;
	decidedByWorkNo: string | null;
	decidedAt: number | null;
	decidedLocalDate: string | null;
	decisionNote: string | null;
	billCount: number;
	/** Months covered, oldest first (e.g. ["2026-08", "2026-09"]). */
	months: string[];
}

const REQUEST_SQL = `SELECT r.id, r.community_id AS communityId, r.request_no AS requestNo, r.unit_id AS unitId, u.code AS unitCode,
	r.owner_name AS ownerName, r.applicant_name AS applicantName, r.applicant_phone AS applicantPhone, r.reason,
	r.requested_fen AS requestedFen, r.approved_fen AS approvedFen, r.state, r.clerk_id AS clerkId, c.display_name AS clerkName,
	c.work_no AS clerkWorkNo, r.local_date AS localDate, r.created_at AS createdAt, r.decided_by AS decidedBy,
	d.display_name AS decidedByName, d.work_no AS decidedByWorkNo, r.decided_at AS decidedAt, r.decided_local_date AS decidedLocalDate,
	r.decision_note AS decisionNote,
	(SELECT count(*) FROM waiver_request_bills rb WHERE rb.request_id = r.id) AS billCount,
	(SELECT group_concat(month, ',') FROM (SELECT DISTINCT rb.month FROM waiver_request_bills rb WHERE rb.request_id = r.id ORDER BY rb.month)) AS monthList
	FROM waiver_requests r JOIN units u ON u.id = r.unit_id JOIN staff_users c ON c.id = r.clerk_id LEFT JOIN staff_users d ON d.id = r.decided_by`;

type RawRequest = Omit<RequestRow, 'months'> & { monthList: string | null };
const toRow = ({ monthList, ...r }: RawRequest): RequestRow => ({
	...r,
	months: monthList ? monthList.split(',') : []
});

/** One request of this community, or null (another community's id is simply not found). */
export function requestById(db: Db, communityId: number, id: number): RequestRow | null {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	const r = stmt(db, `${REQUEST_SQL} WHERE r.id = ? AND r.community_id = ?`).get(
		id,
		communityId
	) as RawRequest | undefined;
	return r ? toRow(r) : null;
}

export interface ListOptions {
	states?: readonly WaiverState[];
	unitId?: number;
	limit?: number;
	/** Oldest first (the approver's queue) or newest first (history). */
	order?: 'oldest' | 'newest';
}

export function listRequests(db: Db, communityId: number, opts: ListOptions = {}): RequestRow[] {
	const where = ['r.community_id = ?'];
	const args: unknown[] = [communityId];
	if (opts.states?.length) {
		where.push(`r.state IN (${opts.states.map(() => '?').join(',')})`);
		args.push(...opts.states);
	}
	if (opts.unitId !== undefined) {
		where.push('r.unit_id = ?');
		args.push(opts.unitId);
	}
	const order = opts.order === 'oldest' ? 'r.created_at, r.id' : 'r.created_at DESC, r.id DESC';
	const limit = Math.max(1, Math.min(500, Math.floor(opts.limit ?? 100)));
	const rows = stmt(
		db,
		`${REQUEST_SQL} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`
	).all(...args) as RawRequest[];
	return rows.map(toRow);
}

/** Requests waiting for a manager (the count on the manager's home screen). */
export function pendingCount(db: Db, communityId: number): number {
	return (
		stmt(
			db,
			`SELECT count(*) AS n FROM waiver_requests WHERE community_id = ? AND state = 'pending'`
		).get(communityId) as { n: number }
	).n;
}

export { pendingBillIds } from './pending';

export interface Holder {
	requestId: number;
	requestNo: string;
	state: WaiverState;
}

/**
 * For each bill, the request that holds it (pending or decided; returned ones free their bills,
 * and so does a waiver reversed by a void: the bill may be asked for again once paid).
 */
export function holders(db: Db, billIds: number[]): Map<number, Holder> {
	const out = new Map<number, Holder>();
	if (billIds.length === 0) return out;
	const rows = stmt(
		db,
		`SELECT rb.bill_id AS billId, r.id AS requestId, r.request_no AS requestNo, r.state FROM waiver_request_bills rb
		JOIN waiver_requests r ON r.id = rb.request_id
		WHERE r.state != 'returned' AND rb.bill_id IN (SELECT value FROM json_each(?))
		AND NOT EXISTS (SELECT 1 FROM waiver_entries w WHERE w.request_id = r.id AND w.bill_id = rb.bill_id AND w.reverses_id IS NOT NULL)
		ORDER BY r.id`
	).all(JSON.stringify(billIds)) as ({ billId: number } & Holder)[];
	// A pending request wins over a decided one (only one of each can exist, but be explicit).
	for (const { billId, ...h } of rows)
		if (!out.has(billId) || h.state === 'pending') out.set(billId, h);
	return out;
}

/** The day each bill's principal was settled: its last principal payment that was not voided. */
export function principalPaidDates(db: Db, billIds: number[]): Map<number, string> {
	if (billIds.length === 0) return new Map();
	const rows = stmt(
		db,
		`SELECT pl.bill_id AS billId, MAX(p.local_date) AS date FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
		WHERE pl.kind = 'principal' AND pl.bill_id IN (SELECT value FROM json_each(?))
		AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id) GROUP BY pl.bill_id`
	).all(JSON.stringify(billIds)) as { billId: number; date: string }[];
	return new Map(rows.map((r) => [r.billId, r.date]));
}

export interface WaiverCandidate {
	billId: number;
	month: string;
	itemCode: string;
	itemNameZh: string;
	itemNameEn: string;
	dueDate: string;
	principalFen: number;
	principalDueFen: number;
	/** Day the principal was settled; equal to today when it was paid in this visit. */
	principalPaidDate: string | null;
	paidToday: boolean;
	lateFeeFen: number;
	lateFeePaidFen: number;
	lateFeeWaivedFen: number;
	lateFeeDueFen: number;
	workingZh: string;
	heldBy: Holder | null;
	/** Why it cannot go on a new request, or null. */
	refusal: BillRefusal | null;
}

/**
 * The unit's bills that still owe a late fee as of `today`, oldest first, each with whether it
 * may go on a new request (principal paid, not already on a pending or decided request).
 */
export function waiverCandidates(
	db: Db,
	communityId: number,
	unitId: number,
	today: string,
	billIds?: readonly number[]
): WaiverCandidate[] {
	const states = billStates(
		db,
		communityId,
		unitId,
		today,
		billIds ? { ids: billIds } : undefined
	).filter((b) => (billIds ? true : b.lateFeeDueFen > 0));
	const ids = states.map((b) => b.billId);
	const held = holders(db, ids);
	const paid = principalPaidDates(db, ids);
	return states.map((b) => {
		const heldBy = held.get(b.billId) ?? null;
		const principalPaidDate = b.principalDueFen === 0 ? (paid.get(b.billId) ?? null) : null;
		return {
			billId: b.billId,
			month: b.month,
			itemCode: b.itemCode,
			itemNameZh: b.itemNameZh,
			itemNameEn: b.itemNameEn,
			dueDate: b.dueDate,
			principalFen: b.principalFen,
			principalDueFen: b.principalDueFen,
			principalPaidDate,
			paidToday: principalPaidDate === today,
			lateFeeFen: b.lateFeeFen,
			lateFeePaidFen: b.lateFeePaidFen,
			lateFeeWaivedFen: b.lateFeeWaivedFen,
			lateFeeDueFen: b.lateFeeDueFen,
			workingZh: b.lateFeeFen > 0 ? formatLateFeeWorkingZh(b.working) : '',
			heldBy,
			refusal: billRefusal({
				billId: b.billId,
				principalDueFen: b.principalDueFen,
				lateFeeDueFen: b.lateFeeDueFen,
				heldBy: heldBy?.state ?? null
			})
		};
	});
}

export interface RequestBillRow {
	billId: number;
	month: string;
	itemNameZh: string;
	dueDate: string;
	principalFen: number;
	principalPaidDate: string | null;
	lateFeeFen: number;
	lateFeePaidFen: number;
	requestedFen: number;
	workingZh: string;
	/** Waived on this bill by this request (its ledger entries, net of reversals). */
	approvedFen: number;
	/** Taken back by a void of the payment of its principal. */
	reversedFen: number;
}

export function requestBills(db: Db, requestId: number): RequestBillRow[] {
	return stmt(
		db,
		`SELECT rb.bill_id AS billId, rb.month, rb.item_name_zh AS itemNameZh, rb.due_date AS dueDate, rb.principal_fen AS principalFen,
		rb.principal_paid_date AS principalPaidDate, rb.late_fee_fen AS lateFeeFen, rb.late_fee_paid_fen AS lateFeePaidFen,
		rb.requested_fen AS requestedFen, rb.working_zh AS workingZh,
		COALESCE((SELECT SUM(w.amount_fen) FROM waiver_entries w WHERE w.request_id = rb.request_id AND w.bill_id = rb.bill_id), 0) AS approvedFen,
		COALESCE((SELECT -SUM(w.amount_fen) FROM waiver_entries w
			WHERE w.request_id = rb.request_id AND w.bill_id = rb.bill_id AND w.reverses_id IS NOT NULL), 0)
			AS reversedFen
		FROM waiver_request_bills rb JOIN bills b ON b.id = rb.bill_id
		WHERE rb.request_id = ? ORDER BY rb.month, b.fee_item_id, rb.bill_id`
	).all(requestId) as RequestBillRow[];
}

export interface WaiverEventRow {
	action: 'create' | 'approve' | 'reject' | 'return' | 'reverse';
	actorName: string | null;
	actorWorkNo: string | null;
	note: string;
	detail: Record<string, unknown>;
	localDate: string;
	at: number;
}

export function requestEvents(db: Db, requestId: number): WaiverEventRow[] {
	const rows = stmt(
		db,
		`SELECT e.action, s.display_name AS actorName, s.work_no AS actorWorkNo, e.note, e.detail, e.local_date AS localDate, e.at
		FROM waiver_events e LEFT JOIN staff_users s ON s.id = e.actor_id WHERE e.request_id = ? ORDER BY e.at, e.id`
	).all(requestId) as (Omit<WaiverEventRow, 'detail'> & { detail: string })[];
	return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** A unit's requests, newest first, and the summary of them (for the counter and the form). */
export function unitHistory(
	db: Db,
	communityId: number,
	unitId: number,
	before?: { id: number }
): { requests: RequestRow[]; summary: HistorySummary } {
	const all = listRequests(db, communityId, { unitId, limit: 200, order: 'newest' });
	const requests = before ? all.filter((r) => r.id < before.id) : all;
	return { requests, summary: historySummary(requests) };
}

export interface RequestDetail {
	request: RequestRow;
	bills: RequestBillRow[];
	events: WaiverEventRow[];
	/** The unit's requests filed before this one, and their summary ("is it really the first time?"). */
	history: RequestRow[];
	summary: HistorySummary;
}

export function requestDetail(db: Db, communityId: number, id: number): RequestDetail | null {
	const request = requestById(db, communityId, id);
	if (!request) return null;
	const { requests, summary } = unitHistory(db, communityId, request.unitId, { id: request.id });
	return {
		request,
		bills: requestBills(db, request.id),
		events: requestEvents(db, request.id),
		history: requests,
		summary
	};
}
