import { rawQuery } from '../db/stmt';
import type { CashShiftLine } from './report';
import type { CashTieLine } from '../../domain/cash-tie';

/*
 * The shift area's SQL that drizzle does not express well (the daily report's tie of cash to
 * shifts: aggregates over correlated shift windows, with SQLite join-order hints), each statement
 * with its row type. Everything else in shifts/ is a drizzle query.
 */

/** Cash of one kind per shift. */
export interface ShiftAggRow {
	shiftId: number;
	fen: number;
	n: number;
}

/** Cash of one kind outside every shift. */
export interface OutsideRow {
	fen: number | null;
	n: number;
}

/** A shift overlapping the report's period, with its close if any. */
export type PeriodShiftRow = Omit<CashShiftLine, keyof CashTieLine | 'expectedFen'> & {
	communityId: number;
	localDate: string;
	expectedFen: number | null;
};

type PeriodParams = [communityId: number, from: string, to: string, shiftCommunityId: number];

// A shift covers its cashier's moments from its opening to its closing (or to now while open).
const IN_SHIFT = (who: string, at: string) =>
	`s.community_id = ? AND s.cashier_id = ${who} AND s.opened_at <= ${at} AND (c.closed_at IS NULL OR c.closed_at >= ${at})`;
const NO_SHIFT = (who: string, at: string) =>
	`NOT EXISTS (SELECT 1 FROM cashier_shifts s LEFT JOIN shift_closes c ON c.shift_id = s.id WHERE ${IN_SHIFT(who, at)})`;

const RECEIVED_SQL = `SELECT s.id AS shiftId, sum(p.total_fen) AS fen, count(*) AS n FROM payments p
	JOIN cashier_shifts s ON s.cashier_id = p.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE p.community_id = ? AND p.method = 'cash' AND p.local_date BETWEEN ? AND ? AND ${IN_SHIFT('p.cashier_id', 'p.created_at')} GROUP BY s.id`;
const VOIDED_SQL = `SELECT s.id AS shiftId, sum(p.total_fen) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	JOIN cashier_shifts s ON s.cashier_id = p.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE p.community_id = ? AND p.method = 'cash' AND v.local_date BETWEEN ? AND ? AND ${IN_SHIFT('p.cashier_id', 'v.created_at')} GROUP BY s.id`;
const REFUNDED_SQL = `SELECT s.id AS shiftId, sum(d.refund_fen) AS fen, count(*) AS n FROM deposit_settlements d
	JOIN cashier_shifts s ON s.cashier_id = d.staff_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE d.community_id = ? AND d.method = 'cash' AND d.refund_fen > 0 AND d.local_date BETWEEN ? AND ?
		AND ${IN_SHIFT('d.staff_id', 'd.created_at')} GROUP BY s.id`;
const RECEIVED_OUT_SQL = `SELECT sum(p.total_fen) AS fen, count(*) AS n FROM payments p
	WHERE p.community_id = ? AND p.method = 'cash' AND p.local_date BETWEEN ? AND ? AND ${NO_SHIFT('p.cashier_id', 'p.created_at')}`;
const VOIDED_OUT_SQL = `SELECT sum(p.total_fen) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	WHERE p.community_id = ? AND p.method = 'cash' AND v.local_date BETWEEN ? AND ? AND ${NO_SHIFT('p.cashier_id', 'v.created_at')}`;
const REFUNDED_OUT_SQL = `SELECT sum(d.refund_fen) AS fen, count(*) AS n FROM deposit_settlements d
	WHERE d.community_id = ? AND d.method = 'cash' AND d.refund_fen > 0 AND d.local_date BETWEEN ? AND ?
		AND ${NO_SHIFT('d.staff_id', 'd.created_at')}`;

const SHIFTS_SQL = `SELECT s.id AS shiftId, s.community_id AS communityId, s.cashier_id AS cashierId,
	st.display_name AS cashierName, st.work_no AS cashierWorkNo, s.opened_at AS openedAt, s.local_date AS localDate,
	s.opening_float_fen AS openingFloatFen, c.closed_at AS closedAt, c.expected_fen AS expectedFen,
	c.counted_fen AS countedFen, c.difference_fen AS differenceFen, coalesce(c.note, '') AS note
	FROM cashier_shifts s JOIN staff_users st ON st.id = s.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE s.community_id = ? AND s.opened_at < ? AND (c.closed_at IS NULL OR c.closed_at >= ?) ORDER BY s.opened_at, s.id`;

/** Per shift: cash received, cash receipts voided, cash deposits refunded in the period. */
export const receivedByShift = rawQuery<ShiftAggRow, PeriodParams>(RECEIVED_SQL);
export const voidedByShift = rawQuery<ShiftAggRow, PeriodParams>(VOIDED_SQL);
export const refundedByShift = rawQuery<ShiftAggRow, PeriodParams>(REFUNDED_SQL);
/** The same outside every shift. */
export const receivedOutside = rawQuery<OutsideRow, PeriodParams>(RECEIVED_OUT_SQL);
export const voidedOutside = rawQuery<OutsideRow, PeriodParams>(VOIDED_OUT_SQL);
export const refundedOutside = rawQuery<OutsideRow, PeriodParams>(REFUNDED_OUT_SQL);
/** Shifts overlapping [startMs, asOfMs). */
export const periodShifts = rawQuery<
	PeriodShiftRow,
	[communityId: number, asOfMs: number, startMs: number]
>(SHIFTS_SQL);

/** Cash of a cashier's cash receipts voided in a time window (a shift so far). */
export interface VoidedCashRow {
	fen: number;
	n: number;
}

// CROSS JOIN reads the voids first (few) rather than the community's payments (many).
export const voidedCashBetween = rawQuery<
	VoidedCashRow,
	[communityId: number, cashierId: number, fromMs: number, untilMs: number]
>(
	`SELECT coalesce(sum(p.total_fen), 0) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	WHERE p.community_id = ? AND p.cashier_id = ? AND p.method = 'cash' AND v.created_at >= ? AND v.created_at <= ?`
);
