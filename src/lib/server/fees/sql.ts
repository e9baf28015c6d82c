import { rawQuery } from '../db/stmt';

/*
 * The fee area's SQL that drizzle does not express well, each statement with its row type.
 * Everything else in fees/ is a drizzle query.
 */

/** A unit that may be owed a 空置减免 credit. */
export interface VacancyCandidateRow {
	id: number;
}

// Units that may be owed a credit: a bill at 100 % of an item the reduction applies to, for a month
// from the notice on, and the unit not handed over or with a move-in case starting after that month.
// Opening arrears (source 'opening') are what the old system said was owed: never credited again.
const CANDIDATES = `SELECT DISTINCT b.unit_id AS id FROM bills b JOIN fee_items i ON i.id = b.fee_item_id JOIN units u ON u.id = b.unit_id
	WHERE b.community_id = ? AND i.vacancy_applies = 1 AND b.vacancy_percent = 100 AND b.source <> 'opening'
	AND u.handover_notice_date IS NOT NULL
	AND b.month || '-01' >= u.handover_notice_date
	AND (u.occupancy = 'not_handed_over' OR EXISTS (SELECT 1 FROM movein_cases c WHERE c.unit_id = u.id AND c.fee_start_month > b.month))`;

/** Every candidate of the community (monthly billing). */
export const vacancyCandidates = rawQuery<VacancyCandidateRow, [communityId: number]>(CANDIDATES);

/**
 * The candidates among some units (a counter payment; the ids as a JSON array, given twice).
 * `+b.community_id` keeps SQLite off the community index (1.2 M bills: ~1 s a payment in the
 * bench); the unit index then finds the few bills (0.3 ms). The units are picked by id too, so
 * PostgreSQL reads those rows by key instead of hashing every unit of the community (3.3 →
 * 0.2 ms in the bench's community on PostgreSQL, EXPLAIN ANALYZE).
 */
export const vacancyCandidatesAmong = rawQuery<
	VacancyCandidateRow,
	[communityId: number, unitIdsJson: string, sameUnitIdsJson: string]
>(
	`${CANDIDATES.replace('b.community_id = ?', '+b.community_id = ?')} AND b.unit_id IN (SELECT value FROM json_each(?)) AND u.id IN (SELECT value FROM json_each(?))`
);
