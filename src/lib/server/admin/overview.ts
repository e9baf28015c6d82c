import { countWhere } from '../db/prepared';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { staffUsers } from '../db/schema';
import { auditEntries, type AuditRow } from '../audit-log/queries';

export interface AdminAuditEntry extends AuditRow {
	/** The account's username for an account change, else null (the record is named instead). */
	subject: string | null;
}

/** Account counts and the latest entries of a community's audit log (every kind), for the admin home. */
export function adminOverview(db: Db, communityId: number, limit = 10) {
	const counts = db
		.select({
			active: countWhere(sql`${staffUsers.active}`),
			inactive: countWhere(sql`NOT ${staffUsers.active}`)
		})
		.from(staffUsers)
		.where(eq(staffUsers.communityId, communityId))
		.get();
	const { rows } = auditEntries(db, communityId, {}, { offset: 0, limit });
	const recent: AdminAuditEntry[] = rows.map((r) => {
		let subject: string | null = null;
		try {
			const d = JSON.parse(r.detail) as { username?: unknown };
			if (typeof d.username === 'string') subject = d.username;
		} catch {
			// an unreadable detail only loses the subject column
		}
		return { ...r, subject };
	});
	return { active: counts?.active ?? 0, inactive: counts?.inactive ?? 0, recent };
}
