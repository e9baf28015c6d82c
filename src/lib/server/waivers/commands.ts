import { tx, type Db } from '../db';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { unitInfo } from '../fees';
import { and, eq, inArray, isNotNull, isNull, gt, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	bills,
	feeItems,
	paymentLines,
	payments,
	waiverEntries,
	waiverEvents,
	waiverRequestBills,
	waiverRequests
} from '../db/schema';
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
		const prior = db
			.select({
				id: waiverRequests.id,
				requestNo: waiverRequests.requestNo,
				requestedFen: waiverRequests.requestedFen,
				communityId: waiverRequests.communityId,
				clerkId: waiverRequests.clerkId,
				unitId: waiverRequests.unitId
			})
			.from(waiverRequests)
			.where(eq(waiverRequests.idempotencyKey, input.idempotencyKey))
			.get();
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
		const chosen = ids.length ? waiverCandidates(db, input.communityId, unit.id, today, ids) : [];
		// A bill of another unit or community is not found (billStates reads only this unit's bills).
		const found = new Set(chosen.map((b) => b.billId));
		for (const id of ids)
			if (!found.has(id)) throw new WaiverError('bill_not_found', { billId: id });

		const reason = String(input.reason ?? '').trim();
		const applicantName = String(input.applicantName ?? '').trim();
		const applicantPhone = String(input.applicantPhone ?? '').trim();
		const errors = checkNewRequest({
			bills: chosen.map((b) => ({
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
		const requestedFen = chosen.reduce((s, b) => s + b.lateFeeDueFen, 0);
		const requestNo = nextRequestNo(db, input.communityId, Number(today.slice(0, 4)));
		const { id } = db
			.insert(waiverRequests)
			.values({
				communityId: input.communityId,
				requestNo,
				unitId: unit.id,
				ownerId: owner?.id ?? null,
				ownerName: owner?.name ?? '',
				applicantName,
				applicantPhone,
				reason,
				requestedFen,
				state: 'pending',
				clerkId: input.clerkId,
				localDate: today,
				createdAt: input.now,
				idempotencyKey: input.idempotencyKey
			})
			.returning({ id: waiverRequests.id })
			.get();
		if (chosen.length)
			db.insert(waiverRequestBills)
				.values(
					chosen.map((b) => ({
						requestId: id,
						billId: b.billId,
						month: b.month,
						itemNameZh: b.itemNameZh,
						dueDate: b.dueDate,
						principalFen: b.principalFen,
						principalPaidDate: b.principalPaidDate,
						lateFeeFen: b.lateFeeFen,
						lateFeePaidFen: b.lateFeePaidFen,
						requestedFen: b.lateFeeDueFen,
						workingZh: b.workingZh
					}))
				)
				.run();
		const detail = {
			unitCode: unit.code,
			requestedFen,
			bills: chosen.map((b) => ({
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
	action: (typeof waiverEvents.$inferInsert)['action'],
	actorId: number | null,
	note: string,
	detail: Record<string, unknown>,
	localDate: string,
	at: number
) {
	db.insert(waiverEvents)
		.values({
			communityId,
			requestId,
			action,
			actorId,
			note,
			detail: JSON.stringify(detail),
			localDate,
			at
		})
		.run();
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
	const r = db
		.select({
			id: waiverRequests.id,
			requestNo: waiverRequests.requestNo,
			state: waiverRequests.state,
			clerkId: waiverRequests.clerkId,
			unitId: waiverRequests.unitId,
			decisionKey: waiverRequests.decisionKey,
			approvedFen: waiverRequests.approvedFen
		})
		.from(waiverRequests)
		.where(and(eq(waiverRequests.id, id), eq(waiverRequests.communityId, communityId)))
		.get();
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
		const changed = db
			.update(waiverRequests)
			.set({
				state: target!,
				decidedBy: input.deciderId,
				decidedAt: input.now,
				decidedLocalDate: today,
				decisionNote: note,
				approvedFen,
				decisionKey: input.key
			})
			.where(and(eq(waiverRequests.id, r.id), eq(waiverRequests.state, 'pending')))
			.run();
		if (changed.changes !== 1) throw new WaiverError('not_pending');
		const entries = amounts
			.filter((a) => a.amountFen > 0)
			.map((a) => ({
				billId: a.billId,
				amountFen: a.amountFen,
				requestId: r.id,
				approvedBy: input.deciderId,
				localDate: today,
				createdAt: input.now
			}));
		if (entries.length) db.insert(waiverEntries).values(entries).run();
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
	const reversal = alias(waiverEntries, 'reversal');
	return db
		.select({
			entryId: waiverEntries.id,
			requestId: waiverEntries.requestId,
			requestNo: waiverRequests.requestNo,
			billId: waiverEntries.billId,
			month: bills.month,
			itemNameZh: feeItems.nameZh,
			itemNameEn: feeItems.nameEn,
			amountFen: waiverEntries.amountFen
		})
		.from(waiverEntries)
		.innerJoin(bills, eq(bills.id, waiverEntries.billId))
		.innerJoin(feeItems, eq(feeItems.id, bills.feeItemId))
		.leftJoin(waiverRequests, eq(waiverRequests.id, waiverEntries.requestId))
		.where(
			and(
				gt(waiverEntries.amountFen, 0),
				isNull(waiverEntries.reversesId),
				inArray(
					waiverEntries.billId,
					db
						.select({ billId: sql<number>`${paymentLines.billId}` })
						.from(paymentLines)
						.where(
							and(
								eq(paymentLines.paymentId, paymentId),
								eq(paymentLines.kind, 'principal'),
								isNotNull(paymentLines.billId)
							)
						)
				),
				notExists(
					db
						.select({ one: sql`1` })
						.from(reversal)
						.where(eq(reversal.reversesId, waiverEntries.id))
				)
			)
		)
		.orderBy(bills.month, feeItems.sort, waiverEntries.id)
		.all();
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
		const payment = db
			.select({ receiptNo: payments.receiptNo, communityId: payments.communityId })
			.from(payments)
			.where(eq(payments.id, paymentId))
			.get();
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
	const rows = db
		.selectDistinct({
			id: waiverRequests.id,
			requestNo: waiverRequests.requestNo,
			communityId: waiverRequests.communityId
		})
		.from(waiverRequests)
		.innerJoin(waiverRequestBills, eq(waiverRequestBills.requestId, waiverRequests.id))
		.innerJoin(paymentLines, eq(paymentLines.billId, waiverRequestBills.billId))
		.where(
			and(
				eq(paymentLines.paymentId, paymentId),
				eq(paymentLines.kind, 'principal'),
				eq(waiverRequests.state, 'pending'),
				eq(waiverRequests.communityId, payment.communityId)
			)
		)
		.orderBy(waiverRequests.id)
		.all();
	if (rows.length === 0) return [];
	// The page words it ("票据 … 已作废，退回经办人"); the row keeps the receipt number.
	const note = payment.receiptNo;
	const out: string[] = [];
	for (const r of rows) {
		const back = db
			.update(waiverRequests)
			.set({
				state: 'returned',
				decidedBy: actorId,
				decidedAt: now,
				decidedLocalDate: today,
				decisionNote: note
			})
			.where(and(eq(waiverRequests.id, r.id), eq(waiverRequests.state, 'pending')))
			.run();
		if (back.changes !== 1) continue;
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
	db.insert(waiverEntries)
		.values(
			deps.map((d) => ({
				billId: d.billId,
				amountFen: -d.amountFen,
				requestId: d.requestId,
				reversesId: d.entryId,
				voidId,
				approvedBy: actorId,
				localDate: today,
				createdAt: now
			}))
		)
		.run();
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
