import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { staffUsers, serialId, communityRef } from './core';

/**
 * The account map (科目对照) of the accounting export: `key` (an account role of
 * domain/voucher.ts, e.g. `cash`, `income:property`) is booked to `accountCode`/`accountName` from
 * `effectiveFrom` on. Insert-only: the rows are the history, read like setting_changes.
 */
export const accountMapChanges = sqliteTable(
	'account_map_changes',
	{
		id: serialId(),
		communityId: communityRef(),
		key: text('key').notNull(),
		accountCode: text('account_code').notNull(),
		accountName: text('account_name').notNull(),
		effectiveFrom: text('effective_from').notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('account_map_changes_key').on(t.communityId, t.key, t.effectiveFrom)]
);
