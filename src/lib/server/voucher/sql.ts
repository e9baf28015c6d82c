import { rawQuery } from '../db/stmt';

/*
 * The voucher's ledger facts (issue 19, accounting export): the same ranges as the daily report's
 * aggregates (reports/sql.ts), grouped finer — by day, method, kind, item and bill month — because
 * each voucher is one day and one method and 预收 depends on the bill's month. Portable SQL except
 * `CROSS JOIN … ON`, SQLite's join-order hint (read the few voids first), as in reports/sql.ts.
 */

type Period = [communityId: number, from: string, to: string];

/** Lines of receipts per day, method, kind, item and bill month (null: no bill). */
export interface FactRow {
	date: string;
	method: string;
	kind: 'principal' | 'late_fee' | 'deposit' | 'charge';
	code: string;
	billMonth: string | null;
	/** 1: principal of an imported opening bill. */
	opening: number;
	/** 1: a one-off charge raised at the counter (a paid service, a replacement card…). */
	charge: number;
	fen: number;
}

/** Receipts issued in the period, by their day. */
export const factsIssued = rawQuery<FactRow, Period>(
	`SELECT p.local_date AS date, p.method AS method, pl.kind AS kind, pl.item_code AS code, b.month AS billMonth,
	 CASE WHEN b.source = 'opening' THEN 1 ELSE 0 END AS opening,
	 CASE WHEN b.source = 'charge' THEN 1 ELSE 0 END AS charge, sum(pl.amount_fen) AS fen
	 FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id LEFT JOIN bills b ON b.id = pl.bill_id
	 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ?
	 GROUP BY p.local_date, p.method, pl.kind, pl.item_code, b.month, opening, charge`
);

/** Receipts voided in the period, by the void's day (the caller negates). CROSS JOIN: SQLite hint. */
export const factsVoided = rawQuery<FactRow, Period>(
	`SELECT v.local_date AS date, p.method AS method, pl.kind AS kind, pl.item_code AS code, b.month AS billMonth,
	 CASE WHEN b.source = 'opening' THEN 1 ELSE 0 END AS opening,
	 CASE WHEN b.source = 'charge' THEN 1 ELSE 0 END AS charge, sum(pl.amount_fen) AS fen
	 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id CROSS JOIN payment_lines pl ON pl.payment_id = p.id
	 LEFT JOIN bills b ON b.id = pl.bill_id
	 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ?
	 GROUP BY v.local_date, p.method, pl.kind, pl.item_code, b.month, opening, charge`
);

/** Deposit refunds (with how they were paid out) and deductions, per day. */
export interface SettlementRow {
	date: string;
	kind: 'refund' | 'deduction';
	code: string;
	method: string | null;
	fen: number;
}

export const settlements = rawQuery<SettlementRow, Period>(
	`SELECT s.local_date AS date, l.kind AS kind, l.item_code AS code, s.method AS method, sum(l.amount_fen) AS fen
	 FROM deposit_settlements s JOIN deposit_settlement_lines l ON l.settlement_id = s.id
	 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ?
	 GROUP BY s.local_date, l.kind, l.item_code, s.method`
);

/** Principal taken before a month for its bills (and voids of it before then, negative), per item and day. */
export interface PostingRow {
	code: string;
	date: string;
	fen: number;
}

/**
 * From principal_postings (arrears area, indexed by community and bill month): payments of the
 * month's bills before the month began, and the voids of those payments before then, negated.
 */
export const releasePostings = rawQuery<
	PostingRow,
	[
		communityId: number,
		month: string,
		before: string,
		communityId2: number,
		month2: string,
		before2: string
	]
>(
	`SELECT fi.code AS code, pp.posted_date AS date, sum(pp.amount_fen) AS fen
	 FROM principal_postings pp JOIN fee_items fi ON fi.id = pp.fee_item_id
	 WHERE pp.community_id = ? AND pp.bill_month = ? AND pp.posted_date < ? AND pp.kind = 'payment'
	 GROUP BY fi.code, pp.posted_date
	 UNION ALL
	 SELECT fi.code AS code, v.local_date AS date, -sum(pp.amount_fen) AS fen
	 FROM principal_postings pp JOIN payment_voids v ON v.payment_id = pp.payment_id JOIN fee_items fi ON fi.id = pp.fee_item_id
	 WHERE pp.community_id = ? AND pp.bill_month = ? AND pp.posted_date < ? AND pp.kind = 'payment'
	 GROUP BY fi.code, v.local_date`
);
