import type { Db } from '../db';
import { and, between, count, eq, lte, ne, notExists, sql } from 'drizzle-orm';
import { waiverEvents, waiverRequests } from '../db/schema';
import { prepared } from '../db/prepared';
import { waivedInPeriod } from './sql';

export interface WaiverSummary {
	/** Requests filed in the range. */
	filed: number;
	/** Requests waiting for a manager at the end of `toDate` (filed by then, not yet decided or returned). */
	pending: number;
	/** Decisions taken in the range. */
	approved: number;
	rejected: number;
	/** Sent back to the clerk in the range (the payment that settled the principal was voided). */
	returned: number;
	/** Late fee waived in the range (waiver entries in the ledger), in fen. */
	waivedFen: number;
}

// Prepared once per connection: the daily report reads these for every day it shows.
const actionCount = (action: string) =>
	sql<number | null>`SUM(CASE WHEN ${waiverEvents.action} = ${action} THEN 1 ELSE 0 END)`.mapWith(
		Number
	);
const countsQuery = prepared((db) =>
	db
		.select({
			filed: actionCount('create'),
			approved: actionCount('approve'),
			rejected: actionCount('reject'),
			returned: actionCount('return')
		})
		.from(waiverEvents)
		.where(
			and(
				eq(waiverEvents.communityId, sql.placeholder('communityId')),
				between(waiverEvents.localDate, sql.placeholder('fromDate'), sql.placeholder('toDate'))
			)
		)
		.prepare()
);

// Filed by the day and no step after filing by then.
const pendingQuery = prepared((db) =>
	db
		.select({ n: count() })
		.from(waiverRequests)
		.where(
			and(
				eq(waiverRequests.communityId, sql.placeholder('communityId')),
				lte(waiverRequests.localDate, sql.placeholder('toDate')),
				notExists(
					db
						.select({ one: sql`1` })
						.from(waiverEvents)
						.where(
							and(
								eq(waiverEvents.requestId, waiverRequests.id),
								ne(waiverEvents.action, 'create'),
								lte(waiverEvents.localDate, sql.placeholder('toDate'))
							)
						)
				)
			)
		)
		.prepare()
);

/**
 * Waiver figures of a community for the daily report (DOMAIN.md §9), dates inclusive
 * (YYYY-MM-DD, the community's calendar). Read from the insert-only steps and ledger, so a past
 * day's figures never change.
 */
export function waiverSummary(
	db: Db,
	communityId: number,
	fromDate: string,
	toDate: string
): WaiverSummary {
	const counts = countsQuery(db).get({ communityId, fromDate, toDate });
	const pending = pendingQuery(db).get({ communityId, toDate });
	const waived = waivedInPeriod.one(db, communityId, fromDate, toDate);
	return {
		filed: counts?.filed ?? 0,
		pending: pending?.n ?? 0,
		approved: counts?.approved ?? 0,
		rejected: counts?.rejected ?? 0,
		returned: counts?.returned ?? 0,
		waivedFen: waived.fen
	};
}
