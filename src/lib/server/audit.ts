import type { Db } from './db';
import { auditLog } from './db/schema';

export interface AuditEntry {
	communityId: number | null;
	actorId: number | null;
	actorKind?: 'staff' | 'resident' | 'system';
	action: string;
	targetType: string;
	targetId: string | number;
	detail?: Record<string, unknown>;
}

/** Appends to the audit log. Call it inside the same transaction as the change it records. */
export function audit(db: Db, e: AuditEntry, now = Date.now()) {
	db.insert(auditLog)
		.values({
			communityId: e.communityId,
			actorId: e.actorId,
			actorKind: e.actorKind ?? 'staff',
			action: e.action,
			targetType: e.targetType,
			targetId: String(e.targetId),
			detail: JSON.stringify(e.detail ?? {}),
			at: now
		})
		.run();
}
