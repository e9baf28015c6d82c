/**
 * 预收 (money received in advance), pure. One definition for the month report and the vouchers.
 *
 * Principal paid for a bill of a month that has not yet begun when the money is taken is a
 * liability (预收账款), not income: the centre owes that month's service. It becomes income
 * (is released) in the bill's own month, month by month as those bills fall due. Principal paid
 * for the current month or an earlier one is income of the day it is taken.
 */
import { isValidDate, isValidMonth } from '../dates';

export type PrincipalTiming = 'arrears' | 'current' | 'advance';

function checkMonth(m: string): void {
	if (!isValidMonth(m)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(m)}`);
}

/** Whether principal for `billMonth` taken on `postedDate` is for an earlier, the same or a later month. */
export function principalTiming(billMonth: string, postedDate: string): PrincipalTiming {
	checkMonth(billMonth);
	if (!isValidDate(postedDate))
		throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(postedDate)}`);
	const month = postedDate.slice(0, 7);
	return billMonth > month ? 'advance' : billMonth === month ? 'current' : 'arrears';
}

export function isAdvance(billMonth: string, postedDate: string): boolean {
	return principalTiming(billMonth, postedDate) === 'advance';
}

/** One principal posting (payment line or its reversal by a void: negative), as the ledger has it. */
export interface AdvancePosting {
	billMonth: string;
	/** Date the money was taken (or the void's date, with a negative amount). */
	postedDate: string;
	amountFen: number;
}

export interface AdvanceRoll {
	/** 预收 held at the start of the month (taken before it, for this month or later). */
	openingFen: number;
	/** Taken in the month for later months. */
	receivedFen: number;
	/** Released as income in the month: advances taken earlier for this month's bills. */
	releasedFen: number;
	/** Held at the end of the month: opening + received − released. */
	closingFen: number;
}

/**
 * The 预收 roll of `month` from the postings up to its end: what was held on the first day, taken
 * for later months during it, released because its bills fell due, and held on the last day.
 * Postings after the month are ignored, so a past month never changes.
 */
export function advanceRoll(postings: readonly AdvancePosting[], month: string): AdvanceRoll {
	checkMonth(month);
	let openingFen = 0;
	let receivedFen = 0;
	let releasedFen = 0;
	for (const p of postings) {
		const taken = p.postedDate.slice(0, 7);
		if (taken > month || !isAdvance(p.billMonth, p.postedDate)) continue;
		if (taken < month) {
			if (p.billMonth >= month) openingFen += p.amountFen;
			if (p.billMonth === month) releasedFen += p.amountFen;
		} else receivedFen += p.amountFen;
	}
	return {
		openingFen,
		receivedFen,
		releasedFen,
		closingFen: openingFen + receivedFen - releasedFen
	};
}
