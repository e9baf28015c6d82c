import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, serialId, communityRef, createdByAt } from './core';

export const ERRAND_KIND_CODES = ['errand', 'message', 'callback'] as const;
export const ERRAND_OUTCOME_CODES = ['done', 'failed'] as const;

/**
 * 代办 · 留言转告 · 回电 (issue 21): what the desk promised, insert-only; its outcome is an event
 * (`errand_events`), so who took it, who closed it and when are all kept.
 */
export const errands = sqliteTable(
	'errands',
	{
		id: serialId(),
		communityId: communityRef(),
		kind: text('kind', { enum: ERRAND_KIND_CODES }).notNull(),
		unitId: integer('unit_id').references(() => units.id),
		/** Who asked (a resident's name, a caller). */
		requester: text('requester').notNull(),
		phone: text('phone').notNull().default(''),
		/** To whom it goes or who must do it (a colleague, a team, the resident for a call-back). */
		recipient: text('recipient').notNull(),
		content: text('content').notNull(),
		dueAt: integer('due_at').notNull(),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('errands_form_key').on(t.communityId, t.formKey),
		index('errands_community_created').on(t.communityId, t.createdAt),
		index('errands_community_due').on(t.communityId, t.dueAt)
	]
);

export const errandEvents = sqliteTable(
	'errand_events',
	{
		id: serialId(),
		errandId: integer('errand_id')
			.notNull()
			.references(() => errands.id),
		outcome: text('outcome', { enum: ERRAND_OUTCOME_CODES }).notNull(),
		note: text('note').notNull().default(''),
		...createdByAt()
	},
	// One outcome per errand: the database refuses a second close even from two counters at once.
	(t) => [uniqueIndex('errand_events_errand').on(t.errandId)]
);
