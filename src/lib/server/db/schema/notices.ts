import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffUsers, serialId, communityRef } from './core';

/*
 * Notices (公告). All three tables are insert-only (triggers in append-only.ts): a notice is
 * kept for good, an edit is a new version, withdrawing is an event, and the end time needs no
 * job (domain/notices.ts filters by time at each read).
 */

/** A notice's identity: which community, who first posted it and when. */
export const notices = sqliteTable(
	'notices',
	{
		id: serialId(),
		communityId: communityRef(),
		createdAt: integer('created_at').notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id),
		/** Form token: a double submit posts one notice. */
		idempotencyKey: text('idempotency_key').unique()
	},
	(t) => [index('notices_community').on(t.communityId)]
);

/** What a notice says, and when: the latest version is in force. */
export const noticeVersions = sqliteTable(
	'notice_versions',
	{
		id: serialId(),
		noticeId: integer('notice_id')
			.notNull()
			.references(() => notices.id),
		version: integer('version').notNull(),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		/** The picture's file name under uploads/notices (random, see uploads/photos.ts). */
		image: text('image'),
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id)
	},
	(t) => [uniqueIndex('notice_versions_notice_version').on(t.noticeId, t.version)]
);

/** A notice taken down before its end. */
export const noticeWithdrawals = sqliteTable('notice_withdrawals', {
	id: serialId(),
	noticeId: integer('notice_id')
		.notNull()
		.unique()
		.references(() => notices.id),
	at: integer('at').notNull(),
	staffId: integer('staff_id')
		.notNull()
		.references(() => staffUsers.id)
});
