/**
 * The daily report's tie of cash to shifts: for each shift that overlaps the period, the cash its
 * cashier took, had voided and paid out in it (by the report's dates), its float, expected and
 * counted cash; and what cash of the period lies outside every shift. No $lib imports (bench).
 */
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { tieCash, type CashTie, type CashTieLine } from '../../domain/cash-tie';
import { shiftCash } from './queries';

export interface CashShiftLine extends CashTieLine {
	shiftId: number;
	cashierId: number;
	cashierName: string;
	cashierWorkNo: string;
	openedAt: number;
	/** null: still open at the end of the period (expected is then as of that moment). */
	closedAt: number | null;
	openingFloatFen: number;
	expectedFen: number;
	countedFen: number | null;
	differenceFen: number | null;
	note: string;
}

type Agg = { shiftId: number; fen: number; n: number };
type Outside = { fen: number | null; n: number };

// A shift covers its cashier's moments from its opening to its closing (or to now while open).
const IN_SHIFT = (who: string, at: string) =>
	`s.community_id = ? AND s.cashier_id = ${who} AND s.opened_at <= ${at} AND (c.closed_at IS NULL OR c.closed_at >= ${at})`;
const NO_SHIFT = (who: string, at: string) =>
	`NOT EXISTS (SELECT 1 FROM cashier_shifts s LEFT JOIN shift_closes c ON c.shift_id = s.id WHERE ${IN_SHIFT(who, at)})`;

const RECEIVED = `SELECT s.id AS shiftId, sum(p.total_fen) AS fen, count(*) AS n FROM payments p
	JOIN cashier_shifts s ON s.cashier_id = p.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE p.community_id = ? AND p.method = 'cash' AND p.local_date BETWEEN ? AND ? AND ${IN_SHIFT('p.cashier_id', 'p.created_at')} GROUP BY s.id`;
const VOIDED = `SELECT s.id AS shiftId, sum(p.total_fen) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	JOIN cashier_shifts s ON s.cashier_id = p.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE p.community_id = ? AND p.method = 'cash' AND v.local_date BETWEEN ? AND ? AND ${IN_SHIFT('p.cashier_id', 'v.created_at')} GROUP BY s.id`;
const REFUNDED = `SELECT s.id AS shiftId, sum(d.refund_fen) AS fen, count(*) AS n FROM deposit_settlements d
	JOIN cashier_shifts s ON s.cashier_id = d.staff_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE d.community_id = ? AND d.method = 'cash' AND d.refund_fen > 0 AND d.local_date BETWEEN ? AND ?
		AND ${IN_SHIFT('d.staff_id', 'd.created_at')} GROUP BY s.id`;
const RECEIVED_OUT = `SELECT sum(p.total_fen) AS fen, count(*) AS n FROM payments p
	WHERE p.community_id = ? AND p.method = 'cash' AND p.local_date BETWEEN ? AND ? AND ${NO_SHIFT('p.cashier_id', 'p.created_at')}`;
const VOIDED_OUT = `SELECT sum(p.total_fen) AS fen, count(*) AS n FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	WHERE p.community_id = ? AND p.method = 'cash' AND v.local_date BETWEEN ? AND ? AND ${NO_SHIFT('p.cashier_id', 'v.created_at')}`;
const REFUNDED_OUT = `SELECT sum(d.refund_fen) AS fen, count(*) AS n FROM deposit_settlements d
	WHERE d.community_id = ? AND d.method = 'cash' AND d.refund_fen > 0 AND d.local_date BETWEEN ? AND ? AND ${NO_SHIFT('d.staff_id', 'd.created_at')}`;

const SHIFTS = `SELECT s.id AS shiftId, s.community_id AS communityId, s.cashier_id AS cashierId, st.display_name AS cashierName, st.work_no AS cashierWorkNo,
	s.opened_at AS openedAt, s.local_date AS localDate, s.opening_float_fen AS openingFloatFen, c.closed_at AS closedAt, c.expected_fen AS expectedFen,
	c.counted_fen AS countedFen, c.difference_fen AS differenceFen, coalesce(c.note, '') AS note
	FROM cashier_shifts s JOIN staff_users st ON st.id = s.cashier_id LEFT JOIN shift_closes c ON c.shift_id = s.id
	WHERE s.community_id = ? AND s.opened_at < ? AND (c.closed_at IS NULL OR c.closed_at >= ?) ORDER BY s.opened_at, s.id`;

type ShiftRowRaw = Omit<CashShiftLine, keyof CashTieLine | 'expectedFen'> & {
	communityId: number;
	localDate: string;
	expectedFen: number | null;
};

/**
 * The shifts overlapping [startMs, asOfMs) with the cash of from…to in each, tied to the report's
 * 现金 method line (`methodNetFen`). A shift still open at asOfMs shows its expected cash so far.
 */
export function cashByShift(
	db: Db,
	communityId: number,
	period: { from: string; to: string; startMs: number; asOfMs: number },
	methodNetFen: number
): CashTie<CashShiftLine> {
	const c = communityId;
	const { from, to } = period;
	const byShift = (sql: string) =>
		new Map((stmt(db, sql).all(c, from, to, c) as Agg[]).map((r) => [r.shiftId, r]));
	const received = byShift(RECEIVED);
	const voided = byShift(VOIDED);
	const refunded = byShift(REFUNDED);
	const rows = stmt(db, SHIFTS).all(c, period.asOfMs, period.startMs) as ShiftRowRaw[];
	const lines: CashShiftLine[] = rows.map((r) => {
		const expectedFen =
			r.expectedFen ??
			shiftCash(
				db,
				{
					id: r.shiftId,
					communityId: r.communityId,
					cashierId: r.cashierId,
					openedAt: r.openedAt,
					localDate: r.localDate,
					openingFloatFen: r.openingFloatFen
				},
				period.asOfMs
			).expectedFen;
		return {
			shiftId: r.shiftId,
			cashierId: r.cashierId,
			cashierName: r.cashierName,
			cashierWorkNo: r.cashierWorkNo,
			openedAt: r.openedAt,
			closedAt: r.closedAt,
			openingFloatFen: r.openingFloatFen,
			expectedFen,
			countedFen: r.countedFen,
			differenceFen: r.differenceFen,
			note: r.note,
			receivedFen: received.get(r.shiftId)?.fen ?? 0,
			receivedCount: received.get(r.shiftId)?.n ?? 0,
			voidedFen: voided.get(r.shiftId)?.fen ?? 0,
			voidedCount: voided.get(r.shiftId)?.n ?? 0,
			refundedFen: refunded.get(r.shiftId)?.fen ?? 0,
			refundedCount: refunded.get(r.shiftId)?.n ?? 0
		};
	});
	const out = (sql: string) => {
		const r = stmt(db, sql).get(c, from, to, c) as Outside;
		return { fen: r.fen ?? 0, n: r.n };
	};
	const [ri, vo, rf] = [out(RECEIVED_OUT), out(VOIDED_OUT), out(REFUNDED_OUT)];
	return tieCash(
		lines,
		{
			receivedFen: ri.fen,
			receivedCount: ri.n,
			voidedFen: vo.fen,
			voidedCount: vo.n,
			refundedFen: rf.fen,
			refundedCount: rf.n
		},
		methodNetFen
	);
}
