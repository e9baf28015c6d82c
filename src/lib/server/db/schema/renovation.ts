import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { units, staffUsers, serialId, communityRef, createdByAt } from './core';
import { PAYMENT_METHODS } from './ledger';
import { RENOVATION_STATES, PASS_OUTCOMES } from '../../../domain/renovation';

/*
 * Renovation (装修手续), DOMAIN.md §4. The application row holds what was applied for and a
 * copy of the current state (for listing); every state change is an insert-only event. Money
 * taken goes through the shared ledger (payments/payment_lines, ref_type 'renovation' or
 * 'renovation_pass'); money given back or kept is a deposit settlement with its own gap-free
 * voucher number (退款凭证 TK-YYYY-NNNNNN). Events, passes and settlements are insert-only.
 */

export const renovations = sqliteTable(
	'renovations',
	{
		id: serialId(),
		communityId: communityRef(),
		/** Application number printed on the form, e.g. ZX-2026-0007 (per community and year). */
		appNo: text('app_no').notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		/** The owner, or a person the owner designated (with their relation to the owner). */
		applicantKind: text('applicant_kind', { enum: ['owner', 'designee'] }).notNull(),
		applicantName: text('applicant_name').notNull(),
		applicantPhone: text('applicant_phone').notNull(),
		applicantRelation: text('applicant_relation').notNull().default(''),
		/** 自装: the owner does the work; the contractor fields are then empty. */
		selfRenovation: integer('self_renovation', { mode: 'boolean' }).notNull(),
		contractorName: text('contractor_name').notNull().default(''),
		contractorLicence: text('contractor_licence').notNull().default(''),
		contractorPhone: text('contractor_phone').notNull().default(''),
		plannedStart: text('planned_start').notNull(),
		plannedEnd: text('planned_end').notNull(),
		scope: text('scope').notNull(),
		wallDemolition: integer('wall_demolition', { mode: 'boolean' }).notNull(),
		docDesign: integer('doc_design', { mode: 'boolean' }).notNull().default(false),
		docConstruction: integer('doc_construction', { mode: 'boolean' }).notNull().default(false),
		docQualification: integer('doc_qualification', { mode: 'boolean' }).notNull().default(false),
		docLicence: integer('doc_licence', { mode: 'boolean' }).notNull().default(false),
		/** Copy of the latest event's state; changed only together with a new event. */
		state: text('state', { enum: RENOVATION_STATES }).notNull().default('submitted'),
		/** Measured demolished wall area (hundredths of m²) charged at payment; 0 when none. */
		wallAreaCenti: integer('wall_area_centi').notNull().default(0),
		agreementSignedAt: integer('agreement_signed_at'),
		feePaymentId: integer('fee_payment_id'),
		permitNo: text('permit_no'),
		permitFrom: text('permit_from'),
		permitUntil: text('permit_until'),
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('renovations_app_no').on(t.communityId, t.appNo),
		uniqueIndex('renovations_permit_no').on(t.communityId, t.permitNo),
		// One open application per unit: a second one waits until the first is closed or rejected.
		uniqueIndex('renovations_one_open')
			.on(t.unitId)
			.where(sql`state NOT IN ('rejected', 'closed')`),
		index('renovations_community_state').on(t.communityId, t.state)
	]
);

/** Every state change (and document update, permit extension…), who and when. Insert-only. */
export const renovationEvents = sqliteTable(
	'renovation_events',
	{
		id: serialId(),
		communityId: communityRef(),
		renovationId: integer('renovation_id')
			.notNull()
			.references(() => renovations.id),
		action: text('action').notNull(),
		fromState: text('from_state'),
		toState: text('to_state', { enum: RENOVATION_STATES }).notNull(),
		actorId: integer('actor_id')
			.notNull()
			.references(() => staffUsers.id),
		note: text('note').notNull().default(''),
		/** JSON: inspection items to fix, new permit end, receipt number… */
		detail: text('detail').notNull().default('{}'),
		/** Form token: a double submit records once. */
		idempotencyKey: text('idempotency_key').unique(),
		localDate: text('local_date').notNull(),
		at: integer('at').notNull()
	},
	(t) => [
		index('renovation_events_renovation').on(t.renovationId, t.id),
		index('renovation_events_community_date').on(t.communityId, t.localDate)
	]
);

