import { rawQuery } from '../db/stmt';
import type { DayMethodRow, SumRow } from '../../domain/report';
import type { VoidCategory } from '../../domain/voids';

/*
 * The daily report's aggregates (DOMAIN.md §9), each statement with its row type: big GROUP BYs
 * over indexed ranges that read more plainly as SQL than as drizzle. Portable SQL except for two
 * SQLite habits, kept on purpose and marked where used:
 * - `CROSS JOIN … ON` is SQLite's join-order hint (read the few voids first, not every payment of
 *   the community); PostgreSQL plans a plain JOIN that way by itself.
 * - `IN (SELECT value FROM json_each(?))` takes a list of ids as one JSON parameter (PostgreSQL:
 *   `= ANY(?)` with an array).
 */

type Period = [communityId: number, from: string, to: string];

/** Ledger lines of one item and kind: their sum and how many receipts carry them. */
export interface ItemSumRow {
	code: string;
	kind: 'principal' | 'late_fee' | 'deposit' | 'charge';
	fen: number;
	n: number;
}

/** Lines of receipts issued in the period. */
export const itemsIssued = rawQuery<ItemSumRow, Period>(
	`SELECT pl.item_code AS code, pl.kind AS kind, sum(pl.amount_fen) AS fen, count(DISTINCT p.id) AS n
	 FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id
	 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? GROUP BY pl.item_code, pl.kind`
);

/** Lines of receipts voided in the period (by the void's date). CROSS JOIN: SQLite hint. */
export const itemsVoided = rawQuery<ItemSumRow, Period>(
	`SELECT pl.item_code AS code, pl.kind AS kind, sum(pl.amount_fen) AS fen, count(DISTINCT p.id) AS n
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id CROSS JOIN payment_lines pl ON pl.payment_id = p.id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY pl.item_code, pl.kind`
);

/** Receipts by method and cashier. */
export interface PaymentSumRow {
	method: string;
	cashierId: number;
	fen: number;
	n: number;
}

export const paymentsIssued = rawQuery<PaymentSumRow, Period>(
	`SELECT p.method AS method, p.cashier_id AS cashierId, sum(p.total_fen) AS fen, count(*) AS n
	 FROM payments p WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? GROUP BY p.method, p.cashier_id`
);

/** CROSS JOIN: SQLite hint. */
export const paymentsVoided = rawQuery<PaymentSumRow, Period>(
	`SELECT p.method AS method, p.cashier_id AS cashierId, sum(p.total_fen) AS fen, count(*) AS n
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY p.method, p.cashier_id`
);

/** Receipts issued in the period: how many, the ends of their numbers, how many voided by `to`. */
export interface ReceiptSpanRow {
	n: number;
	/** receipt_year × 10⁹ + receipt_seq: orders receipt numbers. */
	lo: number | null;
	hi: number | null;
	voided: number | null;
}

export const receiptSpan = rawQuery<
	ReceiptSpanRow,
	[voidedBy: string, communityId: number, from: string, to: string]
>(
	`SELECT count(*) AS n, min(CAST(receipt_year AS BIGINT) * 1000000000 + receipt_seq) AS lo, max(CAST(receipt_year AS BIGINT) * 1000000000 + receipt_seq) AS hi,
	 sum(CASE WHEN EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.local_date <= ?) THEN 1 ELSE 0 END) AS voided
	 FROM payments p WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ?`
);

/** A void recorded in the period, with who issued and who voided the receipt. */
export interface VoidListRow {
	receiptNo: string;
	issuedOn: string;
	voidedOn: string;
	totalFen: number;
	method: string;
	cashier: string;
	reason: string;
	/** Reason category (VOID_CATEGORIES), required for 跨月作废; null otherwise or on older voids. */
	category: VoidCategory | null;
	voidedBy: string;
}

/** CROSS JOIN: SQLite hint. */
export const voidsInPeriod = rawQuery<VoidListRow, Period>(
	`SELECT p.receipt_no AS receiptNo, p.local_date AS issuedOn, v.local_date AS voidedOn, p.total_fen AS totalFen, p.method,
	 c.display_name || ' ' || c.work_no AS cashier, v.reason, v.reason_category AS category, m.display_name || ' ' || m.work_no AS voidedBy
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id JOIN staff_users c ON c.id = p.cashier_id JOIN staff_users m ON m.id = v.voided_by
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? ORDER BY v.created_at, v.id`
);

