import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, serialId, communityRef } from './core';
import {
	TICKET_KINDS,
	TICKET_SOURCES,
	TICKET_URGENCIES,
	TICKET_STATES,
	DEPARTMENTS
} from '../../../domain/tickets';

/*
 * Reports and complaints (报事/投诉). A ticket is a row (its current projection: state, department,
 * flags, for the board's queries) plus an append-only event log that is the record of what
 * happened ("不得漏项、埋单、记录造假"). Nothing here is ever deleted: `ticket_events` refuses UPDATE
 * and DELETE (append-only.ts), `tickets` and `ticket_photos` refuse DELETE (migration triggers).
 */

export const tickets = sqliteTable(
	'tickets',
	{
		id: serialId(),
		communityId: communityRef(),
		/** `BS-YYYY-NNNNNN`, consecutive per community and year (assigned inside the insert transaction). */
		ticketNo: text('ticket_no').notNull(),
		year: integer('year').notNull(),
		seq: integer('seq').notNull(),
		kind: text('kind', { enum: TICKET_KINDS }).notNull(),
		source: text('source', { enum: TICKET_SOURCES }).notNull(),
		/** Null for common areas (then `location` says where). */
		unitId: integer('unit_id').references(() => units.id),
		reporterName: text('reporter_name').notNull(),
		reporterPhone: text('reporter_phone').notNull(),
		location: text('location').notNull().default(''),
		text: text('text').notNull(),
		urgency: text('urgency', { enum: TICKET_URGENCIES }).notNull().default('normal'),
		state: text('state', { enum: TICKET_STATES }).notNull(),
		department: text('department', { enum: DEPARTMENTS }),
		assignee: text('assignee'),
		/** When the resident reported it (editable for calls taken on paper) and when it was typed in. */
		receivedAt: integer('received_at').notNull(),
		recordedAt: integer('recorded_at').notNull(),
		/** Typed in later than settings.tickets.recordWithinMinutes after receipt. */
		recordedLate: integer('recorded_late', { mode: 'boolean' }).notNull().default(false),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdByUnit: integer('created_by_unit').references(() => units.id),
		closedAt: integer('closed_at'),
		updatedAt: integer('updated_at').notNull(),
		/** The intake form's token: a double submit returns the ticket already made. */
		idempotencyKey: text('idempotency_key')
	},
	(t) => [
		uniqueIndex('tickets_community_no').on(t.communityId, t.ticketNo),
		uniqueIndex('tickets_community_year_seq').on(t.communityId, t.year, t.seq),
		index('tickets_community_state').on(t.communityId, t.state),
		index('tickets_unit').on(t.unitId),
		uniqueIndex('tickets_community_idem').on(t.communityId, t.idempotencyKey)
	]
);

/**
 * What happened to a ticket, in order. `at` is when it happened (staff may enter an earlier time,
 * e.g. the supervisor was phoned at 10:05 and it is typed at 10:20); `recordedAt` is when it was
 * typed. `data` holds the event's fields as JSON (validated by domain/tickets.ts).
 */
export const ticketEvents = sqliteTable(
	'ticket_events',
	{
		id: serialId(),
		ticketId: integer('ticket_id')
			.notNull()
			.references(() => tickets.id),
		communityId: communityRef(),
		type: text('type').notNull(),
		at: integer('at').notNull(),
		recordedAt: integer('recorded_at').notNull(),
		actorKind: text('actor_kind', { enum: ['staff', 'resident', 'system'] }).notNull(),
		actorId: integer('actor_id'),
		/** Name and work number as they were when the event was recorded. */
		actorName: text('actor_name').notNull(),
		data: text('data').notNull().default('{}'),
		/** The action form's token: a double submit records the event once. */
		idempotencyKey: text('idempotency_key')
	},
	(t) => [
		index('ticket_events_ticket').on(t.ticketId, t.id),
		index('ticket_events_community_type').on(t.communityId, t.type, t.at),
		uniqueIndex('ticket_events_ticket_idem').on(t.ticketId, t.idempotencyKey)
	]
);

/** Photos sent with a report, stored on disk under data/uploads/tickets/ with a random name. */
export const ticketPhotos = sqliteTable(
	'ticket_photos',
	{
		id: serialId(),
		ticketId: integer('ticket_id')
			.notNull()
			.references(() => tickets.id),
		communityId: communityRef(),
		fileName: text('file_name').notNull().unique(),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('ticket_photos_ticket').on(t.ticketId)]
);
