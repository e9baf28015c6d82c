import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { serialId, communityRef, createdByAt } from './core';
import { payments } from './ledger';

/*
 * 对账 (issue 19, migration 0028): a day's non-cash takings of one method ticked against the
 * provider's statement. Both tables are insert-only: a later reconciliation of the same day and
 * method supersedes the earlier one (the newest id is current), it never edits it.
 */

export const RECONCILE_METHODS = ['wechat', 'alipay', 'card', 'transfer'] as const;
export type ReconcileMethod = (typeof RECONCILE_METHODS)[number];
export const STATEMENT_SOURCES = ['total', 'csv'] as const;
export const MATCH_KINDS = ['ref', 'amount', 'manual'] as const;

/** One reconciliation of a day and method, with its totals as seen when it was recorded. */
export const reconciliations = sqliteTable(
	'reconciliations',
	{
		id: serialId(),
		communityId: communityRef(),
		localDate: text('local_date').notNull(),
		method: text('method', { enum: RECONCILE_METHODS }).notNull(),
		/** Entered total or an imported file (its name kept for the record). */
		source: text('source', { enum: STATEMENT_SOURCES }).notNull(),
		fileName: text('file_name').notNull().default(''),
		statementFen: integer('statement_fen').notNull(),
		entriesFen: integer('entries_fen').notNull(),
		differenceFen: integer('difference_fen').notNull(),
		entries: integer('entries').notNull(),
		matched: integer('matched').notNull(),
		note: text('note').notNull().default(''),
		/** The reconciliation this one replaces (null for the day's first). */
		supersedes: integer('supersedes'),
		/** The form's one-time key: a double submit records once. */
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		index('reconciliations_day').on(t.communityId, t.localDate, t.method),
		uniqueIndex('reconciliations_form_key').on(t.formKey)
	]
);

/**
 * What a reconciliation ticked and left open: a journal entry (receipt or void) with or without its
 * statement line, or a statement line without a receipt.
 */
export const reconciliationItems = sqliteTable(
	'reconciliation_items',
	{
		id: serialId(),
		reconciliationId: integer('reconciliation_id')
			.notNull()
			.references(() => reconciliations.id),
		/** Null for a statement line without a receipt. */
		paymentId: integer('payment_id').references(() => payments.id),
		entryKind: text('entry_kind', { enum: ['receipt', 'void'] }),
		entryFen: integer('entry_fen'),
		/** Null when the entry was left open or ticked by hand. */
		matchedBy: text('matched_by', { enum: MATCH_KINDS }),
		lineNo: integer('line_no'),
		lineTime: text('line_time').notNull().default(''),
		lineRef: text('line_ref').notNull().default(''),
		lineFen: integer('line_fen')
	},
	(t) => [index('reconciliation_items_reconciliation').on(t.reconciliationId)]
);
