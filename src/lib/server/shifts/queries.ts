/**
 * Reading cashier shifts back: the open shift of a cashier with its cash so far, the open matters
 * to hand over, closed shifts for the daily report and one shift for its printed record.
 * No $lib imports (the daily report runs under plain node in the bench).
 */
import type { Db } from '../db';
import {
	and,
	between,
	count,
	desc,
	eq,
	gte,
	inArray,
	lte,
	notExists,
	sql,
	type AnyColumn,
	type SQL
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	cashierShifts,
	depositSettlements,
	payments,
	paymentVoids,
	shiftAcknowledgements,
	shiftCloses,
	staffUsers
} from '../db/schema';
import { prepared } from '../db/prepared';
import { voidedCashBetween } from './sql';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import { expectedCash, type ShiftCash } from '../../domain/report';
import { listRequests } from '../waivers/queries';
import { listKeys } from '../keys/queries';
import { listBoard } from '../tickets/queries';
import { listErrands } from '../errands/queries';
import { registerMatters, type RegisterMatter } from './register-matters';
import type { Limit } from '../../domain/sla';
import { openShiftOf, type ShiftRow } from './open';
import { shiftDiffers } from '../../domain/handover';

export { openShiftOf, type ShiftRow };

export interface CashFigures extends ShiftCash {
	cashReceivedCount: number;
	cashVoidedCount: number;
	cashRefundedCount: number;
	expectedFen: number;
	/** Cheques and card slips the cashier took in the shift and still holds (their receipts not voided). */
	chequeCount: number;
	chequeFen: number;
	cardCount: number;
	cardFen: number;
}

/** Open matters handed to the next shift (a snapshot is kept on the close record). */
export interface Handover {
	pendingWaivers: {
		requestNo: string;
		unitCode: string;
		requestedFen: number;
		localDate: string;
	}[];
	keysOut: {
		tagNo: string;
		opens: string;
		borrowerName: string;
		borrowerPhone: string;
		expectedReturnAt: number;
		overdue: boolean;
	}[];
	ticketsNearLimit: {
		ticketNo: string;
		kind: string;
		unitCode: string;
		location: string;
		limit: Limit;
		dueAt: number;
		breached: boolean;
	}[];
	/** 代办、留言、回电 not yet done (issue 21). */
	errandsOpen: {
		kind: string;
		unitCode: string | null;
		recipient: string;
		content: string;
		dueAt: number;
		overdue: boolean;
	}[];
	/** Parcels, visitors, items and appointments still open (issue 21). */
	registersOpen: RegisterMatter[];
}

export const EMPTY_HANDOVER: Handover = {
	pendingWaivers: [],
	keysOut: [],
	ticketsNearLimit: [],
	errandsOpen: [],
	registersOpen: []
};

/** The shift's window on a money table: its cashier, from its opening to `untilMs`, on the days from…to. */
const inShift = (t: {
	communityId: AnyColumn;
	localDate: AnyColumn;
	staffId: AnyColumn;
	createdAt: AnyColumn;
}) => [
	eq(t.communityId, sql.placeholder('communityId')),
	between(t.localDate, sql.placeholder('from'), sql.placeholder('to')),
	eq(t.staffId, sql.placeholder('cashierId')),
	gte(t.createdAt, sql.placeholder('openedAt')),
	lte(t.createdAt, sql.placeholder('untilMs'))
];
const paymentsInShift = () =>
	inShift({
		communityId: payments.communityId,
		localDate: payments.localDate,
		staffId: payments.cashierId,
		createdAt: payments.createdAt
	});
const sumCount = (column: typeof payments.totalFen | typeof depositSettlements.refundFen) => ({
	fen: sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number),
	n: count()
});
// Prepared once per connection: closing a shift and the daily report read these.
const receivedQuery = prepared((db) =>
	db
		.select(sumCount(payments.totalFen))
		.from(payments)
		.where(and(...paymentsInShift(), eq(payments.method, 'cash')))
		.prepare()
);
const refundedQuery = prepared((db) =>
	db
		.select(sumCount(depositSettlements.refundFen))
		.from(depositSettlements)
		.where(
			and(
				...inShift(depositSettlements),
				eq(depositSettlements.method, 'cash'),
				sql`${depositSettlements.refundFen} > 0`
			)
		)
		.prepare()
);
// Cheques and card slips still held: their receipts not voided by `untilMs`.
const slipsQuery = prepared((db) =>
	db
		.select({ method: payments.method, ...sumCount(payments.totalFen) })
		.from(payments)
		.where(
			and(
				...paymentsInShift(),
				inArray(payments.method, ['cheque', 'card']),
				notExists(
					db
						.select({ one: sql`1` })
						.from(paymentVoids)
						.where(
							and(
								eq(paymentVoids.paymentId, payments.id),
								lte(paymentVoids.createdAt, sql.placeholder('untilMs'))
							)
						)
				)
			)
		)
		.groupBy(payments.method)
		.prepare()
);

