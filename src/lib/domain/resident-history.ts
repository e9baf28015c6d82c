import { addMonths, daysInMonth, monthOf } from '../dates';

/** How far back a resident sees their own receipts on the kiosk (issue 20): 24 months. */
export const HISTORY_MONTHS = 24;

/**
 * The first day a resident's history shows as of `asOf`: the same day 24 months earlier, or that
 * month's last day when it is shorter (2026-02-29 does not exist: 2024-02-29 → 2026-02-28 back).
 */
export function historySince(asOf: string): string {
	const month = addMonths(monthOf(asOf), -HISTORY_MONTHS);
	const day = Math.min(Number(asOf.slice(8, 10)), daysInMonth(month));
	return `${month}-${String(day).padStart(2, '0')}`;
}

/** Copies (补打) a unit's residents may print at the kiosk in a day; more are the counter's. */
export const RESIDENT_DAILY_COPIES = 10;
