/**
 * The head-office dashboard (issue 22) and the company month report: every community side by
 * side, each figure from the module that owns it — the daily report's collections and voids, the
 * arrears register's ages, the collection rate of arrears/collection.ts, the tickets' time limits,
 * the waiver summary and the renovation deposits held. Nothing is counted here a second time; this
 * only lines them up. The dashboard is the month in progress; a past month is read as it stood at
 * its end (every reader here takes a date or instant), so its report never changes.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { communities } from '../db/schema';
import { getCommunity, communityToday, type Community } from '../community';
import { nowMs } from '../clock';
import { collectionsByDay } from '../reports/daily';
import { voidsInPeriod } from '../reports/sql';
import { currentCollection, periodAsOf } from '../arrears/collection';
import { arrearsTotals } from '../arrears/register';
import { openTicketAlertsAsOf } from '../tickets/report';
import { waiverSummary } from '../waivers/summary';
import { depositsHeld } from '../renovation/report';
import { AGE_BUCKETS, emptyBuckets, rateBp, type BucketAmounts } from '../../domain/arrears';
import type { TicketKind } from '../../domain/tickets';
import { addDays, lastDayOfMonth, localToEpochMs, monthOf } from '../../dates';

const COMPLAINTS: readonly TicketKind[] = ['service_complaint', 'developer_complaint'];

/** Where a centre's figures of `month` stand: its first day, the last day counted and that instant. */
export interface MonthAsOf {
	month: string;
	from: string;
	/** Today in the month in progress, else the month's last day. */
	to: string;
	/** `now` in the month in progress, else the month's end (midnight after its last day). */
	toMs: number;
	/** The month is in progress at the centre (its own date: centres may lie in other zones). */
	current: boolean;
}

export function monthAsOf(c: Community, month: string, now: number): MonthAsOf {
	const today = communityToday(c, new Date(now));
	const last = lastDayOfMonth(month);
	if (last < today)
		return {
			month,
			from: `${month}-01`,
			to: last,
			toMs: localToEpochMs(addDays(last, 1), '00:00', c.timeZone),
			current: false
		};
	return { month, from: `${month}-01`, to: today, toMs: now, current: true };
}

export interface CentreFigures {
	communityId: number;
	code: string;
	name: string;
	centreName: string;
	/** The date the figures stand at: the centre's today, or a past month's last day. */
	asOf: string;
	/** Collected today (net of today's voids); null for a past month. */
	todayFen: number | null;
	/** Collected in the month (so far), net of the voids dated in it. */
	monthFen: number;
	/** 当期: the month's bills, due and collected by `asOf`, and the rate (basis points; null: nothing due). */
	dueFen: number;
	collectedFen: number;
	rateBp: number | null;
	arrearsUnits: number;
	arrearsFen: number;
	arrearsByAge: BucketAmounts;
	ticketsOpen: number;
	ticketsOverdue: number;
	complaintsOverdue: number;
	waiversApproved: number;
	waivedFen: number;
	voids: number;
	voidedFen: number;
	depositsHeldFen: number;
}

export type CompanyTotals = Omit<
	CentreFigures,
	'communityId' | 'code' | 'name' | 'centreName' | 'asOf'
>;

export interface CompanyDashboard {
	generatedAt: number;
	/** The month shown (the viewer's month in progress unless asked for another). */
	month: string;
	centres: CentreFigures[];
	total: CompanyTotals;
}

/**
 * One community's figures of `month` (default: its month in progress), as they stood at the
 * month's end for a past month, as of `now` for the month in progress.
 */
