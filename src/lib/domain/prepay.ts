/**
 * Prepayment offers at the counter (DOMAIN §2 "Prepayment"), pure.
 *
 * - The months a prepayment covers start after the last month the unit already has a bill for
 *   (billed or paid: a paid month always has its bill, prepaid months included), and never
 *   before the current month. A month already billed is paid through its bill in the list, so
 *   offering it again as "prepay" would add ¥0 (or hide arrears behind a prepayment).
 * - An offer of N months is the next N months from that start; an offer that would create no
 *   money (no rate yet, a unit not billable yet) is not offered: never "prepay … ¥0".
 */
import { addMonths, isValidMonth } from '../dates';

/** The month choices the counter shows, before dropping those worth nothing. */
export const PREPAY_CHOICES = [1, 2, 3, 6, 12, 24, 36] as const;

/** First month a prepayment covers: the month after the last billed one, at the earliest `currentMonth`. */
export function prepayStartMonth(currentMonth: string, lastBilledMonth: string | null): string {
	if (!isValidMonth(currentMonth))
		throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(currentMonth)}`);
	if (lastBilledMonth === null) return currentMonth;
	if (!isValidMonth(lastBilledMonth))
		throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(lastBilledMonth)}`);
	const next = addMonths(lastBilledMonth, 1);
	return next > currentMonth ? next : currentMonth;
}

/**
 * How many months from `fromMonth` reach `throughMonth` (0 when it is before `fromMonth`): links
 * such as the move-in page's "pay the first six months" name the last month to cover, counted
 * from the current month, and the counter turns that into a prepayment from `fromMonth`.
 */
export function prepayCountThrough(fromMonth: string, throughMonth: string): number {
	for (const m of [fromMonth, throughMonth])
		if (!isValidMonth(m)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(m)}`);
	const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
	return Math.max(0, index(throughMonth) - index(fromMonth) + 1);
}

export interface PrepayOffer {
	/** Months covered. */
	n: number;
	fromMonth: string;
	toMonth: string;
	/** What the new bills of those months add up to. */
	fen: number;
}

/**
 * The offers for the months from `fromMonth` on, given what each month would bill (`monthFen`,
 * in order from `fromMonth`; a month not listed bills nothing). Offers worth ¥0 are left out,
 * and so is an offer that adds nothing over the one before it (the same money, more months).
 */
export function prepayOffers(
	fromMonth: string,
	monthFen: readonly number[],
	choices: readonly number[] = PREPAY_CHOICES
): PrepayOffer[] {
	if (!isValidMonth(fromMonth))
		throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(fromMonth)}`);
	const out: PrepayOffer[] = [];
	let previous = 0;
	for (const n of [...new Set(choices)].sort((a, b) => a - b)) {
		if (!Number.isSafeInteger(n) || n < 1) continue;
		let fen = 0;
		for (let i = 0; i < n && i < monthFen.length; i++) fen += monthFen[i];
		if (fen <= 0 || fen === previous) continue;
		previous = fen;
		out.push({ n, fromMonth, toMonth: addMonths(fromMonth, n - 1), fen });
	}
	return out;
}
