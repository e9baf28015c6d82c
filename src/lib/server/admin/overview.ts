import { and, desc, eq, or, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { auditLog, staffUsers } from '../db/schema';

export interface AdminAuditEntry {
	id: number;
	at: number;
	action: string;
	actor: string | null;
	/** The account's username, or null for a settings change. */
	subject: string | null;
}

/** Account counts and the latest account/settings changes of a community, for the admin home. */
export function adminOverview(db: Db, communityId: number, limit = 10) {
	const counts = db
		.select({
			active: sql<number>`sum(${staffUsers.active} = 1)`,
			inactive: sql<number>`sum(${staffUsers.active} = 0)`
		})
		.from(staffUsers)
		.where(eq(staffUsers.communityId, communityId))
		.get();
	const actor = alias(staffUsers, 'actor');
	const rows = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			actor: actor.displayName,
			detail: auditLog.detail
		})
		.from(auditLog)
		.leftJoin(actor, eq(actor.id, auditLog.actorId))
		.where(
			and(
				eq(auditLog.communityId, communityId),
				or(like(auditLog.action, 'staff.%'), eq(auditLog.action, 'community.settings'))
			)
		)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit)
		.all();
	const recent: AdminAuditEntry[] = rows.map((r) => {
		let subject: string | null = null;
		try {
			const d = JSON.parse(r.detail) as { username?: unknown };
			if (typeof d.username === 'string') subject = d.username;
		} catch {
			// an unreadable detail only loses the subject column
		}
		return { id: r.id, at: r.at, action: r.action, actor: r.actor, subject };
	});
	return { active: counts?.active ?? 0, inactive: counts?.inactive ?? 0, recent };
}
