import { rawQuery } from '../db/stmt';

/*
 * The receipts journal (收款流水): every receipt of a period and every void by the void's own day,
 * as one list. Raw SQL because drizzle does not express a UNION ALL under shared filters and a
 * chosen order well. Portable except for SQLite's habits, marked where used:
 * - `CROSS JOIN … ON` is SQLite's join-order hint (read the period's few voids first, not every
 *   payment); PostgreSQL plans a plain JOIN that way by itself.
 * - named parameters `:name` (PostgreSQL drivers take `$1`…; the names map one to one).
 * The CTE's columns are snake_case: PostgreSQL folds an unquoted `j.cashierId` to `j.cashierid`.
 * Every filter is `(CAST(:x AS …) IS NULL OR …)` (PostgreSQL types a parameter only tested for
 * NULL by its cast), so one statement serves every combination; the date range
 * on the two indexed columns is what the planner leads with.
 */

export interface JournalParams {
	c: number;
	from: string;
	to: string;
	method: string | null;
	cashier: number | null;
	kind: 'receipt' | 'void' | null;
	building: string | null;
	room: string | null;
	roomEnd: string | null;
	min: number | null;
	max: number | null;
}

export interface PageParams extends JournalParams {
	limit: number;
	offset: number;
}

const BASE = `WITH j AS (
	SELECT 'receipt' AS kind, p.id AS payment_id, p.created_at AS at, p.local_date AS day,
	       p.receipt_no AS receipt_no, p.method AS method, p.method_ref AS ref, p.cashier_id AS cashier_id,
	       NULL AS approver_id, p.unit_id AS unit_id, p.payer_name AS payer_name, p.total_fen AS amount_fen
	FROM payments p
	WHERE p.community_id = :c AND p.local_date BETWEEN :from AND :to
	UNION ALL
	SELECT 'void', p.id, v.created_at, v.local_date, p.receipt_no, p.method, p.method_ref, p.cashier_id,
	       v.voided_by, p.unit_id, p.payer_name, -p.total_fen
	FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
	WHERE v.local_date BETWEEN :from AND :to AND p.community_id = :c
)`;

const FILTERS = `WHERE (CAST(:method AS TEXT) IS NULL OR j.method = :method)
	AND (CAST(:cashier AS INTEGER) IS NULL OR j.cashier_id = :cashier)
	AND (CAST(:kind AS TEXT) IS NULL OR j.kind = :kind)
	AND (CAST(:building AS TEXT) IS NULL OR u.building = :building)
	AND (CAST(:room AS TEXT) IS NULL OR (u.code >= :room AND u.code < :roomEnd))
	AND (CAST(:min AS INTEGER) IS NULL OR abs(j.amount_fen) >= :min)
	AND (CAST(:max AS INTEGER) IS NULL OR abs(j.amount_fen) <= :max)`;

/** One row of the journal: a receipt (amount > 0) or a void (amount < 0, its own day and approver). */
export interface JournalRowRaw {
	kind: 'receipt' | 'void';
	paymentId: number;
	at: number;
	day: string;
	receiptNo: string;
	method: string;
	ref: string;
	cashierName: string;
	cashierWorkNo: string;
	approverName: string | null;
	approverWorkNo: string | null;
	unitCode: string | null;
	payerName: string;
	amountFen: number;
}

export const JOURNAL_SORTS = ['time', 'amount', 'receipt', 'unit'] as const;
export type JournalSort = (typeof JOURNAL_SORTS)[number];

const ORDER: Record<JournalSort, string> = {
	time: 'j.at',
	amount: 'abs(j.amount_fen)',
	receipt: 'j.receipt_no',
	unit: 'u.code'
};

function pageQuery(sort: JournalSort, dir: 'asc' | 'desc') {
	const d = dir === 'asc' ? 'ASC' : 'DESC';
	return rawQuery<JournalRowRaw, [PageParams]>(
		`${BASE}
		SELECT j.kind AS kind, j.payment_id AS paymentId, j.at AS at, j.day AS day, j.receipt_no AS receiptNo,
		       j.method AS method, j.ref AS ref, s.display_name AS cashierName, s.work_no AS cashierWorkNo,
		       a.display_name AS approverName, a.work_no AS approverWorkNo, u.code AS unitCode,
		       j.payer_name AS payerName, j.amount_fen AS amountFen
		FROM j LEFT JOIN units u ON u.id = j.unit_id
		JOIN staff_users s ON s.id = j.cashier_id
		LEFT JOIN staff_users a ON a.id = j.approver_id
		${FILTERS}
		ORDER BY ${ORDER[sort]} ${d}, j.at ${d}, j.payment_id ${d}, j.kind ${d}
		LIMIT :limit OFFSET :offset`
	);
}

/** The journal's page statements, one per order (an ORDER BY cannot be a parameter). */
export const journalPage = Object.fromEntries(
	JOURNAL_SORTS.flatMap((s) => [
		[`${s}-asc`, pageQuery(s, 'asc')],
		[`${s}-desc`, pageQuery(s, 'desc')]
	])
) as Record<`${JournalSort}-${'asc' | 'desc'}`, ReturnType<typeof pageQuery>>;

/** The filtered journal's count and sum by method and kind (the totals under the list). */
export interface MethodTotalRow {
	method: string;
	kind: 'receipt' | 'void';
	n: number;
	fen: number;
}

export const journalTotals = rawQuery<MethodTotalRow, [JournalParams]>(
	`${BASE}
	SELECT j.method AS method, j.kind AS kind, count(*) AS n, sum(j.amount_fen) AS fen
	FROM j LEFT JOIN units u ON u.id = j.unit_id
	${FILTERS}
	GROUP BY j.method, j.kind`
);
