import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { serialId, communityRef, createdByAt } from './core';

/**
 * The staff directory (管理人员一览表, seed 003 六.三(二)3): people, not logins. A manager edits a
 * person in place (audited); where the person is (去向) is an insert-only log of changes.
 */
export const directoryPeople = sqliteTable(
	'directory_people',
	{
		id: serialId(),
		communityId: communityRef(),
		name: text('name').notNull(),
		workNo: text('work_no').notNull(),
		position: text('position').notNull().default(''),
		department: text('department').notNull().default(''),
		extension: text('extension').notNull().default(''),
		sort: integer('sort').notNull().default(0),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('directory_people_work_no').on(t.communityId, t.workNo),
		index('directory_people_community').on(t.communityId, t.sort)
	]
);

export const PRESENCE_STATUSES = ['on_duty', 'out', 'leave'] as const;

export const directoryPresence = sqliteTable(
	'directory_presence',
	{
		id: serialId(),
		personId: integer('person_id')
			.notNull()
			.references(() => directoryPeople.id),
		status: text('status', { enum: PRESENCE_STATUSES }).notNull(),
		untilMs: integer('until_ms'),
		note: text('note').notNull().default(''),
		...createdByAt()
	},
	(t) => [index('directory_presence_person').on(t.personId, t.createdAt)]
);
