import type { Db } from './db';
import { stmt } from './db/stmt';

export interface AuditEntry {
	communityId: number | null;
	actorId: number | null;
	actorKind?: 'staff' | 'resident' | 'system';
	action: string;
	targetType: string;
	targetId: string | number;
	detail?: Record<string, unknown>;
}

const INSERT_SQL = `INSERT INTO audit_log (community_id, actor_id, actor_kind, action, target_type, target_id, detail, at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Appends to the audit log. Call it inside the same transaction as the change it records. */
export function audit(db: Db, e: AuditEntry, now = Date.now()) {
	stmt(db, INSERT_SQL).run(e.communityId, e.actorId, e.actorKind ?? 'staff', e.action, e.targetType, String(e.targetId), JSON.stringify(e.detail ?? {}), now);
}
