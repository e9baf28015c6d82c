/**
 * Ticket figures of a past (or the current) period, for the daily report (DOMAIN.md §9). A
 * ticket's row holds its state *now*: a ticket closed on 11-28 and reopened on 12-02 has no
 * `closed_at` any more. So whether a ticket was open at an instant is worked out from its event
 * log as of that instant (events with `at` ≤ the instant), never from the row: a later reopen,
 * close or kind edit does not change a day that has passed.
 *
 * No $lib imports: `npm run bench` loads the daily report through plain node.
 */
import { and, asc, countDistinct, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { Db } from '../db';
import { ticketEvents, tickets } from '../db/schema';
import { getCommunity, type Community } from '../community';
import {
	deadlines,
	LIMITS,
	openAlert,
	type Deadline,
	type DeadlineState,
	type Limit
} from '../../domain/sla';
import {
	emptyFacts,
	step,
	type TicketEvent,
	type TicketFacts,
	type TicketKind
} from '../../domain/tickets';
import { limitBreaches, type LimitBreaches } from '../../domain/report';
import { toEvent, type LoggedEvent } from './model';

export interface TicketPeriodFigures {
	opened: number;
	dispatched: number;
	closed: number;
	openAtEnd: number;
	limits: LimitBreaches<Limit>[];
}

/** A ticket as it stood at an instant: its kind then, and when it was closed if it was. */
export interface TicketAsOf {
	id: number;
	kind: TicketKind;
	receivedAt: number;
	recordedAt: number;
	/** The close in force at the instant (null: open then). */
	closedAt: number | null;
	events: LoggedEvent[];
}

// Prepared once per connection: the daily report reads these.
const candidatesQuery = prepared((db) =>
	db
		.select({
			id: tickets.id,
			kind: tickets.kind,
			receivedAt: tickets.receivedAt,
			recordedAt: tickets.recordedAt
		})
		.from(tickets)
		.where(
			and(
				eq(tickets.communityId, sql.placeholder('communityId')),
				lt(tickets.receivedAt, sql.placeholder('asOfMs')),
				or(isNull(tickets.closedAt), gte(tickets.closedAt, sql.placeholder('sinceMs')))
			)
		)
		.prepare()
);
const eventCountQuery = prepared((db) =>
	db
		.select({ n: countDistinct(ticketEvents.ticketId) })
		.from(ticketEvents)
		.where(
			and(
				eq(ticketEvents.communityId, sql.placeholder('communityId')),
				eq(ticketEvents.type, sql.placeholder('type')),
				gte(ticketEvents.at, sql.placeholder('startMs')),
				lt(ticketEvents.at, sql.placeholder('asOfMs'))
			)
		)
		.prepare()
);

/**
 * Tickets received before `asOfMs` that were not closed for good before `sinceMs`, each as it
 * stood at `asOfMs`. The SQL only narrows the candidates (`closed_at` is the latest close, so a
 * ticket whose latest close is before `sinceMs` was closed throughout); the log decides.
 */
export function ticketsAsOf(
	db: Db,
	communityId: number,
	sinceMs: number,
	asOfMs: number
): TicketAsOf[] {
	const rows = candidatesQuery(db).all({ communityId, asOfMs, sinceMs });
	const events = new Map<number, LoggedEvent[]>();
	const ids = rows.map((r) => r.id);
	// SQLite limits bound parameters: chunk the ids.
	for (let i = 0; i < ids.length; i += 500) {
		const found = db
			.select()
			.from(ticketEvents)
			.where(inArray(ticketEvents.ticketId, ids.slice(i, i + 500)))
			.orderBy(asc(ticketEvents.id))
			.all();
		for (const r of found) {
			const list = events.get(r.ticketId) ?? [];
			list.push(toEvent(r));
			events.set(r.ticketId, list);
		}
	}
	return rows
		.map((t) => {
			const full = events.get(t.id) ?? [];
			const log = full.filter((e) => e.at <= asOfMs);
			// The row's kind is the kind now; the first kind edit of the whole log knows the original.
			const edit = full.find((e) => e.type === 'edited' && e.data.field === 'kind');
			const original = edit?.type === 'edited' ? (edit.data.old as TicketKind) : t.kind;
			const facts = foldAsOf(original, log);
			return {
				id: t.id,
				kind: facts.kind,
				receivedAt: t.receivedAt,
				recordedAt: t.recordedAt,
				closedAt: facts.closedAt,
				events: log
			};
		})
		.filter((t) => t.closedAt === null || t.closedAt >= sinceMs);
}

/**
 * The facts of a log cut at an instant. Every event was checked against the whole log in the
 * order recorded; an event dated back before an earlier-recorded one (a late paper entry) can
 * make the cut log skip a step, so an event that does not apply is passed over instead of
 * throwing: a report must always print.
 */
function foldAsOf(original: TicketKind, log: readonly TicketEvent[]): TicketFacts {
	let f = emptyFacts(original);
	for (const e of log) {
		const r = step(f, e);
		if (r.ok) f = r.facts;
	}
	return f;
}

/** A ticket's time limits as they stood at `asOfMs`. */
function limitsAsOf(t: TicketAsOf, c: Community, asOfMs: number): Deadline[] {
	const list = deadlines(
		{ kind: t.kind, receivedAt: t.receivedAt, recordedAt: t.recordedAt, closedAt: t.closedAt },
		t.events,
		c.settings.tickets,
		c.timeZone,
		asOfMs
	);
	// Closing ends whatever was still awaited (late if its limit had passed): not overdue afterwards.
	return t.closedAt === null
		? list
		: list.map((d) => (d.metAt === null ? { ...d, metAt: t.closedAt } : d));
}

/**
 * The tickets open at `asOfMs`, each with the board's alert as it stood then (a past month's
 * overdue tickets stay what they were at its end, whatever was done since).
 */
export function openTicketAlertsAsOf(
	db: Db,
	communityId: number,
	asOfMs: number
): { kind: TicketKind; alert: DeadlineState }[] {
	const c = getCommunity(db, communityId);
	return ticketsAsOf(db, communityId, asOfMs, asOfMs)
		.filter((t) => t.closedAt === null)
		.map((t) => ({ kind: t.kind, alert: openAlert(limitsAsOf(t, c, asOfMs)) }));
}

/** Opened, dispatched and closed in [startMs, asOfMs), open at asOfMs, and the time limits. */
export function ticketPeriodFigures(
	db: Db,
	communityId: number,
	startMs: number,
	asOfMs: number
): TicketPeriodFigures {
	const count = (type: string) =>
		eventCountQuery(db).get({ communityId, type, startMs, asOfMs })?.n ?? 0;
	const c = getCommunity(db, communityId);
	const open = ticketsAsOf(db, communityId, startMs, asOfMs);
	const all = open.flatMap((t) => limitsAsOf(t, c, asOfMs));
	return {
		opened: count('created'),
		dispatched: count('dispatched'),
		closed: count('closed'),
		openAtEnd: open.filter((t) => t.closedAt === null).length,
		limits: limitBreaches(all, startMs, asOfMs, LIMITS)
	};
}

/** When each ticket open at `asOfMs` was received (for the age chart). */
export function openReceivedAt(db: Db, communityId: number, asOfMs: number): number[] {
	return ticketsAsOf(db, communityId, asOfMs, asOfMs)
		.filter((t) => t.closedAt === null)
		.map((t) => t.receivedAt);
}
