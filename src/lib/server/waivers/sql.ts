import { rawQuery } from '../db/stmt';

/*
 * The waiver area's SQL that drizzle does not express well, each statement with its row type.
 * Everything else in waivers/ is a drizzle query.
 */

export interface WaivedRow {
	fen: number;
}

/**
 * Late fee waived in a community over a period (dates inclusive). CROSS JOIN keeps SQLite reading
 * the period's waiver entries first: with a plain JOIN it walks every bill of the community
 * (220–340 ms on the 10,000-unit bench). A planner hint of SQLite's: elsewhere it is a plain join.
 */
export const waivedInPeriod = rawQuery<
	WaivedRow,
	[communityId: number, fromDate: string, toDate: string]
>(
	`SELECT COALESCE(SUM(w.amount_fen), 0) AS fen FROM waiver_entries w CROSS JOIN bills b ON b.id = w.bill_id
	WHERE b.community_id = ? AND w.local_date BETWEEN ? AND ?`
);
