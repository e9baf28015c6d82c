import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { owners, staffUsers, units, serialId, communityRef } from './core';
import { bills } from './ledger';
import { WAIVER_ACTIONS, WAIVER_STATES } from '../../../domain/waiver';

/*
 * Late-fee waiver requests (滞纳金免除申请). The request row carries its current state (pending →
 * approved / rejected / returned, changed once, guarded by `WHERE state = 'pending'`); the bills it
 * covers and every step are insert-only (triggers in append-only.ts). The money itself lives in
 * the ledger: an approval writes `waiver_entries` rows (ledger.ts) pointing back here.
 */

export const waiverRequests = sqliteTable(
	'waiver_requests',
	{
		id: serialId(),
		communityId: communityRef(),
		/** MC-2026-0007: per community and year, printed on the form. */
		requestNo: text('request_no').notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		/** The unit's owner when filed (name kept: the form prints what was true then). */
		ownerId: integer('owner_id').references(() => owners.id),
		ownerName: text('owner_name').notNull().default(''),
		/** Who asks (the owner or a resident of the unit) and a phone to call back. */
		applicantName: text('applicant_name').notNull(),
		applicantPhone: text('applicant_phone').notNull().default(''),
		reason: text('reason').notNull(),
		/** Sum of the late fees asked for (what the bills owed in late fee when filed). */
		requestedFen: integer('requested_fen').notNull(),
		state: text('state', { enum: WAIVER_STATES }).notNull().default('pending'),
		clerkId: integer('clerk_id')
			.notNull()
			.references(() => staffUsers.id),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull(),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		/** Set once, when the state leaves `pending`. */
		decidedBy: integer('decided_by').references(() => staffUsers.id),
		decidedAt: integer('decided_at'),
		decidedLocalDate: text('decided_local_date'),
		decisionNote: text('decision_note'),
		approvedFen: integer('approved_fen').notNull().default(0),
		decisionKey: text('decision_key')
	},
	(t) => [
		uniqueIndex('waiver_requests_no').on(t.communityId, t.requestNo),
		index('waiver_requests_state').on(t.communityId, t.state),
		index('waiver_requests_unit').on(t.unitId),
		index('waiver_requests_date').on(t.communityId, t.localDate)
	]
);

/** The bills a request covers, with their figures when it was filed. Insert-only. */
export const waiverRequestBills = sqliteTable(
	'waiver_request_bills',
	{
		id: serialId(),
		requestId: integer('request_id')
			.notNull()
			.references(() => waiverRequests.id),
		billId: integer('bill_id')
			.notNull()
			.references(() => bills.id),
		month: text('month').notNull(),
		itemNameZh: text('item_name_zh').notNull(),
		dueDate: text('due_date').notNull(),
		principalFen: integer('principal_fen').notNull(),
		/** Day the principal was settled (its last principal payment). */
		principalPaidDate: text('principal_paid_date'),
		/** The bill's whole late fee, and what had been paid of it, when filed. */
		lateFeeFen: integer('late_fee_fen').notNull(),
		lateFeePaidFen: integer('late_fee_paid_fen').notNull().default(0),
		/** What is asked to be waived on this bill (its late fee still owed when filed). */
		requestedFen: integer('requested_fen').notNull(),
		/** Late-fee working when filed, e.g. "逾期26天 × ¥256.80 × 3‰". */
		workingZh: text('working_zh').notNull().default('')
	},
	(t) => [
		uniqueIndex('waiver_request_bills_unique').on(t.requestId, t.billId),
		index('waiver_request_bills_bill').on(t.billId)
	]
);

/** Every step of a request: filed, approved, rejected, returned after a void. Insert-only. */
export const waiverEvents = sqliteTable(
	'waiver_events',
	{
		id: serialId(),
		communityId: communityRef(),
		requestId: integer('request_id')
			.notNull()
			.references(() => waiverRequests.id),
		action: text('action', { enum: ['create', ...WAIVER_ACTIONS] }).notNull(),
		actorId: integer('actor_id').references(() => staffUsers.id),
		note: text('note').notNull().default(''),
		/** JSON: amounts per bill, the voided payment… */
		detail: text('detail').notNull().default('{}'),
		localDate: text('local_date').notNull(),
		at: integer('at').notNull()
	},
	(t) => [
		index('waiver_events_request').on(t.requestId),
		index('waiver_events_date').on(t.communityId, t.localDate)
	]
);
