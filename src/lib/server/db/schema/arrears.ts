import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bills } from './ledger';
import { staffUsers, units, serialId, communityRef } from './core';
import { REMINDER_KINDS, REMINDER_OUTCOMES } from '../../../domain/arrears';

/*
 * Arrears (issue 19). `open_bills` and `principal_postings` are written only by the triggers of
 * migrations 0024 and 0026, in the transaction of the ledger row they follow; no code writes them.
 */

/**
 * Bills that may still owe principal or late fee: an index kept by triggers (a bill leaves it when
 * provably settled; a void or a waiver reversal puts it back). Not insert-only: rows leave it, and its
 * one amount is a copy of the bill's (tests/reliability/append-only.test.ts says so).
 */
export const openBills = sqliteTable(
	'open_bills',
	{
		billId: integer('bill_id')
			.primaryKey()
			.references(() => bills.id),
		communityId: integer('community_id').notNull(),
		dueDate: text('due_date').notNull(),
		unitId: integer('unit_id').notNull(),
		feeItemId: integer('fee_item_id').notNull(),
		month: text('month').notNull(),
		/** A copy of the bill's principal (bills are insert-only, so it never changes). */
		principalFen: integer('principal_fen').notNull(),
		/** Some payment, credit or waiver names the bill; untouched bills owe their whole principal. */
		touched: integer('touched').notNull().default(0),
		/*
		 * The bill's running settlement (migration 0026), the columns of the bill_settlement view:
		 * the line, credit and waiver triggers add to them; a void or a waiver reversal re-derives them.
		 */
		settledFen: integer('settled_fen').notNull().default(0),
		lastDate: text('last_date'),
		lateSettledFen: integer('late_settled_fen').notNull().default(0),
		lastFeeFen: integer('last_fee_fen'),
		lastFeeDate: text('last_fee_date')
	},
	// Covers the register's read: one contiguous range by (community, due date).
	(t) => [
		index('open_bills_range').on(
			t.communityId,
			t.dueDate,
			t.unitId,
			t.feeItemId,
			t.month,
			t.principalFen,
			t.touched
		)
	]
);

/** Each principal payment line and 空置减免 credit with its bill's month and its own date. Insert-only. */
export const principalPostings = sqliteTable(
	'principal_postings',
	{
		id: serialId(),
		communityId: integer('community_id').notNull(),
		billId: integer('bill_id')
			.notNull()
			.references(() => bills.id),
		unitId: integer('unit_id').notNull(),
		feeItemId: integer('fee_item_id').notNull(),
		billMonth: text('bill_month').notNull(),
		postedDate: text('posted_date').notNull(),
		kind: text('kind', { enum: ['payment', 'credit'] }).notNull(),
		amountFen: integer('amount_fen').notNull(),
		/** The payment (null for a credit); a voided payment's postings never count. */
		paymentId: integer('payment_id')
	},
	(t) => [
		index('principal_postings_month').on(
			t.communityId,
			t.billMonth,
			t.postedDate,
			t.unitId,
			t.feeItemId,
			t.kind,
			t.amountFen
		),
		index('principal_postings_date').on(
			t.communityId,
			t.postedDate,
			t.billMonth,
			t.unitId,
			t.feeItemId,
			t.kind,
			t.amountFen
		),
		index('principal_postings_bill').on(t.billId),
		index('principal_postings_payment')
			.on(t.paymentId)
			.where(sql`${t.paymentId} IS NOT NULL`)
	]
);

/** A reminder (催缴): a printed notice, a call or a visit, with its outcome. Insert-only. */
export const arrearsReminders = sqliteTable(
	'arrears_reminders',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		kind: text('kind', { enum: REMINDER_KINDS }).notNull(),
		outcome: text('outcome', { enum: REMINDER_OUTCOMES }).notNull(),
		/** The day the resident promised to pay by (承诺缴费日期), if any. */
		promisedDate: text('promised_date'),
		note: text('note').notNull().default(''),
		/** What the unit owed (principal + late fee) when reminded, and since when, as printed. */
		owingFen: integer('owing_fen').notNull(),
		oldestMonth: text('oldest_month'),
		months: integer('months').notNull(),
		/** The form's one-time key: a double submit records once per unit. */
		formKey: text('form_key').notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('arrears_reminders_form_unit').on(t.formKey, t.unitId),
		index('arrears_reminders_unit').on(t.unitId, t.id),
		index('arrears_reminders_community_date').on(t.communityId, t.localDate)
	]
);
