import type { Db } from '../db';
import { and, asc, eq } from 'drizzle-orm';
import { openingCredits } from '../db/schema';
import { openingByKind, type OpeningDayLine } from './sql';
import type { CreditKind } from '../../domain/import';

export type { OpeningDayLine };

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
	return openingByKind.all(db, communityId, from, to);
}

export interface OpeningCredit {
	kind: CreditKind;
	amountFen: number;
	receiptNo: string;
	localDate: string;
}

/** A unit's opening prepayments and deposits (期初预存/押金), for where its balances show. */
export function openingCreditsOf(db: Db, communityId: number, unitId: number): OpeningCredit[] {
	return db
		.select({
			kind: openingCredits.kind,
			amountFen: openingCredits.amountFen,
			receiptNo: openingCredits.receiptNo,
			localDate: openingCredits.localDate
		})
		.from(openingCredits)
		.where(and(eq(openingCredits.communityId, communityId), eq(openingCredits.unitId, unitId)))
		.orderBy(asc(openingCredits.id))
		.all();
}
