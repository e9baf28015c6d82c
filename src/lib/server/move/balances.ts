/**
 * The ledger figures compared between the SQLite file and PostgreSQL after a move, per community
 * (by its code, which the move keeps). Each query is plain SQL both databases run; `:code` is the
 * community's code. Sums are cast to bigint text-free integers by COALESCE so an empty ledger is 0.
 */
export const BALANCE_QUERIES: Record<string, string> = {
	bills: `SELECT COUNT(*) AS n, COALESCE(SUM(b.principal_fen), 0) AS fen FROM bills b
		JOIN communities c ON c.id = b.community_id WHERE c.code = :code`,
	payments: `SELECT COUNT(*) AS n, COALESCE(SUM(p.total_fen), 0) AS fen FROM payments p
		JOIN communities c ON c.id = p.community_id WHERE c.code = :code`,
	payment_lines: `SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS fen FROM payment_lines l
		JOIN payments p ON p.id = l.payment_id JOIN communities c ON c.id = p.community_id WHERE c.code = :code`,
	payment_lines_on_bills: `SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS fen FROM payment_lines l
		JOIN bills b ON b.id = l.bill_id JOIN communities c ON c.id = b.community_id WHERE c.code = :code`,
	voids: `SELECT COUNT(*) AS n, COALESCE(SUM(p.total_fen), 0) AS fen FROM payment_voids v
		JOIN payments p ON p.id = v.payment_id JOIN communities c ON c.id = p.community_id WHERE c.code = :code`,
	waivers: `SELECT COUNT(*) AS n, COALESCE(SUM(w.amount_fen), 0) AS fen FROM waiver_entries w
		JOIN bills b ON b.id = w.bill_id JOIN communities c ON c.id = b.community_id WHERE c.code = :code`,
	vacancy_credits: `SELECT COUNT(*) AS n, COALESCE(SUM(v.amount_fen), 0) AS fen FROM vacancy_credits v
		JOIN communities c ON c.id = v.community_id WHERE c.code = :code`,
	opening_credits: `SELECT COUNT(*) AS n, COALESCE(SUM(o.amount_fen), 0) AS fen FROM opening_credits o
		JOIN communities c ON c.id = o.community_id WHERE c.code = :code`,
	charges: `SELECT COUNT(*) AS n, COALESCE(SUM(x.amount_fen), 0) AS fen FROM charges x
		JOIN communities c ON c.id = x.community_id WHERE c.code = :code`,
	deposits_and_refunds: `SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS fen FROM deposit_settlement_lines l
		JOIN deposit_settlements d ON d.id = l.settlement_id JOIN communities c ON c.id = d.community_id
		WHERE c.code = :code`,
	principal_postings: `SELECT COUNT(*) AS n, COALESCE(SUM(pp.amount_fen), 0) AS fen FROM principal_postings pp
		JOIN communities c ON c.id = pp.community_id WHERE c.code = :code`,
	open_bills: `SELECT COUNT(*) AS n, COALESCE(SUM(o.principal_fen - o.settled_fen), 0) AS fen FROM open_bills o
		JOIN communities c ON c.id = o.community_id WHERE c.code = :code`
};

/** A query of BALANCE_QUERIES for SQLite (`?`) or PostgreSQL (`$1`). */
export function balanceSql(sql: string, dialect: 'sqlite' | 'pg'): string {
	return sql.replace(':code', dialect === 'sqlite' ? '?' : '$1');
}

/** Receipt numbers of a community, per year: the sorted sequence numbers and the numbers' text. */
export const RECEIPTS_SQL = `SELECT p.receipt_year AS year, p.receipt_seq AS seq, p.receipt_no AS no FROM payments p
	JOIN communities c ON c.id = p.community_id WHERE c.code = :code ORDER BY p.receipt_year, p.receipt_seq`;

export interface ReceiptYear {
	year: number;
	count: number;
	max: number;
	gapFree: boolean;
}

/** Per year: how many receipts, the highest number, and whether they run 1…max without a gap. */
export function receiptYears(rows: { year: number; seq: number }[]): ReceiptYear[] {
	const by = new Map<number, number[]>();
	for (const r of rows) by.set(Number(r.year), [...(by.get(Number(r.year)) ?? []), Number(r.seq)]);
	return [...by]
		.sort(([a], [b]) => a - b)
		.map(([year, seqs]) => {
			const max = Math.max(...seqs);
			return {
				year,
				count: seqs.length,
				max,
				gapFree: new Set(seqs).size === max && seqs.length === max
			};
		});
}
