import { countWhere } from '../db/prepared';
import { and, count, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { closer, registerList, taker, withClosingState } from '../register-list';
import type { ClosableEntry } from '../register-list';
import type { Db } from '../db';
import { errandEvents, errands, units } from '../db/schema';
import { type ErrandKind, type ErrandState } from '../../domain/errands';

export const ERRAND_VIEWS = ['open', 'overdue', 'closed', 'all'] as const;
export type ErrandView = (typeof ERRAND_VIEWS)[number];

export interface ErrandFilter {
	kind?: ErrandKind | null;
	view: ErrandView;
	/** Taken in [fromMs, toMs) (epoch ms), for the closed and all views and the printed log. */
	fromMs?: number | null;
	toMs?: number | null;
}

export interface ErrandRow extends ClosableEntry<ErrandState> {
	id: number;
	kind: ErrandKind;
	unitCode: string | null;
	requester: string;
	phone: string;
	recipient: string;
	content: string;
	dueMs: number;
}

/** The errands of a view, open ones by due time (most urgent first), the rest newest first. */
export function listErrands(
	db: Db,
	communityId: number,
	f: ErrandFilter,
	nowMs: number,
	limit = 500
): ErrandRow[] {
	const list = registerList({
		show: f.view,
		closedId: errandEvents.id,
		late: () => lt(errands.dueAt, nowMs),
		sort: { urgent: errands.dueAt, newest: errands.createdAt, id: errands.id },
		period: { column: errands.createdAt, fromMs: f.fromMs, toMs: f.toMs }
	});
	const parts: (SQL | undefined)[] = [eq(errands.communityId, communityId), ...list.where];
	if (f.kind) parts.push(eq(errands.kind, f.kind));
	const rows = db
		.select({
			id: errands.id,
			kind: errands.kind,
			unitCode: units.code,
			requester: errands.requester,
			phone: errands.phone,
			recipient: errands.recipient,
			content: errands.content,
			dueMs: errands.dueAt,
			takenBy: taker.displayName,
			takenMs: errands.createdAt,
			outcome: errandEvents.outcome,
			closedBy: closer.displayName,
			closedMs: errandEvents.createdAt,
			note: errandEvents.note
		})
		.from(errands)
		.innerJoin(taker, eq(taker.id, errands.createdBy))
		.leftJoin(units, eq(units.id, errands.unitId))
		.leftJoin(errandEvents, eq(errandEvents.errandId, errands.id))
		.leftJoin(closer, eq(closer.id, errandEvents.createdBy))
		.where(and(...parts))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all();
	return withClosingState(rows, (r) => r.dueMs, nowMs);
}

/** What the counter home and the handover show: how many are open, and how many of them are late. */
export function errandCounts(
	db: Db,
	communityId: number,
	nowMs: number
): { open: number; overdue: number } {
	const r = db
		.select({
			open: count(),
			overdue: countWhere(sql`${errands.dueAt} < ${nowMs}`)
		})
		.from(errands)
		.leftJoin(errandEvents, eq(errandEvents.errandId, errands.id))
		.where(and(eq(errands.communityId, communityId), isNull(errandEvents.id)))
		.get();
	return { open: r?.open ?? 0, overdue: Number(r?.overdue ?? 0) };
}
