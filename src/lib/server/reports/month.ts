/**
 * The month report (月报; 期间报表 for another range), issue 19: what a range adds to the daily
 * report's figures. The daily report (daily.ts) already covers any from…to — collections, late
 * fees, deposits, refunds and deductions, income — so this reads only what a day does not show:
 * - the table per day (receipts, voids on their own date, net by method);
 * - 应收 / 实收 / 欠收 of the range's bill months, by the collection-rate definitions of
 *   domain/arrears.ts (the 当期 part of arrears/collection.ts), counted up to the range's last day;
 * - 预收, by domain/advance.ts, fed from principal_postings with each void as a negative posting
 *   on its own date, up to the range's last day (a later void never changes a past month).
 *
 * No $lib imports: `npm run bench` loads this through plain node.
 */
import type { Db } from '../db';
import * as q from './sql';
import { addMonths, monthOf } from '../../dates';
import { PAYMENT_METHODS } from '../db/schema';
import { currentCollection, type CurrentFigures } from '../arrears/collection';
import type { AdvancePosting, AdvanceRoll } from '../../domain/advance';
import { advanceRolls, dayLines, sumDayLines, type DayLine } from '../../domain/report';

export interface MonthFigures {
	from: string;
	to: string;
	/** Methods that occur in the range, in the usual order (the table's columns). */
	methods: string[];
	days: DayLine[];
	total: Omit<DayLine, 'date'>;
	/** 应收 / 实收 / 欠收 of the bills of fromMonth…toMonth, collected by `until`. */
	billing: CurrentFigures & {
		fromMonth: string;
		toMonth: string;
		until: string;
		/** 欠收 = 应收 − 实收. */
		owedFen: number;
	};
	/** 预收 per calendar month of the range and in total. */
	advance: { months: (AdvanceRoll & { month: string })[]; total: AdvanceRoll };
}

function advance(db: Db, communityId: number, from: string, to: string) {
	const fromMonth = monthOf(from);
	const toMonth = monthOf(to);
	const last = q.lastPostedMonth.one(db, communityId).month ?? toMonth;
	const months: string[] = [];
	for (let m = fromMonth; m <= last; m = addMonths(m, 1)) months.push(m);
	const postings: AdvancePosting[] = [
		...q.postingsBefore.all(db, communityId, JSON.stringify(months), `${fromMonth}-01`),
		...q.postingsAheadIn.all(db, communityId, `${fromMonth}-01`, to),
		...q.postingsVoidedBy.all(db, communityId, to, fromMonth)
	];
	return advanceRolls(postings, fromMonth, toMonth);
}

/** The month report's own figures for `from`…`to` (checked by parsePeriod). */
export function monthFigures(db: Db, communityId: number, from: string, to: string): MonthFigures {
	const days = dayLines(
		from,
		to,
		q.receivedByDayMethod.all(db, communityId, from, to),
		q.voidedByDayMethod.all(db, communityId, from, to)
	);
	const total = sumDayLines(days);
	const seen = new Set(days.flatMap((d) => Object.keys(d.byMethod)));
	const methods = [
		...PAYMENT_METHODS.filter((m) => seen.has(m)),
		...[...seen].filter((m) => !(PAYMENT_METHODS as readonly string[]).includes(m)).sort()
	];
	const fromMonth = monthOf(from);
	const toMonth = monthOf(to);
	const c = currentCollection(db, communityId, { fromMonth, toMonth, until: to });
	return {
		from,
		to,
		methods,
		days,
		total,
		billing: { ...c, fromMonth, toMonth, until: to, owedFen: c.dueFen - c.collectedFen },
		advance: advance(db, communityId, from, to)
	};
}
