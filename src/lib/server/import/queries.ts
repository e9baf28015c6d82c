import type { Db } from '../db';
import { stmt } from '../db/stmt';
import type { CreditKind } from '../../domain/import';

export interface OpeningDayLine {
	kind: 'opening_bills' | 'opening_credits';
	rows: number;
	totalFen: number;
}

/**
 * Opening balances imported in a period (the daily report shows them apart: they are what was owed
 * or held before, not the day's takings). A past day never changes: batches are insert-only.
 */
export function openingInPeriod(
	db: Db,
	communityId: number,
	from: string,
	to: string
): OpeningDayLine[] {
	return stmt(
		db,
		`SELECT kind, sum(added) AS rows, sum(total_fen) AS totalFen FROM import_batches
		 WHERE community_id = ? AND local_date BETWEEN ? AND ? AND kind IN ('opening_bills', 'opening_credits') AND added > 0
		 GROUP BY kind ORDER BY kind`
	).all(communityId, from, to) as OpeningDayLine[];
}

export interface OpeningCredit {
	kind: CreditKind;
	amountFen: number;
	receiptNo: string;
	localDate: string;
}

/** A unit's opening prepayments and deposits (期初预存/押金), for where its balances show. */
export function openingCreditsOf(db: Db, communityId: number, unitId: number): OpeningCredit[] {
	return stmt(
		db,
		`SELECT kind, amount_fen AS amountFen, receipt_no AS receiptNo, local_date AS localDate
		 FROM opening_credits WHERE community_id = ? AND unit_id = ? ORDER BY id`
	).all(communityId, unitId) as OpeningCredit[];
}
