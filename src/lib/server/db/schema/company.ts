import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { communities, ROLES, staffUsers } from './core';

/**
 * A staff member's role in a community other than their home one (staff_users.community_id and
 * role stay the home membership, so a one-community user has no row here). Configuration, not a
 * ledger: a company admin grants, changes and ends memberships, each change in the audit log.
 */
export const staffMemberships = sqliteTable(
	'staff_memberships',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => staffUsers.id),
		communityId: integer('community_id')
			.notNull()
			.references(() => communities.id),
		role: text('role', { enum: ROLES }).notNull(),
		createdBy: integer('created_by').references(() => staffUsers.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('staff_memberships_user_community').on(t.userId, t.communityId),
		index('staff_memberships_community').on(t.communityId)
	]
);
