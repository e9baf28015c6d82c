import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, serialId, communityRef, createdByAt } from './core';
import { AUTH_CHANNELS, PARCEL_ID_TYPES } from '../../../domain/parcels';

/**
 * 快递代收授权 (issue 21, seed 003 四.八): an owner's authorisation for the desk to sign for the
 * unit's parcels, insert-only; withdrawing it is an event (`parcel_authorisation_withdrawals`).
 */
export const parcelAuthorisations = sqliteTable(
	'parcel_authorisations',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		channel: text('channel', { enum: AUTH_CHANNELS }).notNull(),
		/** The day the owner gave it (YYYY-MM-DD, as on the paper or the call). */
		givenOn: text('given_on').notNull(),
		/** Who gave it (the owner's name as stated). */
		givenBy: text('given_by').notNull(),
		/** Besides the owners, who may collect ("王五、赵六"; '' = the owners only). */
		persons: text('persons').notNull().default(''),
		note: text('note').notNull().default(''),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('parcel_authorisations_form_key').on(t.communityId, t.formKey),
		index('parcel_authorisations_unit').on(t.communityId, t.unitId)
	]
);

export const parcelAuthorisationWithdrawals = sqliteTable(
	'parcel_authorisation_withdrawals',
	{
		id: serialId(),
		authorisationId: integer('authorisation_id')
			.notNull()
			.references(() => parcelAuthorisations.id),
		reason: text('reason').notNull().default(''),
		...createdByAt()
	},
	(t) => [uniqueIndex('parcel_authorisation_withdrawals_auth').on(t.authorisationId)]
);

/** A parcel taken in, insert-only; its hand-over is an event (`parcel_handovers`). */
export const parcels = sqliteTable(
	'parcels',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		courier: text('courier').notNull(),
		/** As typed; compared without spaces, upper case (`tracking_key`). */
		trackingNo: text('tracking_no').notNull(),
		trackingKey: text('tracking_key').notNull(),
		recipient: text('recipient').notNull(),
		slot: text('slot').notNull(),
		/** A photo's file name under uploads/parcels, or null. */
		photo: text('photo'),
		/** The authorisation in force when taken in, or null when a phone call confirmed it. */
		authorisationId: integer('authorisation_id').references(() => parcelAuthorisations.id),
		calledPhone: text('called_phone').notNull().default(''),
		calledAt: integer('called_at'),
		answeredBy: text('answered_by').notNull().default(''),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('parcels_form_key').on(t.communityId, t.formKey),
		index('parcels_community_created').on(t.communityId, t.createdAt),
		index('parcels_community_unit').on(t.communityId, t.unitId),
		index('parcels_community_tracking').on(t.communityId, t.trackingKey)
	]
);

export const parcelHandovers = sqliteTable(
	'parcel_handovers',
	{
		id: serialId(),
		parcelId: integer('parcel_id')
			.notNull()
			.references(() => parcels.id),
		collector: text('collector').notNull(),
		idType: text('id_type', { enum: PARCEL_ID_TYPES }).notNull(),
		idLast4: text('id_last4').notNull(),
		/** Who checked the ID and handed it over. */
		...createdByAt()
	},
	// One hand-over per parcel: the database refuses a second even from two counters at once.
	(t) => [uniqueIndex('parcel_handovers_parcel').on(t.parcelId)]
);