/**
 * The cash of a shift from its opening up to `untilMs` (inclusive): cash receipts of the cashier,
 * those of the cashier's cash receipts voided in that time, cash refunds the cashier paid out.
 */
export function shiftCash(db: Db, shift: ShiftRow, untilMs: number): CashFigures {
	const tz = getCommunity(db, shift.communityId).timeZone;
	const lastDate = todayIn(tz, untilMs);
	const window = {
		communityId: shift.communityId,
		from: shift.localDate,
		to: lastDate,
		cashierId: shift.cashierId,
		openedAt: shift.openedAt,
		untilMs
	};
	const received = receivedQuery(db).get(window) ?? { fen: 0, n: 0 };
	const voided = voidedCashBetween.one(
		db,
		shift.communityId,
		shift.cashierId,
		shift.openedAt,
		untilMs
	);
	const refunded = refundedQuery(db).get(window) ?? { fen: 0, n: 0 };
	const slips = slipsQuery(db).all(window);
	const slip = (method: string) => slips.find((x) => x.method === method) ?? { fen: 0, n: 0 };
	const cash: ShiftCash = {
		openingFloatFen: shift.openingFloatFen,
		cashReceivedFen: received.fen,
		cashVoidedFen: voided.fen,
		cashRefundedFen: refunded.fen
	};
	return {
		...cash,
		cashReceivedCount: received.n,
		cashVoidedCount: voided.n,
		cashRefundedCount: refunded.n,
		expectedFen: expectedCash(cash),
		chequeCount: slip('cheque').n,
		chequeFen: slip('cheque').fen,
		cardCount: slip('card').n,
		cardFen: slip('card').fen
	};
}

/** What is open right now and should be handed over: pending waivers, keys out, tickets near or past a limit. */
export function openMatters(db: Db, communityId: number, now: number): Handover {
	const waivers = listRequests(db, communityId, {
		states: ['pending'],
		order: 'oldest',
		limit: 50
	});
	const keys = listKeys(db, communityId, now, { state: 'lent' });
	const tickets = listBoard(db, communityId, { alert: 'attention' }, now).slice(0, 50);
	const errands = listErrands(db, communityId, { view: 'open' }, now, 50);
	return {
		pendingWaivers: waivers.map((w) => ({
			requestNo: w.requestNo,
			unitCode: w.unitCode,
			requestedFen: w.requestedFen,
			localDate: w.localDate
		})),
		keysOut: keys
			.filter((k) => k.openLoan)
			.map((k) => ({
				tagNo: k.tagNo,
				opens: k.opens,
				borrowerName: k.openLoan!.borrowerName,
				borrowerPhone: k.openLoan!.borrowerPhone,
				expectedReturnAt: k.openLoan!.expectedReturnAt,
				overdue: k.openLoan!.overdue
			}))
			.sort((a, b) => a.expectedReturnAt - b.expectedReturnAt),
		ticketsNearLimit: tickets
			.filter((t) => t.next)
			.map((t) => ({
				ticketNo: t.ticketNo,
				kind: t.kind,
				unitCode: t.unitCode,
				location: t.location,
				limit: t.next!.limit,
				dueAt: t.next!.dueAt,
				breached: t.alert === 'breached'
			})),
		errandsOpen: errands.map((e) => ({
			kind: e.kind,
			unitCode: e.unitCode,
			recipient: e.recipient,
			content: e.content,
			dueAt: e.dueMs,
			overdue: e.overdue
		})),
		registersOpen: registerMatters(db, communityId, now)
	};
}

export function parseHandover(json: string): Handover {
	try {
		const h = JSON.parse(json) as Partial<Handover>;
		return {
			pendingWaivers: h.pendingWaivers ?? [],
			keysOut: h.keysOut ?? [],
			ticketsNearLimit: h.ticketsNearLimit ?? [],
			errandsOpen: h.errandsOpen ?? [],
			registersOpen: h.registersOpen ?? []
		};
	} catch {
		return EMPTY_HANDOVER;
	}
}

/** A closed shift as the daily report and the printed record show it. */
export interface ClosedShift extends CashFigures {
	id: number;
	cashierId: number;
	successorId: number | null;
	chequeCountedCount: number;
	chequeCountedFen: number;
	cardCountedCount: number;
	cardCountedFen: number;
	/** The manager's acknowledgement of a difference, if given. */
	acknowledgedBy: string | null;
	acknowledgedAt: number | null;
	acknowledgeNote: string | null;
	cashierName: string;
	cashierWorkNo: string;
	openedAt: number;
	openedOn: string;
	closedAt: number;
	closedOn: string;
	countedFen: number;
	differenceFen: number;
	note: string;
	successorName: string | null;
	successorWorkNo: string | null;
	handover: Handover;
}

