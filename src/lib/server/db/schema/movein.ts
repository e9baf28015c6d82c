import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { owners, staffUsers, units, OWNER_TYPES, serialId, communityRef } from './core';

/*
 * Move-in (接房), DOMAIN.md §5. A case holds the conditions its checklist is built from (owner
 * type, mortgage, proxy, persons); the checklist itself is derived by the pure builder in
 * `src/lib/domain/movein-checklist.ts`, and what was received is the append-only event list.
 */

export const MOVEIN_STATUSES = ['open', 'completed'] as const;
export type MoveInStatus = (typeof MOVEIN_STATUSES)[number];

export const moveinCases = sqliteTable(
	'movein_cases',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		ownerId: integer('owner_id').references(() => owners.id),
		/** The owner's name when the case was opened (the owner record may change later). */
		ownerName: text('owner_name').notNull(),
		ownerType: text('owner_type', { enum: OWNER_TYPES }).notNull(),
		mortgage: integer('mortgage', { mode: 'boolean' }).notNull(),
		proxy: integer('proxy', { mode: 'boolean' }).notNull(),
		proxyName: text('proxy_name').notNull().default(''),
		proxyIdNumber: text('proxy_id_number').notNull().default(''),
		/** Owner plus household members: one-inch photos are two per person. */
		persons: integer('persons').notNull().default(1),
		/** First property-fee month collected at handover (YYYY-MM) and how many months. */
		feeStartMonth: text('fee_start_month').notNull(),
		feeMonths: integer('fee_months').notNull(),
		status: text('status', { enum: MOVEIN_STATUSES }).notNull().default('open'),
		openedBy: integer('opened_by')
			.notNull()
			.references(() => staffUsers.id),
		openedAt: integer('opened_at').notNull(),
		completedBy: integer('completed_by').references(() => staffUsers.id),
		completedAt: integer('completed_at'),
		/** Key handover at completion (the key register of DOMAIN.md §6 may take these over). */
		keysHandedOver: integer('keys_handed_over'),
		keysHandedBy: integer('keys_handed_by').references(() => staffUsers.id),
		keysHandedAt: integer('keys_handed_at'),
		keysRecipient: text('keys_recipient')
	},
	(t) => [
		// At most one open case per unit: a later visit continues it.
		uniqueIndex('movein_cases_one_open')
			.on(t.unitId)
			.where(sql`status = 'open'`),
		index('movein_cases_community_status').on(t.communityId, t.status),
		index('movein_cases_unit').on(t.unitId)
	]
);

export const MOVEIN_EVENT_KINDS = ['received', 'missing', 'revoked'] as const;
export type MoveInEventKind = (typeof MOVEIN_EVENT_KINDS)[number];

/**
 * What happened to a checklist item, append-only: `received` (ticked), `missing` (a note on what
 * is still lacking), `revoked` (a tick taken back, with a reason). The item's state is the last
 * `received`/`revoked` event.
 */
export const moveinItemEvents = sqliteTable(
	'movein_item_events',
	{
		id: serialId(),
		caseId: integer('case_id')
			.notNull()
			.references(() => moveinCases.id),
		itemCode: text('item_code').notNull(),
		kind: text('kind', { enum: MOVEIN_EVENT_KINDS }).notNull(),
		note: text('note').notNull().default(''),
		actorId: integer('actor_id')
			.notNull()
			.references(() => staffUsers.id),
		at: integer('at').notNull()
	},
	(t) => [index('movein_item_events_case').on(t.caseId, t.id)]
);
