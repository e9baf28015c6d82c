/**
 * The head-office dashboard (issue 22): every community side by side, each figure from the
 * module that owns it — the daily report's collections and voids, the arrears register's ages,
 * the collection rate of arrears/collection.ts, the ticket board's limits, the waiver summary and
 * the renovation deposits held. Nothing is counted here a second time; this only lines them up.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { communities } from '../db/schema';
import { getCommunity, communityToday } from '../community';
import { nowMs } from '../clock';
import { collectionsByDay } from '../reports/daily';
import { voidsInPeriod } from '../reports/sql';
import { currentCollection, periodAsOf } from '../arrears/collection';
import { arrearsRegister } from '../arrears/register';
import { listBoard } from '../tickets/queries';
import { waiverSummary } from '../waivers/summary';
import { depositsHeld } from '../renovation/report';
import { AGE_BUCKETS, emptyBuckets, rateBp, type BucketAmounts } from '../../domain/arrears';
import type { TicketKind } from '../../domain/tickets';

const COMPLAINTS: readonly TicketKind[] = ['service_complaint', 'developer_complaint'];

export interface CentreFigures {
	communityId: number;
	code: string;
	name: string;
	centreName: string;
	/** The community's own date (centres may lie in different zones). */
	today: string;
	todayFen: number;
	monthFen: number;
	/** 当期: this month's bills, due and collected by today, and the rate (basis points; null: nothing due). */
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
	'communityId' | 'code' | 'name' | 'centreName' | 'today'
>;

export interface CompanyDashboard {
	generatedAt: number;
	centres: CentreFigures[];
	total: CompanyTotals;
}

/** One community's figures as of `now` (its today and its month so far). */
export function centreFigures(db: Db, communityId: number, now = nowMs()): CentreFigures {
	const c = getCommunity(db, communityId);
	const today = communityToday(c, new Date(now));
	const month = today.slice(0, 7);
	const monthStart = `${month}-01`;
	const days = collectionsByDay(db, communityId, monthStart, today);
	const current = currentCollection(db, communityId, periodAsOf(month, month, today));
	const arrears = arrearsRegister(db, communityId, today, today).totals;
	const board = listBoard(db, communityId, {}, now);
	const overdue = board.filter((t) => t.alert === 'breached');
	const waivers = waiverSummary(db, communityId, monthStart, today);
	const voids = voidsInPeriod.all(db, communityId, monthStart, today);
	return {
		communityId,
		code: c.code,
		name: c.name,
		centreName: c.centreName,
		today,
		todayFen: days.at(-1)?.fen ?? 0,
		monthFen: days.reduce((s, d) => s + d.fen, 0),
		dueFen: current.dueFen,
		collectedFen: current.collectedFen,
		rateBp: current.rateBp,
		arrearsUnits: arrears.units,
		arrearsFen: arrears.totalFen,
		arrearsByAge: arrears.buckets,
		ticketsOpen: board.length,
		ticketsOverdue: overdue.length,
		complaintsOverdue: overdue.filter((t) => COMPLAINTS.includes(t.kind)).length,
		waiversApproved: waivers.approved,
		waivedFen: waivers.waivedFen,
		voids: voids.length,
		voidedFen: voids.reduce((s, v) => s + v.totalFen, 0),
		depositsHeldFen: depositsHeld(db, communityId, today).totalFen
	};
}

/** The company's sums; its rate is worked out from the summed amounts, not averaged. */
export function companyTotals(centres: readonly CentreFigures[]): CompanyTotals {
	const sum = (f: (c: CentreFigures) => number) => centres.reduce((s, c) => s + f(c), 0);
	const arrearsByAge = emptyBuckets();
	for (const c of centres) for (const b of AGE_BUCKETS) arrearsByAge[b] += c.arrearsByAge[b];
	const dueFen = sum((c) => c.dueFen);
	const collectedFen = sum((c) => c.collectedFen);
	return {
		todayFen: sum((c) => c.todayFen),
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

/** Every community, in the order they were set up, and the company's totals. */
export function companyDashboard(db: Db, now = nowMs()): CompanyDashboard {
	const ids = db
		.select({ id: communities.id })
		.from(communities)
		.orderBy(asc(communities.id))
		.all();
	const centres = ids.map((r) => centreFigures(db, r.id, now));
	return { generatedAt: now, centres, total: companyTotals(centres) };
}