const cashier = alias(staffUsers, 'cashier');
const successor = alias(staffUsers, 'successor');
const acknowledger = alias(staffUsers, 'acknowledger');

function selectClosed(db: Db) {
	const s = cashierShifts;
	const c = shiftCloses;
	const a = shiftAcknowledgements;
	return db
		.select({
			id: s.id,
			cashierId: s.cashierId,
			cashierName: cashier.displayName,
			cashierWorkNo: cashier.workNo,
			openedAt: s.openedAt,
			openedOn: s.localDate,
			openingFloatFen: s.openingFloatFen,
			closedAt: c.closedAt,
			closedOn: c.localDate,
			cashReceivedFen: c.cashReceivedFen,
			cashReceivedCount: c.cashReceivedCount,
			cashVoidedFen: c.cashVoidedFen,
			cashVoidedCount: c.cashVoidedCount,
			cashRefundedFen: c.cashRefundedFen,
			cashRefundedCount: c.cashRefundedCount,
			expectedFen: c.expectedFen,
			countedFen: c.countedFen,
			differenceFen: c.differenceFen,
			note: c.note,
			handover: c.handover,
			successorName: successor.displayName,
			successorWorkNo: successor.workNo,
			successorId: c.successorId,
			chequeCount: c.chequeCount,
			chequeFen: c.chequeFen,
			chequeCountedCount: c.chequeCountedCount,
			chequeCountedFen: c.chequeCountedFen,
			cardCount: c.cardCount,
			cardFen: c.cardFen,
			cardCountedCount: c.cardCountedCount,
			cardCountedFen: c.cardCountedFen,
			acknowledgedBy: acknowledger.displayName,
			acknowledgedAt: a.acknowledgedAt,
			acknowledgeNote: a.note
		})
		.from(c)
		.innerJoin(s, eq(s.id, c.shiftId))
		.innerJoin(cashier, eq(cashier.id, s.cashierId))
		.leftJoin(successor, eq(successor.id, c.successorId))
		.leftJoin(a, eq(a.shiftId, s.id))
		.leftJoin(acknowledger, eq(acknowledger.id, a.managerId));
}

// Prepared once per connection: the daily report reads it.
const closedInPeriod = prepared((db) =>
	selectClosed(db)
		.where(
			and(
				eq(shiftCloses.communityId, sql.placeholder('communityId')),
				between(shiftCloses.localDate, sql.placeholder('from'), sql.placeholder('to'))
			)
		)
		.orderBy(shiftCloses.closedAt, shiftCloses.id)
		.prepare()
);

type RawClosed = Omit<ClosedShift, 'handover'> & { handover: string };
const toClosed = (r: RawClosed): ClosedShift => ({ ...r, handover: parseHandover(r.handover) });

/** Shifts closed on from…to (the community's dates), in closing order. */
export function closedShifts(db: Db, communityId: number, from: string, to: string): ClosedShift[] {
	return closedInPeriod(db).all({ communityId, from, to }).map(toClosed);
}

/** One closed shift of the community, or null (unknown, another community's, or still open). */
export function closedShift(db: Db, communityId: number, shiftId: number): ClosedShift | null {
	if (!Number.isSafeInteger(shiftId) || shiftId <= 0) return null;
	const r = selectClosed(db)
		.where(and(eq(shiftCloses.communityId, communityId), eq(cashierShifts.id, shiftId)))
		.get();
	return r ? toClosed(r) : null;
}

/** The community's closed shifts that match `which`, newest first. */
function newestClosed(db: Db, communityId: number, which: SQL, limit: number): ClosedShift[] {
	return selectClosed(db)
		.where(and(eq(shiftCloses.communityId, communityId), which))
		.orderBy(desc(shiftCloses.closedAt), desc(shiftCloses.id))
		.limit(limit)
		.all()
		.map(toClosed);
}

/** Shifts handed over to `successorId` (named as 接班人), newest first. */
export function handedOverTo(
	db: Db,
	communityId: number,
	successorId: number,
	limit = 10
): ClosedShift[] {
	return newestClosed(db, communityId, eq(shiftCloses.successorId, successorId), limit);
}

/** Whether a closed shift needs a manager's acknowledgement (domain/handover.ts). */
export const hasDifference = (s: ClosedShift): boolean => shiftDiffers(s);

/** A cashier's latest closed shifts, newest first. */
export function recentClosedShifts(
	db: Db,
	communityId: number,
	cashierId: number,
	limit = 10
): ClosedShift[] {
	return newestClosed(db, communityId, eq(cashierShifts.cashierId, cashierId), limit);
}
