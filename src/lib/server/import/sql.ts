import { rawQuery } from '../db/stmt';

/*
 * The import area's aggregate read (the daily report's opening balances). Portable SQL.
 * The rest of the area's queries are plain drizzle or still raw statements (apply, export, plan).
 */

export interface OpeningDayLine {
	kind: 'opening_bills' | 'opening_credits';
	rows: number;
	totalFen: number;
}

/** Opening balances imported in a period, per kind. */
export const openingByKind = rawQuery<
	OpeningDayLine,
	[communityId: number, from: string, to: string]
>(
	`SELECT kind, sum(added) AS rows, sum(total_fen) AS totalFen FROM import_batches
	 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND kind IN ('opening_bills', 'opening_credits') AND added > 0
	 GROUP BY kind ORDER BY kind`
);
