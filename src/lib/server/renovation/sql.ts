import { rawQuery } from '../db/stmt';
import { DEPOSIT_ITEMS } from '../../domain/renovation-fees';
import { REF_PASS, REF_RENOVATION } from './records';

/*
 * Renovation's figures for the daily report (aggregates over the shared ledger and the event log),
 * each statement with its row type. Portable SQL except where marked: `CROSS JOIN … ON` is
 * SQLite's join-order hint (PostgreSQL: JOIN), `json_array_length(detail, '$.passes')` reads the
 * JSON detail (PostgreSQL: `jsonb_array_length(detail::jsonb -> 'passes')`).
 */

// Constants of this module, never input.
const ITEMS = DEPOSIT_ITEMS.map((c) => `'${c}'`).join(', ');
// Deposit lines are written only by renovation, with these ref types: filtering on them lets the
// payment_lines_ref index find the lines instead of walking every payment of the community
// (1.7 s → < 1 ms on the 10,000-unit bench).
const REFS = [REF_RENOVATION, REF_PASS].map((c) => `'${c}'`).join(', ');

type Period = [communityId: number, from: string, to: string];

/** Deposit money per item code: sum and number of lines. */
export interface DepositSumRow {
	code: string;
	fen: number;
	n: number;
}

/** Deposit lines of receipts issued in the period. */
export const depositsTaken = rawQuery<DepositSumRow, Period>(
	`SELECT pl.item_code AS code, sum(pl.amount_fen) AS fen, count(*) AS n FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) GROUP BY pl.item_code`
);

/** Deposit lines of receipts voided in the period. */
export const depositsVoided = rawQuery<DepositSumRow, Period>(
	`SELECT pl.item_code AS code, sum(pl.amount_fen) AS fen, count(*) AS n FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	 JOIN payment_voids v ON v.payment_id = p.id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) GROUP BY pl.item_code`
);

export interface SettledSumRow extends DepositSumRow {
	kind: 'refund' | 'deduction';
}

/** Deposit money refunded or deducted by the vouchers of the period. */
export const depositsSettledIn = rawQuery<SettledSumRow, Period>(
	`SELECT l.item_code AS code, l.kind AS kind, sum(l.amount_fen) AS fen, count(*) AS n FROM deposit_settlement_lines l
	 JOIN deposit_settlements s ON s.id = l.settlement_id
	 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? GROUP BY l.item_code, l.kind`
);

export interface HeldLinesRow {
	code: string;
	taken: number;
	voided: number;
}

/** Deposits taken up to a day and, of them, voided by then. CROSS JOIN: SQLite hint. */
export const depositsTakenBy = rawQuery<
	HeldLinesRow,
	[voidedBy: string, communityId: number, asOfDate: string]
>(
	`SELECT pl.item_code AS code, sum(pl.amount_fen) AS taken,
	 sum(CASE WHEN EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.local_date <= ?) THEN pl.amount_fen ELSE 0 END) AS voided
	 FROM payment_lines pl CROSS JOIN payments p ON p.id = pl.payment_id
	 WHERE pl.ref_type IN (${REFS}) AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) AND p.community_id = ? AND p.local_date <= ?
	 GROUP BY pl.item_code`
);

export interface SettledByRow {
	code: string;
	fen: number;
}

/** Deposit money settled (refunded or deducted) up to a day. */
export const depositsSettledBy = rawQuery<SettledByRow, [communityId: number, asOfDate: string]>(
	`SELECT l.item_code AS code, sum(l.amount_fen) AS fen FROM deposit_settlements s JOIN deposit_settlement_lines l ON l.settlement_id = s.id
	 WHERE s.community_id = ? AND s.local_date <= ? GROUP BY l.item_code`
);

export interface VoucherRow {
	voucherNo: string;
	subject: string;
	unitCode: string;
	refundFen: number;
	deductedFen: number;
	staffId: number;
}

/** Refund vouchers of the period, in number order. */
export const vouchersIn = rawQuery<VoucherRow, Period>(
	`SELECT s.voucher_no AS voucherNo, s.subject AS subject, u.code AS unitCode, s.refund_fen AS refundFen, s.deducted_fen AS deductedFen, s.staff_id AS staffId
	 FROM deposit_settlements s JOIN units u ON u.id = s.unit_id
	 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? ORDER BY s.voucher_year, s.voucher_seq`
);

export interface ActionCountRow {
	action: string;
	n: number;
	passes: number | null;
}

/** Renovation steps of the period by action, with the passes issued (json_array_length: SQLite). */
export const renovationSteps = rawQuery<ActionCountRow, Period>(
	`SELECT action, count(*) AS n, sum(CASE WHEN action IN ('pay', 'pass_issue') THEN json_array_length(detail, '$.passes') ELSE 0 END) AS passes
	 FROM renovation_events WHERE community_id = ? AND local_date BETWEEN ? AND ? GROUP BY action`
);
