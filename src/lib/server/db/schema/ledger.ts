import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, serialId, communityRef } from './core';
import { VOID_CATEGORIES } from '../../../domain/voids';

/*
 * The ledger. Every table here is insert-only (triggers in `append-only.ts` refuse UPDATE and
 * DELETE): corrections are new rows that point at what they correct, balances are derived.
 */

export const PAYMENT_METHODS = ['cash', 'cheque', 'card', 'transfer', 'wechat', 'alipay'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const FEE_BASES = ['per_area', 'per_space', 'per_unit', 'fixed'] as const;
/** Which units a recurring item bills: every unit, the units of some buildings, or listed units. */
export const FEE_SCOPES = ['all', 'buildings', 'units'] as const;
export const BILL_SOURCES = ['monthly', 'prepay', 'movein', 'charge', 'opening'] as const;

/**
 * Fee items (收费项目) per community. `basis` says how the monthly amount is computed; `fixed`
 * items are one-off charges raised at the counter (never billed by the monthly run).
 */
export const feeItems = sqliteTable(
	'fee_items',
	{
		id: serialId(),
		communityId: communityRef(),
		code: text('code').notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		basis: text('basis', { enum: FEE_BASES }).notNull(),
		/** Whether the vacancy reduction applies (property fee yes, parking no). */
		vacancyApplies: integer('vacancy_applies', { mode: 'boolean' }).notNull().default(false),
		/** Whether the 3‰ late fee accrues on its bills (copied onto each bill when it is created). */
		lateFeeApplies: integer('late_fee_applies', { mode: 'boolean' }).notNull().default(true),
		appliesTo: text('applies_to', { enum: FEE_SCOPES }).notNull().default('all'),
		sort: integer('sort').notNull().default(0),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('fee_items_community_code').on(t.communityId, t.code)]
);

/** The buildings (`appliesTo` 'buildings') or units ('units') a fee item applies to. Replaced as a set when edited (audited). */
export const feeItemTargets = sqliteTable(
	'fee_item_targets',
	{
		id: serialId(),
		feeItemId: integer('fee_item_id')
			.notNull()
			.references(() => feeItems.id),
		building: text('building'),
		unitId: integer('unit_id').references(() => units.id)
	},
	(t) => [index('fee_item_targets_item').on(t.feeItemId)]
);

/** Rate of a fee item from a month on (fen per m² per month, per space, or per unit). Insert-only. */
export const feeRates = sqliteTable(
	'fee_rates',
	{
		id: serialId(),
		feeItemId: integer('fee_item_id')
			.notNull()
			.references(() => feeItems.id),
		fromMonth: text('from_month').notNull(),
		rateFen: integer('rate_fen').notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('fee_rates_item_month').on(t.feeItemId, t.fromMonth)]
);

/** A bill: one fee item, one unit, one month. Amounts are fixed when it is created. */
export const bills = sqliteTable(
	'bills',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		feeItemId: integer('fee_item_id')
			.notNull()
			.references(() => feeItems.id),
		month: text('month').notNull(),
		dueDate: text('due_date').notNull(),
		/** What is owed: `fullFen` × vacancyPercent / 100, rounded half up. */
		principalFen: integer('principal_fen').notNull(),
		fullFen: integer('full_fen').notNull(),
		vacancyPercent: integer('vacancy_percent').notNull().default(100),
		rateFen: integer('rate_fen').notNull(),
		source: text('source', { enum: BILL_SOURCES }).notNull().default('monthly'),
		/** Fixed when the bill is created, so a later change of the item never changes an old bill's late fee. */
		lateFeeApplies: integer('late_fee_applies', { mode: 'boolean' }).notNull().default(true),
		/** What a one-off charge prints instead of the item's name (e.g. the paid service). */
		labelZh: text('label_zh'),
		labelEn: text('label_en'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		// One recurring bill per unit, item and month; one-off charges may repeat within a month.
		uniqueIndex('bills_unit_item_month')
			.on(t.unitId, t.feeItemId, t.month)
			.where(sql`${t.source} <> 'charge'`),
		index('bills_community_month').on(t.communityId, t.month),
		index('bills_unit_month').on(t.unitId, t.month),
		index('bills_no_late_fee')
			.on(t.communityId)
			.where(sql`${t.lateFeeApplies} = 0`),
		// 应收 of a period read from the index alone (arrears area, migration 0024).
		index('bills_community_month_amount').on(
			t.communityId,
			t.month,
			t.unitId,
			t.feeItemId,
			t.principalFen
		)
	]
);

/**
 * One payment = one receipt (收据). Receipt numbers are `SF-YYYY-NNNNNN`, consecutive per
 * community and year, assigned inside the posting transaction.
 */
export const payments = sqliteTable(
	'payments',
	{
		id: serialId(),
		communityId: communityRef(),
		/** Unique per community (a company database holds several communities' SF-2026-000001). */
		receiptNo: text('receipt_no').notNull(),
		receiptYear: integer('receipt_year').notNull(),
		receiptSeq: integer('receipt_seq').notNull(),
		/** What the money is for: property fees, renovation fees and deposits, move-in… */
		purpose: text('purpose').notNull(),
		unitId: integer('unit_id').references(() => units.id),
		payerName: text('payer_name').notNull(),
		method: text('method', { enum: PAYMENT_METHODS }).notNull(),
		methodRef: text('method_ref').notNull().default(''),
		bank: text('bank').notNull().default(''),
		totalFen: integer('total_fen').notNull(),
		tenderedFen: integer('tendered_fen'),
		changeFen: integer('change_fen'),
		cashierId: integer('cashier_id')
			.notNull()
			.references(() => staffUsers.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		/**
		 * SHA-256 of what the form asked for (unit, bills or lines, method, amounts): the same key
		 * with another request is a conflict, not a replay. Null on rows posted before it existed.
		 */
		requestHash: text('request_hash'),
		/** Short public code printed as a QR; `/verify/{code}` confirms the receipt. */
		verifyCode: text('verify_code').notNull().unique(),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('payments_receipt_seq').on(t.communityId, t.receiptYear, t.receiptSeq),
		uniqueIndex('payments_community_receipt_no').on(t.communityId, t.receiptNo),
		index('payments_community_date').on(t.communityId, t.localDate),
		index('payments_unit').on(t.unitId)
	]
);

export const LINE_KINDS = ['principal', 'late_fee', 'deposit', 'charge'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * What a payment paid for. `principal`/`late_fee` lines point at a bill; `deposit` (money held,
 * a liability) and `charge` (income such as the debris fee) point at their source by ref.
 */
export const paymentLines = sqliteTable(
	'payment_lines',
	{
		id: serialId(),
		paymentId: integer('payment_id')
			.notNull()
			.references(() => payments.id),
		kind: text('kind', { enum: LINE_KINDS }).notNull(),
		billId: integer('bill_id').references(() => bills.id),
		/** A stable code for reports: fee item code, or e.g. `renovation_deposit`. */
		itemCode: text('item_code').notNull(),
		description: text('description').notNull().default(''),
		refType: text('ref_type'),
		refId: integer('ref_id'),
		amountFen: integer('amount_fen').notNull(),
		/** JSON: e.g. the late-fee working (days, rate) printed on the receipt. */
		detail: text('detail').notNull().default('{}')
	},
	(t) => [
		index('payment_lines_payment').on(t.paymentId),
		index('payment_lines_bill').on(t.billId),
		// Partial: property-fee lines (most of the ledger) carry no reference, and skipping them
		// saves an index insert per line when posting. Queries on ref_type = / IN still use it.
		index('payment_lines_ref')
			.on(t.refType, t.refId)
			.where(sql`${t.refType} IS NOT NULL`)
	]
);

/** A void (作废) reverses a whole payment. The receipt keeps its number and prints 作废. */
export const paymentVoids = sqliteTable(
	'payment_voids',
	{
		id: serialId(),
		paymentId: integer('payment_id')
			.notNull()
			.unique()
			.references(() => payments.id),
		reason: text('reason').notNull(),
		/** Required when the receipt is of an earlier month (跨月作废): one of VOID_CATEGORIES. */
		reasonCategory: text('reason_category', { enum: VOID_CATEGORIES }),
		voidedBy: integer('voided_by')
			.notNull()
			.references(() => staffUsers.id),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	// The receipts journal lists voids by the void's day (migration 0028).
	(t) => [index('payment_voids_day').on(t.localDate, t.paymentId)]
);

/** Where a receipt was printed: the counter (a staff member) or the kiosk (the resident's own copy). */
export const RECEIPT_PRINT_SOURCES = ['counter', 'kiosk'] as const;
export type ReceiptPrintSource = (typeof RECEIPT_PRINT_SOURCES)[number];

/** Every print of a receipt; prints after the first are reprints (补打). */
export const receiptPrints = sqliteTable(
	'receipt_prints',
	{
		id: serialId(),
		paymentId: integer('payment_id')
			.notNull()
			.references(() => payments.id),
		/** The staff member at the counter; null exactly when printed at the kiosk (migration 0039). */
		printedBy: integer('printed_by').references(() => staffUsers.id),
		source: text('source', { enum: RECEIPT_PRINT_SOURCES }).notNull().default('counter'),
		format: text('format').notNull(),
		/** Why a reprint (补打) was made: a code from REPRINT_REASONS (receipts module) and free text; '' on the first print. */
		reasonCode: text('reason_code').notNull().default(''),
		reasonNote: text('reason_note').notNull().default(''),
		/** The print form's one-time key: a double submit records one print. */
		printKey: text('print_key').unique(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('receipt_prints_payment').on(t.paymentId)]
);

/**
 * A late fee waived (滞纳金免除) on one bill, insert-only like the rest of the ledger. Written by
 * the waiver approval; what a bill still owes in late fee is its late fee − paid − waived.
 * `requestId` points at the waiver request once that table exists (no FK yet).
 */
export const waiverEntries = sqliteTable(
	'waiver_entries',
	{
		id: serialId(),
		billId: integer('bill_id')
			.notNull()
			.references(() => bills.id),
		amountFen: integer('amount_fen').notNull(),
		requestId: integer('request_id'),
		/**
		 * A reversal (negative amount) of the entry it points at, written when the payment that
		 * settled the bill's principal is voided; `voidId` is that void.
		 */
		reversesId: integer('reverses_id'),
		voidId: integer('void_id'),
		approvedBy: integer('approved_by')
			.notNull()
			.references(() => staffUsers.id),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('waiver_entries_bill').on(t.billId)]
);
