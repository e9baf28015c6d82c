import { asc, desc, gte, isNull, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { closingState } from '../domain/desk-registers';
import { staffUsers } from './db/schema';

/** Which entries a register list shows: open ones (the late ones too), only the late, closed, all. */
export type RegisterShow = 'open' | 'overdue' | 'closed' | 'all';

export interface RegisterListSpec {
	show: RegisterShow;
	/** The id of the event that closes an entry (left-joined): none yet means open. */
	closedId: AnyColumn;
	/** When an open entry is late; built only for the overdue view. */
	late: () => SQL;
	/** Open views put the most urgent first, the rest the newest first; the id breaks ties. */
	sort: { urgent: AnyColumn; newest: AnyColumn; id: AnyColumn };
	/** Taken in [fromMs, toMs) on this column, where the list is dated. */
	period?: { column: AnyColumn; fromMs?: number | null; toMs?: number | null };
}

/**
 * The filter and order the front-desk registers share (errands, appointments, parcels, visitors,
 * deposits, releases): one event closes an entry for good, so its view is a matter of that row.
 */
export function registerList(s: RegisterListSpec): { where: SQL[]; orderBy: SQL[] } {
	const open = s.show === 'open' || s.show === 'overdue';
	const where: SQL[] = [];
	if (open) where.push(isNull(s.closedId));
	if (s.show === 'overdue') where.push(s.late());
	if (s.show === 'closed') where.push(sql`${s.closedId} IS NOT NULL`);
	if (s.period?.fromMs != null) where.push(gte(s.period.column, s.period.fromMs));
	if (s.period?.toMs != null) where.push(lt(s.period.column, s.period.toMs));
	const { urgent, newest, id } = s.sort;
	return { where, orderBy: open ? [asc(urgent), asc(id)] : [desc(newest), desc(id)] };
}

/** Who took an entry and who closed it, as a register list joins them (the staff table twice). */
export const taker = alias(staffUsers, 'taker');
export const closer = alias(staffUsers, 'closer');

/** A listed entry's life: taken by whom and when, its state, and who closed it when, with a note. */
export interface ClosableEntry<S extends string> {
	takenBy: string;
	takenMs: number;
	state: S;
	overdue: boolean;
	closedBy: string | null;
	closedMs: number | null;
	note: string;
}

/** A listed row left-joined to its one closing event (nulls while the entry is open). */
interface ClosableRow {
	outcome: string | null;
	closedMs: number | null;
	note: string | null;
}

/**
 * Listed rows as the register shows them (errands, appointments): state and lateness off the
 * closing event, due by `dueMs` of the row; the closing note '' while open.
 */
export function withClosingState<R extends ClosableRow>(
	rows: R[],
	dueMs: (r: R) => number,
	nowMs: number
) {
	return rows.map((row) => {
		const { outcome, ...r } = row;
		type Outcome = NonNullable<R['outcome']>;
		const closing = closingState(outcome as Outcome | null, r.closedMs, dueMs(row), nowMs);
		return { ...r, ...closing, note: r.note ?? '' };
	});
}
