import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, ID_TYPES, serialId, communityRef, createdByAt } from './core';

/**
 * 访客登记 (issue 21): who was let in, to whom, on whose phone confirmation; insert-only. Leaving
 * is an event (`visitor_exits`), so who let them out and when are kept.
 *
 * The ID number is not stored: only its mask (what every list, CSV, PDF and slip shows) and a
 * slow hash (scrypt, salted per community) of the normalised number, enough to recognise a repeat visitor. A visitor
 * register is read by many and kept long; a full number there is a leak waiting to happen, and
 * nothing the desk does needs it back.
 */
export const visitors = sqliteTable(
	'visitors',
	{
		id: serialId(),
		communityId: communityRef(),
		/** The day's running number printed on the slip (V261207-003). */
		slipNo: text('slip_no').notNull(),
		/** The unguessable part of the slip's QR address (/visitors/out/<token>). */
		token: text('token').notNull(),
		name: text('name').notNull(),
		idType: text('id_type', { enum: ID_TYPES }).notNull(),
		idMasked: text('id_masked').notNull(),
		idHash: text('id_hash').notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		/** The resident visited, as the visitor named them. */
		hostName: text('host_name').notNull(),
		purpose: text('purpose').notNull(),
		partySize: integer('party_size').notNull(),
		/** The resident's confirmation by phone: the number called and who answered (yes, or no entry). */
		confirmPhone: text('confirm_phone').notNull(),
		confirmAnsweredBy: text('confirm_answered_by').notNull(),
		inAt: integer('in_at').notNull(),
		/** The end of the day they came in (the slip's 有效期至). */
		validUntil: integer('valid_until').notNull(),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('visitors_form_key').on(t.communityId, t.formKey),
		uniqueIndex('visitors_slip_no').on(t.communityId, t.slipNo),
		uniqueIndex('visitors_token').on(t.token),
		index('visitors_community_in').on(t.communityId, t.inAt),
		index('visitors_community_id_hash').on(t.communityId, t.idHash)
	]
);

export const visitorExits = sqliteTable(
	'visitor_exits',
	{
		id: serialId(),
		visitorId: integer('visitor_id')
			.notNull()
			.references(() => visitors.id),
		...createdByAt()
	},
	// One leaving per visitor: the database refuses a second even from the gate and the desk at once.
	(t) => [uniqueIndex('visitor_exits_visitor').on(t.visitorId)]
);