export interface IdRow {
	id: number;
}

/** Bills whose principal was paid late in the period (late-fee candidates). CROSS JOIN: SQLite hint. */
export const billsPaidLate = rawQuery<IdRow, Period>(
	`SELECT DISTINCT pl.bill_id AS id FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id CROSS JOIN bills b ON b.id = pl.bill_id
	 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? AND pl.kind = 'principal' AND p.local_date > b.due_date`
);

export interface BillTermsRow {
	id: number;
	principalFen: number;
	dueDate: string;
}

export const billTerms = rawQuery<BillTermsRow, [idsJson: string]>(
	`SELECT id, principal_fen AS principalFen, due_date AS dueDate FROM bills WHERE id IN (SELECT value FROM json_each(?))`
);

export interface BillLineRow {
	billId: number;
	kind: string;
	date: string;
	fen: number;
}

/** Lines of receipts issued by `asOf` and not voided by then, per bill, kind and day. */
export const billLinesAsOf = rawQuery<
	BillLineRow,
	[idsJson: string, asOf: string, voidedBy: string]
>(
	`SELECT pl.bill_id AS billId, pl.kind AS kind, p.local_date AS date, sum(pl.amount_fen) AS fen
	 FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	 WHERE pl.bill_id IN (SELECT value FROM json_each(?)) AND pl.kind IN ('principal', 'late_fee') AND p.local_date <= ?
	 AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id AND v.local_date <= ?)
	 GROUP BY pl.bill_id, pl.kind, p.local_date`
);

export interface BillSumRow {
	billId: number;
	fen: number;
}

export const billWaiversAsOf = rawQuery<BillSumRow, [idsJson: string, asOf: string]>(
	`SELECT bill_id AS billId, sum(amount_fen) AS fen FROM waiver_entries WHERE bill_id IN (SELECT value FROM json_each(?)) AND local_date <= ? GROUP BY bill_id`
);

export interface BillDatedSumRow {
	billId: number;
	date: string;
	fen: number;
}

export const billCreditsAsOf = rawQuery<BillDatedSumRow, [idsJson: string, asOf: string]>(
	`SELECT bill_id AS billId, local_date AS date, sum(amount_fen) AS fen FROM vacancy_credits
	WHERE bill_id IN (SELECT value FROM json_each(?)) AND local_date <= ?
	GROUP BY bill_id, local_date`
);

/** Deposit money settled in the period, per item and kind (refund or deduction). */
export interface SettledRow {
	code: string;
	kind: 'refund' | 'deduction';
	fen: number;
}

export const depositsSettled = rawQuery<SettledRow, Period>(
	`SELECT l.item_code AS code, l.kind AS kind, sum(l.amount_fen) AS fen FROM deposit_settlements s JOIN deposit_settlement_lines l ON l.settlement_id = s.id
	 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? GROUP BY l.item_code, l.kind`
);

export interface CountRow {
	n: number;
}

type Window = [communityId: number, startMs: number, asOfMs: number];

export const keysLent = rawQuery<CountRow, Window>(
	'SELECT count(*) AS n FROM key_loans WHERE community_id = ? AND lent_at >= ? AND lent_at < ?'
);

export const keysReturned = rawQuery<CountRow, Window>(
	'SELECT count(*) AS n FROM key_returns WHERE community_id = ? AND returned_at >= ? AND returned_at < ?'
);

export interface KeysOutRow {
	n: number;
	overdue: number;
}

/** Keys out at `asOfMs`, and how many of them past their expected return. */
export const keysOut = rawQuery<
	KeysOutRow,
	[asOfMs: number, communityId: number, lentBefore: number, returnedBefore: number]
>(
	`SELECT count(*) AS n, coalesce(sum(CASE WHEN l.expected_return_at < ? THEN 1 ELSE 0 END), 0) AS overdue FROM key_loans l
	 WHERE l.community_id = ? AND l.lent_at < ?
	 AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id AND r.returned_at < ?)`
);

/** Shifts opened before `asOfMs` and not closed by then. */
export const shiftsOpenAt = rawQuery<
	CountRow,
	[communityId: number, openedBefore: number, closedBefore: number]
