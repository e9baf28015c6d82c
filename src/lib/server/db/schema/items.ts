import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, serialId, communityRef, createdByAt } from './core';

export const CLAIMER_CODES = ['depositor', 'named'] as const;
export const ID_TYPE_CODES = ['id_card', 'passport', 'hk_macau', 'other'] as const;
export const CONSENT_CODES = ['in_person', 'phone', 'written'] as const;

/**
 * 物品寄存 (issue 21): goods left at the desk, insert-only; the claim is an event
 * (`item_claims`), so who handed them over, to whom and when are all kept.
 */
export const itemDeposits = sqliteTable(
	'item_deposits',
	{
		id: serialId(),
		communityId: communityRef(),
		/** 取件单号, e.g. JC20261123-001. */
		claimNo: text('claim_no').notNull(),
		/** The short code printed on the slip (6 digits), unique among goods still kept. */
		claimCode: text('claim_code').notNull(),
		unitId: integer('unit_id').references(() => units.id),
		depositorName: text('depositor_name').notNull(),
		depositorPhone: text('depositor_phone').notNull(),
		items: text('items').notNull(),
		itemCount: integer('item_count').notNull(),
		claimer: text('claimer', { enum: CLAIMER_CODES }).notNull(),
		/** The named person who may claim ('' when only the depositor may). */
		claimerName: text('claimer_name').notNull().default(''),
		claimerPhone: text('claimer_phone').notNull().default(''),
		/** Last day it is to be claimed on (the community's date, YYYY-MM-DD). */
		claimBy: text('claim_by').notNull(),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('item_deposits_claim_no').on(t.communityId, t.claimNo),
		uniqueIndex('item_deposits_form_key').on(t.communityId, t.formKey),
		index('item_deposits_community_created').on(t.communityId, t.createdAt),
		index('item_deposits_community_code').on(t.communityId, t.claimCode)
	]
);

export const itemClaims = sqliteTable(
	'item_claims',
	{
		id: serialId(),
		depositId: integer('deposit_id')
			.notNull()
			.references(() => itemDeposits.id),
		claimantName: text('claimant_name').notNull(),
		idType: text('id_type', { enum: ID_TYPE_CODES }).notNull(),
		idLast4: text('id_last4').notNull(),
		note: text('note').notNull().default(''),
		...createdByAt()
	},
	// Claimed once: the database refuses a second claim even from two counters at once.
	(t) => [uniqueIndex('item_claims_deposit').on(t.depositId)]
);

/** 物品放行 (issue 21): goods allowed out of the estate with the owner's consent, insert-only. */
export const itemReleases = sqliteTable(
	'item_releases',
	{
		id: serialId(),
		communityId: communityRef(),
		/** 放行条号, e.g. FX20261123-001. */
		releaseNo: text('release_no').notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		items: text('items').notNull(),
		itemCount: integer('item_count').notNull(),
		carrierName: text('carrier_name').notNull(),
		carrierPhone: text('carrier_phone').notNull(),
		plate: text('plate').notNull().default(''),
		consent: text('consent', { enum: CONSENT_CODES }).notNull(),
		consentBy: text('consent_by').notNull().default(''),
		consentPhone: text('consent_phone').notNull().default(''),
		consentIdType: text('consent_id_type', { enum: ID_TYPE_CODES }),
		consentIdLast4: text('consent_id_last4').notNull().default(''),
		consentNote: text('consent_note').notNull().default(''),
		/** Last day the slip is good at the gate (the community's date). */
		validUntil: text('valid_until').notNull(),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('item_releases_release_no').on(t.communityId, t.releaseNo),
		uniqueIndex('item_releases_form_key').on(t.communityId, t.formKey),
		index('item_releases_community_created').on(t.communityId, t.createdAt)
	]
);

export const itemReleasePasses = sqliteTable(
	'item_release_passes',
	{
		id: serialId(),
		releaseId: integer('release_id')
			.notNull()
			.references(() => itemReleases.id),
		note: text('note').notNull().default(''),
		...createdByAt()
	},
	// The gate lets the goods out once.
	(t) => [uniqueIndex('item_release_passes_release').on(t.releaseId)]
);
