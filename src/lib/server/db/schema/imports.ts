import { sqliteTable, integer, text, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, serialId, communityRef } from './core';

/**
 * One confirmed import (导入批次): which register, which file (name and SHA-256), how many rows
 * it added and changed, and for opening balances the total it brought in, so the daily report of
 * the import day shows them apart. Insert-only.
 */
export const importBatches = sqliteTable(
	'import_batches',
	{
		id: serialId(),
		communityId: communityRef(),
		kind: text('kind').notNull(),
		fileName: text('file_name').notNull(),
		fileSha256: text('file_sha256').notNull(),
		encoding: text('encoding'),
		added: integer('added').notNull(),
		changed: integer('changed').notNull(),
		refused: integer('refused').notNull(),
		/** Opening balances only: the sum of the rows added, in fen. */
		totalFen: integer('total_fen').notNull().default(0),
		localDate: text('local_date').notNull(),
		/** Null when run from `npm run import` (the command line has no signed-in user). */
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('import_batches_day').on(t.communityId, t.localDate)]
);

export const OPENING_CREDIT_KINDS = ['prepaid', 'deposit'] as const;

/**
 * 期初预存/押金: money a unit had paid in advance (预存) or left as a deposit (押金) before the
 * community moved to this system, with the old system's receipt number. Held for the payer, not
 * income. Insert-only; one row per unit, kind and original receipt number.
 */
export const openingCredits = sqliteTable(
	'opening_credits',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		kind: text('kind', { enum: OPENING_CREDIT_KINDS }).notNull(),
		amountFen: integer('amount_fen').notNull(),
		receiptNo: text('receipt_no').notNull().default(''),
		batchId: integer('batch_id')
			.notNull()
			.references(() => importBatches.id),
		localDate: text('local_date').notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('opening_credits_key').on(t.unitId, t.kind, t.receiptNo)]
);

/**
 * A file between its import preview and its confirm (no second upload), in the database so the
 * confirm may reach another app instance than the preview did. Deleted once confirmed, refused or
 * expired; a community keeps only its latest few.
 */
export const importStaged = sqliteTable(
	'import_staged',
	{
		token: text('token').primaryKey(),
		communityId: communityRef(),
		actorId: integer('actor_id')
			.notNull()
			.references(() => staffUsers.id),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		fileName: text('file_name').notNull(),
		encoding: text('encoding'),
		kind: text('kind').notNull(),
		digest: text('digest').notNull(),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [
		index('import_staged_expiry').on(t.expiresAt),
		index('import_staged_community').on(t.communityId, t.createdAt)
	]
);

/** How far the check of a previewed file is, by a job id its page chose (the page polls it). */
export const importProgress = sqliteTable(
	'import_progress',
	{
		job: text('job').primaryKey(),
		actorId: integer('actor_id')
			.notNull()
			.references(() => staffUsers.id),
		phase: text('phase').notNull(),
		done: integer('done').notNull(),
		total: integer('total').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('import_progress_at').on(t.at)]
);
