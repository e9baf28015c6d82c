import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers, ticketEvents, ticketPhotos, tickets, units } from '../db/schema';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import {
	deadlines,
	nextDeadline,
	openAlert,
	type Deadline,
	type DeadlineState
} from '../../domain/sla';
import {
	allowedActions,
	fold,
	TICKET_STATES,
	type Department,
	type TicketAction,
	type TicketFacts,
	type TicketKind,
	type TicketState
} from '../../domain/tickets';
import {
	findTicketRow,
	loadEvents,
	toEvent,
	type LoggedEvent,
	type TicketActor,
	type TicketRow
} from './model';
import { ticketPhotoDir } from './photos';
import { readPhotoFile } from '../uploads/photos';

export interface TicketSummary {
	id: number;
	ticketNo: string;
	kind: TicketKind;
	source: TicketRow['source'];
	state: TicketState;
	urgency: TicketRow['urgency'];
	unitCode: string;
	location: string;
	reporterName: string;
	reporterPhone: string;
	text: string;
	department: Department | null;
	assignee: string | null;
	receivedAt: number;
	recordedAt: number;
	recordedLate: boolean;
	closedAt: number | null;
	deadlines: Deadline[];
	/** Worst state of the limits still open. */
	alert: DeadlineState;
	/** The open limit due first. */
	next: Deadline | null;
}

function summarise(
	row: TicketRow & { unitCode: string | null },
	events: LoggedEvent[],
	timeZone: string,
	settings: ReturnType<typeof getCommunity>['settings']['tickets'],
	now: number
): TicketSummary {
	const list = deadlines(
		{
			kind: row.kind,
			receivedAt: row.receivedAt,
			recordedAt: row.recordedAt,
			closedAt: row.closedAt
		},
		events,
		settings,
		timeZone,
		now
	);
	return {
		id: row.id,
		ticketNo: row.ticketNo,
		kind: row.kind,
		source: row.source,
		state: row.state,
		urgency: row.urgency,
		unitCode: row.unitCode ?? '',
		location: row.location,
		reporterName: row.reporterName,
		reporterPhone: row.reporterPhone,
		text: row.text,
		department: row.department,
		assignee: row.assignee,
		receivedAt: row.receivedAt,
		recordedAt: row.recordedAt,
		recordedLate: row.recordedLate,
		closedAt: row.closedAt,
		deadlines: list,
		alert: openAlert(list),
		next: nextDeadline(list)
	};
}

const ROW = { ticket: tickets, unitCode: units.code };

/** Rows read with ROW as summaries as of `now`, their logs read in one go. */
function summariseRows(
	db: Db,
	c: ReturnType<typeof getCommunity>,
	rows: { ticket: TicketRow; unitCode: string | null }[],
	now: number
): TicketSummary[] {
	const events = eventsByTicket(
		db,
		rows.map((r) => r.ticket.id)
	);
	return rows.map((r) =>
		summarise(
			{ ...r.ticket, unitCode: r.unitCode },
			events.get(r.ticket.id) ?? [],
			c.timeZone,
			c.settings.tickets,
			now
		)
	);
}

export const AGE_FILTERS = ['1d', '3d', '7d', '30d'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
const AGE_MS: Record<AgeFilter, number> = {
	'1d': 86_400_000,
	'3d': 3 * 86_400_000,
	'7d': 7 * 86_400_000,
	'30d': 30 * 86_400_000
};

export const ALERT_FILTERS = ['attention', 'breached'] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

export interface BoardFilter {
	/** A state, or (default) every open state; 'closed' lists the most recently closed. */
	state?: TicketState | null;
	kind?: TicketKind | null;
	department?: Department | null;
	/** Received longer ago than this. */
	age?: AgeFilter | null;
	/** 'attention': breached or due within the hour; 'breached': past a limit. */
	alert?: AlertFilter | null;
}

export const CLOSED_LIST_LIMIT = 200;

/** The board lists tickets in the order of their states' life. */
const STATE_ORDER: readonly TicketState[] = TICKET_STATES;
const ALERT_RANK: Record<DeadlineState, number> = { breached: 0, due_soon: 1, ok: 2 };

/**
 * The desk board: tickets with their time limits, most pressing first (broken limits, then those
 * due within the hour, then by state and age). Filters as on the board and the CSV export.
 */
export function listBoard(
	db: Db,
	communityId: number,
	filter: BoardFilter = {},
	now = nowMs()
): TicketSummary[] {
	const c = getCommunity(db, communityId);
	const conds = [eq(tickets.communityId, communityId)];
	if (filter.state) conds.push(eq(tickets.state, filter.state));
	else conds.push(ne(tickets.state, 'closed'));
	if (filter.kind) conds.push(eq(tickets.kind, filter.kind));
	if (filter.department) conds.push(eq(tickets.department, filter.department));
	let q = db
		.select(ROW)
		.from(tickets)
		.leftJoin(units, eq(units.id, tickets.unitId))
		.where(and(...conds))
		.orderBy(desc(tickets.closedAt), asc(tickets.receivedAt))
		.$dynamic();
	if (filter.state === 'closed') q = q.limit(CLOSED_LIST_LIMIT);
	let rows = q.all();
	if (filter.age) rows = rows.filter((r) => now - r.ticket.receivedAt > AGE_MS[filter.age!]);
	let list = summariseRows(db, c, rows, now);
	if (filter.alert === 'breached') list = list.filter((t) => t.alert === 'breached');
	if (filter.alert === 'attention') list = list.filter((t) => t.alert !== 'ok');
	if (filter.state === 'closed') return list;
	return list.sort(
		(a, b) =>
			ALERT_RANK[a.alert] - ALERT_RANK[b.alert] ||
			(a.next?.dueAt ?? Infinity) - (b.next?.dueAt ?? Infinity) ||
			STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
			a.receivedAt - b.receivedAt
	);
}

function eventsByTicket(db: Db, ids: number[]): Map<number, LoggedEvent[]> {
	const out = new Map<number, LoggedEvent[]>();
	// SQLite limits bound parameters; chunk generously below it.
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		for (const r of db
			.select()
			.from(ticketEvents)
			.where(inArray(ticketEvents.ticketId, chunk))
			.orderBy(asc(ticketEvents.id))
			.all()) {
			const list = out.get(r.ticketId) ?? [];
			list.push(toEvent(r));
			out.set(r.ticketId, list);
		}
	}
	return out;
}