export function centreFigures(
	db: Db,
	communityId: number,
	now = nowMs(),
	month?: string
): CentreFigures {
	const c = getCommunity(db, communityId);
	const today = communityToday(c, new Date(now));
	const at = monthAsOf(c, month ?? monthOf(today), now);
	// A month the centre has not reached yet (another zone, just past midnight) has nothing in it.
	const days = at.to < at.from ? [] : collectionsByDay(db, communityId, at.from, at.to);
	const current = currentCollection(db, communityId, periodAsOf(at.month, at.month, at.to));
	// Voids up to the month's end only: a receipt voided next month does not change this month.
	const arrears = arrearsTotals(db, communityId, at.to, today, at.to);
	const open = openTicketAlertsAsOf(db, communityId, at.toMs);
	const overdue = open.filter((t) => t.alert === 'breached');
	const waivers = waiverSummary(db, communityId, at.from, at.to);
	const voids = voidsInPeriod.all(db, communityId, at.from, at.to);
	return {
		communityId,
		code: c.code,
		name: c.name,
		centreName: c.centreName,
		asOf: at.to,
		todayFen: at.current ? (days.at(-1)?.fen ?? 0) : null,
		monthFen: days.reduce((s, d) => s + d.fen, 0),
		dueFen: current.dueFen,
		collectedFen: current.collectedFen,
		rateBp: current.rateBp,
		arrearsUnits: arrears.units,
		arrearsFen: arrears.totalFen,
		arrearsByAge: arrears.buckets,
		ticketsOpen: open.length,
		ticketsOverdue: overdue.length,
		complaintsOverdue: overdue.filter((t) => COMPLAINTS.includes(t.kind)).length,
		waiversApproved: waivers.approved,
		waivedFen: waivers.waivedFen,
		voids: voids.length,
		voidedFen: voids.reduce((s, v) => s + v.totalFen, 0),
		depositsHeldFen: depositsHeld(db, communityId, at.to).totalFen
	};
}

/** The company's sums; its rate is worked out from the summed amounts, not averaged. */
export function companyTotals(centres: readonly CentreFigures[]): CompanyTotals {
	const sum = (f: (c: CentreFigures) => number) => centres.reduce((s, c) => s + f(c), 0);
	const arrearsByAge = emptyBuckets();
	for (const c of centres) for (const b of AGE_BUCKETS) arrearsByAge[b] += c.arrearsByAge[b];
	const dueFen = sum((c) => c.dueFen);
	const collectedFen = sum((c) => c.collectedFen);
	// No "today" in a past month: null unless some centre is still in the month.
	const today = centres.filter((c) => c.todayFen !== null);
	return {
		todayFen: today.length ? today.reduce((s, c) => s + (c.todayFen ?? 0), 0) : null,
		monthFen: sum((c) => c.monthFen),
		dueFen,
		collectedFen,
		rateBp: rateBp(collectedFen, dueFen),
		arrearsUnits: sum((c) => c.arrearsUnits),
		arrearsFen: sum((c) => c.arrearsFen),
		arrearsByAge,
		ticketsOpen: sum((c) => c.ticketsOpen),
		ticketsOverdue: sum((c) => c.ticketsOverdue),
		complaintsOverdue: sum((c) => c.complaintsOverdue),
		waiversApproved: sum((c) => c.waiversApproved),
		waivedFen: sum((c) => c.waivedFen),
		voids: sum((c) => c.voids),
		voidedFen: sum((c) => c.voidedFen),
		depositsHeldFen: sum((c) => c.depositsHeldFen)
	};
}

/**
 * Every community, in the order they were set up, and the company's totals: `month` (default: the
 * month in progress where `viewFrom`, the viewer's community, stands) as each centre had it.
 */
export function companyDashboard(
	db: Db,
	now = nowMs(),
	opts: { month?: string; viewFrom?: number } = {}
): CompanyDashboard {
	const ids = db
		.select({ id: communities.id })
		.from(communities)
		.orderBy(asc(communities.id))
		.all();
	const month =
		opts.month ??
		monthOf(communityToday(getCommunity(db, opts.viewFrom ?? ids[0]?.id ?? 1), new Date(now)));
	const centres = ids.map((r) => centreFigures(db, r.id, now, opts.month));
	return { generatedAt: now, month, centres, total: companyTotals(centres) };
}
