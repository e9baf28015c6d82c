import type { Db } from '../db';
import { billStates } from '../fees';
import {
	and,
	asc,
	count,
	desc,
	eq,
	inArray,
	isNotNull,
	max,
	ne,
	notExists,
	sql
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	bills,
	paymentLines,
	payments,
	staffUsers,
	units,
	waiverEntries,
	waiverEvents,
	waiverRequestBills,
	waiverRequests
} from '../db/schema';
import { idsOf } from '../db/prepared';
import { notVoided } from '../ledger/not-voided';
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

const clerk = alias(staffUsers, 'clerk');
const decider = alias(staffUsers, 'decider');

/** Requests with their unit, clerk and decider; the months come from `withMonths`. */
function selectRequests(db: Db) {
	const r = waiverRequests;
	return db
		.select({
			id: r.id,
			communityId: r.communityId,
			requestNo: r.requestNo,
			unitId: r.unitId,
			unitCode: units.code,
			ownerName: r.ownerName,
			applicantName: r.applicantName,
			applicantPhone: r.applicantPhone,
			reason: r.reason,
			requestedFen: r.requestedFen,
			approvedFen: r.approvedFen,
			state: r.state,
			clerkId: r.clerkId,
			clerkName: clerk.displayName,
			clerkWorkNo: clerk.workNo,
			localDate: r.localDate,
			createdAt: r.createdAt,
			decidedBy: r.decidedBy,
			decidedByName: decider.displayName,
			decidedByWorkNo: decider.workNo,
			decidedAt: r.decidedAt,
			decidedLocalDate: r.decidedLocalDate,
			decisionNote: r.decisionNote,
			billCount:
				sql<number>`(SELECT count(*) FROM ${waiverRequestBills} WHERE ${waiverRequestBills.requestId} = ${r.id})`.mapWith(
					Number
				)
		})
		.from(r)
		.innerJoin(units, eq(units.id, r.unitId))
		.innerJoin(clerk, eq(clerk.id, r.clerkId))
		.leftJoin(decider, eq(decider.id, r.decidedBy));
}

/** The requests with the months their bills cover, oldest first. */
function withMonths(db: Db, rows: Omit<RequestRow, 'months'>[]): RequestRow[] {
	if (rows.length === 0) return [];
	const months = new Map<number, string[]>();
	for (const m of db
		.selectDistinct({ requestId: waiverRequestBills.requestId, month: waiverRequestBills.month })
		.from(waiverRequestBills)
		.where(
			inArray(
				waiverRequestBills.requestId,
				rows.map((r) => r.id)
			)
		)
		.orderBy(waiverRequestBills.month)
		.all()) {
		let list = months.get(m.requestId);
		if (!list) months.set(m.requestId, (list = []));
		list.push(m.month);
	}
	return rows.map((r) => ({ ...r, months: months.get(r.id) ?? [] }));
}

/** One request of this community, or null (another community's id is simply not found). */
export function requestById(db: Db, communityId: number, id: number): RequestRow | null {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	const r = selectRequests(db)
		.where(and(eq(waiverRequests.id, id), eq(waiverRequests.communityId, communityId)))
		.get();
	return r ? withMonths(db, [r])[0] : null;
}

export interface ListOptions {
	states?: readonly WaiverState[];
	unitId?: number;
	limit?: number;
	/** Oldest first (the approver's queue) or newest first (history). */
	order?: 'oldest' | 'newest';
}

export function listRequests(db: Db, communityId: number, opts: ListOptions = {}): RequestRow[] {
	const limit = Math.max(1, Math.min(500, Math.floor(opts.limit ?? 100)));
	const rows = selectRequests(db)
		.where(
			and(
				eq(waiverRequests.communityId, communityId),
				opts.states?.length ? inArray(waiverRequests.state, [...opts.states]) : undefined,
				opts.unitId !== undefined ? eq(waiverRequests.unitId, opts.unitId) : undefined
			)
		)
		.orderBy(
			...(opts.order === 'oldest'
				? [asc(waiverRequests.createdAt), asc(waiverRequests.id)]
				: [desc(waiverRequests.createdAt), desc(waiverRequests.id)])
		)
		.limit(limit)
		.all();
	return withMonths(db, rows);
}