>(
	`SELECT count(*) AS n FROM cashier_shifts s WHERE s.community_id = ? AND s.opened_at < ?
	 AND NOT EXISTS (SELECT 1 FROM shift_closes c WHERE c.shift_id = s.id AND c.closed_at < ?)`
);

/** Receipts per day (the 30-day chart). */
export const receivedByDay = rawQuery<SumRow, Period>(
	`SELECT local_date AS key, sum(total_fen) AS fen, count(*) AS count FROM payments WHERE community_id = ? AND local_date BETWEEN ? AND ? GROUP BY local_date`
);

/** Voids per day (by the void's date). CROSS JOIN: SQLite hint. */
export const voidedByDay = rawQuery<SumRow, Period>(
	`SELECT v.local_date AS key, sum(p.total_fen) AS fen, count(*) AS count FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY v.local_date`
);

// ---------------------------------------------------------------- month report

/** Receipts per day and method (the month report's table). */
export const receivedByDayMethod = rawQuery<DayMethodRow, Period>(
	`SELECT local_date AS date, method, sum(total_fen) AS fen, count(*) AS count FROM payments
	 WHERE community_id = ? AND local_date BETWEEN ? AND ? GROUP BY local_date, method`
);

/** Voids per day (the void's date) and method of the voided receipt. CROSS JOIN: SQLite hint. */
export const voidedByDayMethod = rawQuery<DayMethodRow, Period>(
	`SELECT v.local_date AS date, p.method AS method, sum(p.total_fen) AS fen, count(*) AS count
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY v.local_date, p.method`
);

/**
 * Principal postings for 预收 (domain/advance.ts), grouped by bill month and the month taken; the
 * date is that month's first day (advanceRoll looks at the month only). Credits (空置减免) are not
 * money taken and stay out.
 */
export interface PostingRow {
	billMonth: string;
	postedDate: string;
	amountFen: number;
}

export interface MonthRow {
	month: string | null;
}

/** The latest bill month with a posting (prepaid months reach past today). */
export const lastPostedMonth = rawQuery<MonthRow, [communityId: number]>(
	`SELECT max(bill_month) AS month FROM principal_postings WHERE community_id = ?`
);

/**
 * Taken before `start` for the months listed (those from the first month of the report on): the
 * 预收 the range opens with. The list makes the month index an equality look-up per month, then a
 * range on the date, instead of scanning every later month's postings.
 */
export const postingsBefore = rawQuery<
	PostingRow,
	[communityId: number, monthsJson: string, start: string]
>(
	`SELECT bill_month AS billMonth, substr(posted_date, 1, 7) || '-01' AS postedDate, sum(amount_fen) AS amountFen
	 FROM principal_postings WHERE community_id = ? AND bill_month IN (SELECT CAST(value AS TEXT) FROM json_each(?))
	 AND posted_date < ? AND kind = 'payment' GROUP BY bill_month, substr(posted_date, 1, 7)`
);

/** Taken in the range for a later month than the day's own. */
export const postingsAheadIn = rawQuery<PostingRow, Period>(
	`SELECT bill_month AS billMonth, substr(posted_date, 1, 7) || '-01' AS postedDate, sum(amount_fen) AS amountFen
	 FROM principal_postings WHERE community_id = ? AND posted_date BETWEEN ? AND ? AND kind = 'payment'
	 AND bill_month > substr(posted_date, 1, 7) GROUP BY bill_month, substr(posted_date, 1, 7)`
);

/**
 * Voids up to `to` of principal paid for the months from `fromMonth` on: negative postings on the
 * void's date. CROSS JOIN: SQLite hint (the few voids first).
 */
export const postingsVoidedBy = rawQuery<
	PostingRow,
	[communityId: number, to: string, fromMonth: string]
>(
	`SELECT pp.bill_month AS billMonth, substr(v.local_date, 1, 7) || '-01' AS postedDate, -sum(pp.amount_fen) AS amountFen
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id CROSS JOIN principal_postings pp ON pp.payment_id = p.id
	 WHERE p.community_id = ? AND v.local_date <= ? AND pp.bill_month >= ? AND pp.kind = 'payment'
	 GROUP BY pp.bill_month, substr(v.local_date, 1, 7)`
);
