import type { Db } from './db';
import { auditLog } from './db/schema';
import { placeholders, prepared } from './db/prepared';

export interface AuditEntry {
	communityId: number | null;
	actorId: number | null;
	actorKind?: 'staff' | 'resident' | 'system';
	action: string;
	targetType: string;
	targetId: string | number;
	detail?: Record<string, unknown>;
}

// Prepared once per connection: every write of the app appends here.
const insertEntry = prepared((db) =>
	db
		.insert(auditLog)
		.values(
			placeholders([
				'communityId',
				'actorId',
				'actorKind',
				'action',
				'targetType',
				'targetId',
				'detail',
				'at'
			])
		)
		.prepare()
);

/** Appends to the audit log. Call it inside the same transaction as the change it records. */
export function audit(db: Db, e: AuditEntry, now = Date.now()) {
	insertEntry(db).run({
		communityId: e.communityId,
		actorId: e.actorId,
		actorKind: e.actorKind ?? 'staff',
		action: e.action,
		targetType: e.targetType,
		targetId: String(e.targetId),
		detail: JSON.stringify(e.detail ?? {}),
		at: now
	});
}

/** Appends what a signed-in staff member did, in their community (as `audit`, same transaction). */
export function auditBy(
	db: Db,
	actor: { id: number; communityId: number },
	e: Omit<AuditEntry, 'communityId' | 'actorId' | 'actorKind'>,
	now = Date.now()
) {
	audit(db, { ...e, communityId: actor.communityId, actorId: actor.id }, now);
}

/** Failures and refusals written one row each per kind and minute, before they are only counted. */
export const FAILURE_AUDIT_ROWS_PER_MINUTE = 20;

const failureCounts = new Map<
	string,
	{ minute: number; written: number; skipped: number; communityId: number | null }
>();

/**
 * Records a failed sign-in or identification, or an access refusal, without what was typed (no
 * passwords, no phone digits, no unknown names). A flood cannot grow the log without bound: per
 * kind, the first FAILURE_AUDIT_ROWS_PER_MINUTE of a minute get a row each, the rest are counted,
 * and the count is written as one `<action>.more` row when that kind next occurs in a later minute.
 */
export function auditFailure(
	db: Db,
	e: Omit<AuditEntry, 'actorKind' | 'actorId'> & { actorId?: number | null },
	now = Date.now()
) {
	const minute = Math.floor(now / 60_000);
	let c = failureCounts.get(e.action);
	if (c && c.minute !== minute) {
		if (c.skipped > 0)
			audit(
				db,
				{
					communityId: c.communityId,
					actorId: null,
					actorKind: 'system',
					action: `${e.action}.more`,
					targetType: 'minute',
					targetId: new Date(c.minute * 60_000).toISOString(),
					detail: { count: c.skipped }
				},
				now
			);
		c = undefined;
	}
	if (!c) {
		c = { minute, written: 0, skipped: 0, communityId: e.communityId };
		failureCounts.set(e.action, c);
	}
	if (c.written >= FAILURE_AUDIT_ROWS_PER_MINUTE) {
		c.skipped++;
		return;
	}
	c.written++;
	audit(
		db,
		{
			...e,
			actorId: e.actorId ?? null,
			actorKind: e.actorId ? 'staff' : 'system',
			targetId: String(e.targetId).slice(0, 200)
		},
		now
	);
}

/** Forgets the per-minute counts (tests). */
export function resetFailureAudit() {
	failureCounts.clear();
}
