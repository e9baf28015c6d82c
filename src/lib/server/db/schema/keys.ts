import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, ID_TYPES, serialId, communityRef } from './core';
import {
	CONSENT_ANSWERS,
	CONSENT_BASES,
	DEPOSIT_CONSENT_METHODS,
	KEY_DISPOSITIONS,
	KEY_KINDS,
	LOAN_PURPOSES
} from '../../../domain/keys';

/*
 * Key register and lending log (钥匙借用册). The key row is mutable for slot, description and
 * disposition (every change audited); loans and returns are insert-only (triggers in
 * append-only.ts), and a key's "lent" state is derived from them: a loan with no return row.
 */

/** A key in the cabinet (资料室): a unit's spare key deposited by its owner, or a common area's. */
export const keys = sqliteTable(
	'keys',
	{
		id: serialId(),
		communityId: communityRef(),
		/** Tag number on the key ring, unique per community (stored trimmed, upper case). */
		tagNo: text('tag_no').notNull(),
		kind: text('kind', { enum: KEY_KINDS }).notNull(),
		/** The unit a `unit` key opens; null for common areas. */
		unitId: integer('unit_id').references(() => units.id),
		/** What it opens: the common area (天台, 配电房…) or, for a unit key, which door (入户门, 信箱…). */
		description: text('description').notNull().default(''),
		/** Cabinet slot in the records room (资料室). */
		slot: text('slot').notNull(),
		/** Owner's written/phone… consent to deposit a unit key: date (YYYY-MM-DD) and how it was given. */
		depositConsentDate: text('deposit_consent_date'),
		depositConsentMethod: text('deposit_consent_method', { enum: DEPOSIT_CONSENT_METHODS }),
		/** active (in the cabinet or lent, see loans), lost, or handed back to its owner for good. */
		disposition: text('disposition', { enum: KEY_DISPOSITIONS }).notNull().default('active'),
		note: text('note').notNull().default(''),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('keys_community_tag').on(t.communityId, t.tagNo),
		index('keys_unit').on(t.unitId)
	]
);

/** One lending at the counter. Insert-only; it is open until a `key_returns` row points at it. */
export const keyLoans = sqliteTable(
	'key_loans',
	{
		id: serialId(),
		communityId: communityRef(),
		keyId: integer('key_id')
			.notNull()
			.references(() => keys.id),
		lentAt: integer('lent_at').notNull(),
		lentBy: integer('lent_by')
			.notNull()
			.references(() => staffUsers.id),
		/** The slot the key was taken from (the register's slot may change later). */
		slot: text('slot').notNull(),
		borrowerName: text('borrower_name').notNull(),
		borrowerIdType: text('borrower_id_type', { enum: ID_TYPES }).notNull(),
		borrowerIdNumber: text('borrower_id_number').notNull(),
		borrowerPhone: text('borrower_phone').notNull(),
		borrowerCompany: text('borrower_company').notNull().default(''),
		borrowerRelation: text('borrower_relation').notNull().default(''),
		purpose: text('purpose', { enum: LOAN_PURPOSES }).notNull(),
		purposeNote: text('purpose_note').notNull().default(''),
		/** Why lending was allowed: the owner agreed by phone, or the borrower is the owner / authorised, or a common key. */
		consentBasis: text('consent_basis', { enum: CONSENT_BASES }).notNull(),
		consentPhone: text('consent_phone'),
		consentAt: integer('consent_at'),
		consentBy: integer('consent_by').references(() => staffUsers.id),
		consentAnswer: text('consent_answer', { enum: CONSENT_ANSWERS }),
		/** A staff member who goes along, and/or an ID document held as collateral (at least one). */
		escortStaffId: integer('escort_staff_id').references(() => staffUsers.id),
		collateralIdType: text('collateral_id_type', { enum: ID_TYPES }),
		collateralIdNumber: text('collateral_id_number'),
		expectedReturnAt: integer('expected_return_at').notNull(),
		/** Form token: a double submit posts once. */
		idempotencyKey: text('idempotency_key').notNull().unique(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('key_loans_key').on(t.keyId, t.lentAt),
		index('key_loans_community_lent').on(t.communityId, t.lentAt)
	]
);

/** The return of one loan (at most one per loan). Insert-only. */
export const keyReturns = sqliteTable(
	'key_returns',
	{
		id: serialId(),
		communityId: communityRef(),
		loanId: integer('loan_id')
			.notNull()
			.unique()
			.references(() => keyLoans.id),
		keyId: integer('key_id')
			.notNull()
			.references(() => keys.id),
		returnedAt: integer('returned_at').notNull(),
		receivedBy: integer('received_by')
			.notNull()
			.references(() => staffUsers.id),
		/** The borrower lost the key instead of bringing it back (the key is then marked lost). */
		lost: integer('lost', { mode: 'boolean' }).notNull().default(false),
		/** Slot the key was put back in (confirmed at the counter); null when lost. */
		slot: text('slot'),
		/** Whether the collateral ID was handed back; null when none was held. */
		collateralReturned: integer('collateral_returned', { mode: 'boolean' }),
		note: text('note').notNull().default(''),
		recordedBy: integer('recorded_by')
			.notNull()
			.references(() => staffUsers.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('key_returns_key').on(t.keyId),
		index('key_returns_community_returned').on(t.communityId, t.returnedAt)
	]
);