/** Requests waiting for a manager (the count on the manager's home screen). */
export function pendingCount(db: Db, communityId: number): number {
	return (
		db
			.select({ n: count() })
			.from(waiverRequests)
			.where(and(eq(waiverRequests.communityId, communityId), eq(waiverRequests.state, 'pending')))
			.get()?.n ?? 0
	);
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
	const rows = db
		.select({
			billId: waiverRequestBills.billId,
			requestId: waiverRequests.id,
			requestNo: waiverRequests.requestNo,
			state: waiverRequests.state
		})
		.from(waiverRequestBills)
		.innerJoin(waiverRequests, eq(waiverRequests.id, waiverRequestBills.requestId))
		.where(
			and(
				ne(waiverRequests.state, 'returned'),
				inArray(waiverRequestBills.billId, idsOf('ids')),
				notExists(
					db
						.select({ one: sql`1` })
						.from(waiverEntries)
						.where(
							and(
								eq(waiverEntries.requestId, waiverRequests.id),
								eq(waiverEntries.billId, waiverRequestBills.billId),
								isNotNull(waiverEntries.reversesId)
							)
						)
				)
			)
		)
		.orderBy(waiverRequests.id)
		.all({ ids: JSON.stringify(billIds) });
	// A pending request wins over a decided one (only one of each can exist, but be explicit).
	for (const { billId, ...h } of rows)
		if (!out.has(billId) || h.state === 'pending') out.set(billId, h);
	return out;
}

/** The day each bill's principal was settled: its last principal payment that was not voided. */
export function principalPaidDates(db: Db, billIds: number[]): Map<number, string> {
	if (billIds.length === 0) return new Map();
	const rows = db
		.select({ billId: sql<number>`${paymentLines.billId}`, date: max(payments.localDate) })
		.from(paymentLines)
		.innerJoin(payments, eq(payments.id, paymentLines.paymentId))
		.where(
			and(
				eq(paymentLines.kind, 'principal'),
				inArray(paymentLines.billId, idsOf('ids')),
				notVoided(db, paymentLines.paymentId)
			)
		)
		.groupBy(paymentLines.billId)
		.all({ ids: JSON.stringify(billIds) });
	return new Map(rows.flatMap((r) => (r.date === null ? [] : [[r.billId, r.date]])));
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
	const rb = waiverRequestBills;
	// What this request's ledger entries waived on the bill (net), and what reversals took back.
	const entries = (reversalsOnly: boolean) =>
		sql`(SELECT SUM(${waiverEntries.amountFen}) FROM ${waiverEntries} WHERE ${waiverEntries.requestId} = ${rb.requestId}
			AND ${waiverEntries.billId} = ${rb.billId}${reversalsOnly ? sql` AND ${waiverEntries.reversesId} IS NOT NULL` : sql``})`;
	return db
		.select({
			billId: rb.billId,
			month: rb.month,
			itemNameZh: rb.itemNameZh,
			dueDate: rb.dueDate,
			principalFen: rb.principalFen,
			principalPaidDate: rb.principalPaidDate,
			lateFeeFen: rb.lateFeeFen,
			lateFeePaidFen: rb.lateFeePaidFen,
			requestedFen: rb.requestedFen,
			workingZh: rb.workingZh,
			approvedFen: sql<number>`COALESCE(${entries(false)}, 0)`.mapWith(Number),
			reversedFen: sql<number>`COALESCE(-${entries(true)}, 0)`.mapWith(Number)
		})
		.from(rb)
		.innerJoin(bills, eq(bills.id, rb.billId))
		.where(eq(rb.requestId, requestId))
		.orderBy(rb.month, bills.feeItemId, rb.billId)
		.all();
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
	const rows = db
		.select({
			action: waiverEvents.action,
			actorName: staffUsers.displayName,
			actorWorkNo: staffUsers.workNo,
			note: waiverEvents.note,
			detail: waiverEvents.detail,
			localDate: waiverEvents.localDate,
			at: waiverEvents.at
		})
		.from(waiverEvents)
		.leftJoin(staffUsers, eq(staffUsers.id, waiverEvents.actorId))
		.where(eq(waiverEvents.requestId, requestId))
		.orderBy(waiverEvents.at, waiverEvents.id)
		.all();
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