/** A worker pass (施工人员出入证), one per person. Insert-only; its outcome is its settlement. */
export const renovationPasses = sqliteTable(
	'renovation_passes',
	{
		id: serialId(),
		communityId: communityRef(),
		renovationId: integer('renovation_id')
			.notNull()
			.references(() => renovations.id),
		/** Pass number printed on the card, e.g. CR-2026-0012 (per community and year). */
		passNo: text('pass_no').notNull(),
		workerName: text('worker_name').notNull(),
		/** Normalised (no spaces, upper-case X). */
		idNumber: text('id_number').notNull(),
		phone: text('phone').notNull(),
		idCopyOnFile: integer('id_copy_on_file', { mode: 'boolean' }).notNull(),
		photoOnFile: integer('photo_on_file', { mode: 'boolean' }).notNull(),
		expiresOn: text('expires_on').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('renovation_passes_no').on(t.communityId, t.passNo),
		index('renovation_passes_renovation').on(t.renovationId),
		index('renovation_passes_id_number').on(t.communityId, t.idNumber)
	]
);

export const SETTLEMENT_SUBJECTS = ['renovation_deposit', 'pass_deposit'] as const;

/**
 * A deposit settlement (退款凭证): the renovation deposit after a passed inspection, or one
 * pass's deposit. Voucher numbers `TK-YYYY-NNNNNN` are consecutive per community and year.
 */
export const depositSettlements = sqliteTable(
	'deposit_settlements',
	{
		id: serialId(),
		communityId: communityRef(),
		voucherNo: text('voucher_no').notNull().unique(),
		voucherYear: integer('voucher_year').notNull(),
		voucherSeq: integer('voucher_seq').notNull(),
		subject: text('subject', { enum: SETTLEMENT_SUBJECTS }).notNull(),
		renovationId: integer('renovation_id')
			.notNull()
			.references(() => renovations.id),
		passId: integer('pass_id').references(() => renovationPasses.id),
		passOutcome: text('pass_outcome', { enum: PASS_OUTCOMES }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		/** The receipt the deposit was taken on ("凭票据退还"). */
		originalReceiptNo: text('original_receipt_no').notNull(),
		payeeName: text('payee_name').notNull(),
		/** How the refund was paid out; null when nothing is refunded. */
		method: text('method', { enum: PAYMENT_METHODS }),
		methodRef: text('method_ref').notNull().default(''),
		refundFen: integer('refund_fen').notNull(),
		deductedFen: integer('deducted_fen').notNull(),
		staffId: integer('staff_id')
			.notNull()
			.references(() => staffUsers.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('deposit_settlements_seq').on(t.communityId, t.voucherYear, t.voucherSeq),
		// A deposit is settled once: one settlement per renovation deposit, one per pass.
		uniqueIndex('deposit_settlements_once_renovation')
			.on(t.renovationId)
			.where(sql`subject = 'renovation_deposit'`),
		uniqueIndex('deposit_settlements_once_pass')
			.on(t.passId)
			.where(sql`pass_id IS NOT NULL`),
		index('deposit_settlements_community_date').on(t.communityId, t.localDate)
	]
);

/** Lines of a settlement: `refund` (paid back) or `deduction` (kept: damage, a lost pass), insert-only. */
export const depositSettlementLines = sqliteTable(
	'deposit_settlement_lines',
	{
		id: serialId(),
		settlementId: integer('settlement_id')
			.notNull()
			.references(() => depositSettlements.id),
		kind: text('kind', { enum: ['refund', 'deduction'] }).notNull(),
		/** `renovation_deposit` or `pass_deposit`. */
		itemCode: text('item_code').notNull(),
		description: text('description').notNull().default(''),
		amountFen: integer('amount_fen').notNull(),
		/**
		 * A deduction's optional photo (damage evidence), written with the line: the file under
		 * uploads/renovation, its checked type, size and hash. Null when none.
		 */
		photoFileName: text('photo_file_name').unique(),
		photoMime: text('photo_mime'),
		photoSize: integer('photo_size'),
		photoSha256: text('photo_sha256')
	},
	(t) => [index('deposit_settlement_lines_settlement').on(t.settlementId)]
);
