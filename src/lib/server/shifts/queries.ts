/**
 * Reading cashier shifts back: the open shift of a cashier with its cash so far, the open matters
 * to hand over, closed shifts for the daily report and one shift for its printed record.
 * No $lib imports (the daily report runs under plain node in the bench).
 */
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import { expectedCash, type ShiftCash } from '../../domain/report';
import { listRequests } from '../waivers/queries';
import { listKeys } from '../keys/queries';
import { listBoard } from '../tickets/queries';
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
}

export const EMPTY_HANDOVER: Handover = { pendingWaivers: [], keysOut: [], ticketsNearLimit: [] };

/**
 * The cash of a shift from its opening up to `untilMs` (inclusive): cash receipts of the cashier,
 * those of the cashier's cash receipts voided in that time, cash refunds the cashier paid out.
 */
export function shiftCash(db: Db, shift: ShiftRow, untilMs: number): CashFigures {
	const tz = getCommunity(db, shift.communityId).timeZone;
	const lastDate = todayIn(tz, untilMs);
	const received = stmt(
		db,
		`SELECT coalesce(sum(total_fen), 0) AS fen, count(*) AS n FROM payments
		 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND cashier_id = ? AND method = 'cash' AND created_at >= ? AND created_at <= ?`
	).get(shift.communityId, shift.localDate, lastDate, shift.cashierId, shift.openedAt, untilMs) as {
		fen: number;
		n: number;
	};
	const voided = stmt(
		db,
		`SELECT coalesce(sum(p.total_fen), 0) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
		 WHERE p.community_id = ? AND p.cashier_id = ? AND p.method = 'cash' AND v.created_at >= ? AND v.created_at <= ?`
	).get(shift.communityId, shift.cashierId, shift.openedAt, untilMs) as { fen: number; n: number };
	const refunded = stmt(
		db,
		`SELECT coalesce(sum(refund_fen), 0) AS fen, count(*) AS n FROM deposit_settlements
		 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND staff_id = ? AND method = 'cash' AND refund_fen > 0 AND created_at >= ? AND created_at <= ?`
	).get(shift.communityId, shift.localDate, lastDate, shift.cashierId, shift.openedAt, untilMs) as {
		fen: number;
		n: number;
	};
	const slips = stmt(
		db,
		`SELECT method, coalesce(sum(total_fen), 0) AS fen, count(*) AS n FROM payments p
		 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND cashier_id = ? AND method IN ('cheque', 'card') AND created_at >= ? AND created_at <= ?
		 AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.created_at <= ?) GROUP BY method`
	).all(
		shift.communityId,
		shift.localDate,
		lastDate,
		shift.cashierId,
		shift.openedAt,
		untilMs,
		untilMs
	) as { method: string; fen: number; n: number }[];
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
			}))
	};
}

export function parseHandover(json: string): Handover {
	try {
		const h = JSON.parse(json) as Partial<Handover>;
		return {
			pendingWaivers: h.pendingWaivers ?? [],
			keysOut: h.keysOut ?? [],
			ticketsNearLimit: h.ticketsNearLimit ?? []
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

const CLOSED_SQL = `SELECT s.id, s.cashier_id AS cashierId, st.display_name AS cashierName, st.work_no AS cashierWorkNo, s.opened_at AS openedAt,
	s.local_date AS openedOn, s.opening_float_fen AS openingFloatFen, c.closed_at AS closedAt, c.local_date AS closedOn,
	c.cash_received_fen AS cashReceivedFen, c.cash_received_count AS cashReceivedCount, c.cash_voided_fen AS cashVoidedFen,
	c.cash_voided_count AS cashVoidedCount, c.cash_refunded_fen AS cashRefundedFen, c.cash_refunded_count AS cashRefundedCount,
	c.expected_fen AS expectedFen, c.counted_fen AS countedFen, c.difference_fen AS differenceFen, c.note, c.handover,
	su.display_name AS successorName, su.work_no AS successorWorkNo, c.successor_id AS successorId,
	c.cheque_count AS chequeCount, c.cheque_fen AS chequeFen, c.cheque_counted_count AS chequeCountedCount, c.cheque_counted_fen AS chequeCountedFen,
	c.card_count AS cardCount, c.card_fen AS cardFen, c.card_counted_count AS cardCountedCount, c.card_counted_fen AS cardCountedFen,
	am.display_name AS acknowledgedBy, a.acknowledged_at AS acknowledgedAt, a.note AS acknowledgeNote
	FROM shift_closes c JOIN cashier_shifts s ON s.id = c.shift_id JOIN staff_users st ON st.id = s.cashier_id
	LEFT JOIN staff_users su ON su.id = c.successor_id
	LEFT JOIN shift_acknowledgements a ON a.shift_id = s.id LEFT JOIN staff_users am ON am.id = a.manager_id`;

type RawClosed = Omit<ClosedShift, 'handover'> & { handover: string };
const toClosed = (r: RawClosed): ClosedShift => ({ ...r, handover: parseHandover(r.handover) });

/** Shifts closed on from…to (the community's dates), in closing order. */
export function closedShifts(db: Db, communityId: number, from: string, to: string): ClosedShift[] {
	return (
		stmt(
			db,
			`${CLOSED_SQL} WHERE c.community_id = ? AND c.local_date BETWEEN ? AND ? ORDER BY c.closed_at, c.id`
		).all(communityId, from, to) as RawClosed[]
	).map(toClosed);
}

/** One closed shift of the community, or null (unknown, another community's, or still open). */
export function closedShift(db: Db, communityId: number, shiftId: number): ClosedShift | null {
	if (!Number.isSafeInteger(shiftId) || shiftId <= 0) return null;
	const r = stmt(db, `${CLOSED_SQL} WHERE c.community_id = ? AND s.id = ?`).get(
		communityId,
		shiftId
	) as RawClosed | undefined;
	return r ? toClosed(r) : null;
}

/** Shifts handed over to `successorId` (named as 接班人), newest first. */
export function handedOverTo(
	db: Db,
	communityId: number,
	successorId: number,
	limit = 10
): ClosedShift[] {
	return (
		stmt(
			db,
			`${CLOSED_SQL} WHERE c.community_id = ? AND c.successor_id = ? ORDER BY c.closed_at DESC, c.id DESC LIMIT ?`
		).all(communityId, successorId, limit) as RawClosed[]
	).map(toClosed);
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
	return (
		stmt(
			db,
			`${CLOSED_SQL} WHERE c.community_id = ? AND s.cashier_id = ? ORDER BY c.closed_at DESC, c.id DESC LIMIT ?`
		).all(communityId, cashierId, limit) as RawClosed[]
	).map(toClosed);
}
