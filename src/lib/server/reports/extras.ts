import type { Db } from '../db';
import { openingInPeriod } from '../import/queries';
import { monthFigures } from './month';
import type { ReportExtras } from './sheet';

/**
 * What the page, the PDF, the CSV and the XLSX show beside the daily report's figures: opening
 * balances imported in the period, and for more than one day the month report's figures.
 */
export function reportExtras(db: Db, communityId: number, from: string, to: string): ReportExtras {
	return {
		opening: openingInPeriod(db, communityId, from, to),
		month: from === to ? undefined : monthFigures(db, communityId, from, to)
	};
}
