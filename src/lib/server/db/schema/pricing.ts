import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, serialId, communityRef } from './core';
import { bills } from './ledger';

/**
 * A change of a setting that prices money (late-fee rate and cap, due day, vacancy percentage,
 * renovation fees and deposits): `value` (JSON) is in force from `effective_from` on. Insert-only:
 * the rows are the history; the value in the settings JSON is the one before the first change.
 */
export const settingChanges = sqliteTable(
	'setting_changes',
	{
		id: serialId(),
		communityId: communityRef(),
		key: text('key').notNull(),
		value: text('value').notNull(),
		effectiveFrom: text('effective_from').notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('setting_changes_key').on(t.communityId, t.key, t.effectiveFrom)]
);

/**
 * 空置减免: a credit for a property-fee bill issued at 100 % for a month in which the unit was not
 * taken over (it owed the vacancy percentage). Insert-only. `sourceBillId` is the bill billed too
 * high; `billId` is the unpaid bill whose principal the credit reduces (the same bill while it is
 * unpaid, otherwise the unit's next unpaid bill), so it lowers what the unit owes without editing
 * any bill.
 */
export const vacancyCredits = sqliteTable(
	'vacancy_credits',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		sourceBillId: integer('source_bill_id')
			.notNull()
			.references(() => bills.id),
		billId: integer('bill_id')
			.notNull()
			.references(() => bills.id),
		amountFen: integer('amount_fen').notNull(),
		vacancyPercent: integer('vacancy_percent').notNull(),
		localDate: text('local_date').notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		index('vacancy_credits_bill').on(t.billId),
		index('vacancy_credits_source').on(t.sourceBillId),
		index('vacancy_credits_unit').on(t.unitId)
	]
);