/** Counts for the counter home and the board header: open tickets, past a limit, due within the hour. */
export function ticketAlertCounts(
	db: Db,
	communityId: number,
	now = nowMs()
): {
	open: number;
	breached: number;
	dueSoon: number;
	byState: Partial<Record<TicketState, number>>;
} {
	const list = listBoard(db, communityId, {}, now);
	const byState: Partial<Record<TicketState, number>> = {};
	for (const t of list) byState[t.state] = (byState[t.state] ?? 0) + 1;
	return {
		open: list.length,
		breached: list.filter((t) => t.alert === 'breached').length,
		dueSoon: list.filter((t) => t.alert === 'due_soon').length,
		byState
	};
}

export interface TicketDetail extends TicketSummary {
	facts: TicketFacts;
	events: LoggedEvent[];
	actions: TicketAction[];
	photos: { id: number; mime: string; size: number }[];
	createdByName: string | null;
}

/** A ticket with its full timeline and the actions its state allows for this actor. */
export function getTicketDetail(
	db: Db,
	communityId: number,
	ticketNo: string,
	actor: TicketActor,
	now = nowMs()
): TicketDetail | null {
	const row = findTicketRow(db, communityId, ticketNo);
	if (!row) return null;
	if (actor.kind === 'resident' && row.unitId !== actor.unitId) return null;
	const c = getCommunity(db, communityId);
	const events = loadEvents(db, row.id);
	const unitCode =
		row.unitId === null
			? null
			: (db.select({ code: units.code }).from(units).where(eq(units.id, row.unitId)).get()?.code ??
				null);
	const facts = fold(row.kind, events);
	const creator =
		row.createdBy === null
			? null
			: db
					.select({ name: staffUsers.displayName, workNo: staffUsers.workNo })
					.from(staffUsers)
					.where(eq(staffUsers.id, row.createdBy))
					.get();
	return {
		...summarise({ ...row, unitCode }, events, c.timeZone, c.settings.tickets, now),
		facts,
		events,
		// A resident may only rate the return visit of their own finished work.
		actions:
			actor.kind === 'staff'
				? allowedActions(facts, { manager: actor.manager })
				: allowedActions(facts, { manager: false }).filter((a) => a === 'return_visit'),
		photos: db
			.select({ id: ticketPhotos.id, mime: ticketPhotos.mime, size: ticketPhotos.size })
			.from(ticketPhotos)
			.where(eq(ticketPhotos.ticketId, row.id))
			.orderBy(asc(ticketPhotos.id))
			.all(),
		createdByName: creator ? `${creator.name} ${creator.workNo}` : null
	};
}

/** A resident's own tickets, newest first (for the kiosk, issue 08). */
export function listUnitTickets(
	db: Db,
	communityId: number,
	unitId: number,
	now = nowMs()
): TicketSummary[] {
	const c = getCommunity(db, communityId);
	const rows = db
		.select(ROW)
		.from(tickets)
		.leftJoin(units, eq(units.id, tickets.unitId))
		.where(and(eq(tickets.communityId, communityId), eq(tickets.unitId, unitId)))
		.orderBy(desc(tickets.receivedAt))
		.limit(50)
		.all();
	return summariseRows(db, c, rows, now);
}

/** A photo's bytes, for staff of the ticket's community only (the route checks the sign-in). */
export function readTicketPhoto(
	db: Db,
	communityId: number,
	ticketNo: string,
	photoId: number,
	dir = ticketPhotoDir()
): { bytes: Buffer; mime: string } | null {
	const row = findTicketRow(db, communityId, ticketNo);
	if (!row) return null;
	const photo = db
		.select()
		.from(ticketPhotos)
		.where(and(eq(ticketPhotos.id, photoId), eq(ticketPhotos.ticketId, row.id)))
		.get();
	if (!photo) return null;
	const bytes = readPhotoFile(photo.fileName, dir);
	return bytes ? { bytes, mime: photo.mime } : null;
}
