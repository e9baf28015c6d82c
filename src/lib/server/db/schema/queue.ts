import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffUsers, units, serialId, communityRef } from './core';
import {
	QUEUE_EVENT_TYPES,
	QUEUE_PRIORITIES,
	QUEUE_SERVICES,
	QUEUE_SOURCES
} from '../../../domain/queue';

/*
 * The hall queue (排队叫号). Both tables are insert-only (triggers in append-only.ts): a number's
 * state — waiting, called at which counter by whom, finished, no-show — is the fold of its events,
 * so the day's service times can always be recomputed from the log.
 */

/** A queue number taken at the kiosk, on a phone or by a clerk. */
export const queueTickets = sqliteTable(
	'queue_tickets',
	{
		id: serialId(),
		communityId: communityRef(),
		/** The community's calendar day (YYYY-MM-DD): numbers start again every day. */
		day: text('day').notNull(),
		service: text('service', { enum: QUEUE_SERVICES }).notNull(),
		seq: integer('seq').notNull(),
		/** "A001": the service letter and the day's sequence. */
		queueNo: text('queue_no').notNull(),
		priority: text('priority', { enum: QUEUE_PRIORITIES }).notNull().default('normal'),
		source: text('source', { enum: QUEUE_SOURCES }).notNull(),
		/** The unit, when an identified resident took the number (e.g. "pay at the counter"). */
		unitId: integer('unit_id').references(() => units.id),
		takenAt: integer('taken_at').notNull(),
		/** Form token: a double tap takes one number. */
		idempotencyKey: text('idempotency_key').unique(),
		/** The kiosk or phone session (a random cookie) and the network address it came from: the take limits count per each. */
		device: text('device'),
		address: text('address')
	},
	(t) => [
		uniqueIndex('queue_tickets_day_seq').on(t.communityId, t.day, t.service, t.seq),
		index('queue_tickets_community_day').on(t.communityId, t.day),
		index('queue_tickets_day_device').on(t.communityId, t.day, t.device),
		index('queue_tickets_day_address').on(t.communityId, t.day, t.address)
	]
);

/** Called, recalled, finished, no-show, priority set: who, where (counter) and when. */
export const queueEvents = sqliteTable(
	'queue_events',
	{
		id: serialId(),
		communityId: communityRef(),
		ticketId: integer('ticket_id')
			.notNull()
			.references(() => queueTickets.id),
		type: text('type', { enum: QUEUE_EVENT_TYPES }).notNull(),
		at: integer('at').notNull(),
		/** The counter (窗口) number, e.g. "2". */
		counter: text('counter'),
		staffId: integer('staff_id').references(() => staffUsers.id),
		/** `priority_set`: the priority the counter gave the number (confirmed or demoted). */
		priority: text('priority', { enum: QUEUE_PRIORITIES }),
		/** Form token of the clerk's button: a double press acts once. */
		idempotencyKey: text('idempotency_key').unique()
	},
	(t) => [
		index('queue_events_ticket').on(t.ticketId),
		index('queue_events_community_at').on(t.communityId, t.at)
	]
);
