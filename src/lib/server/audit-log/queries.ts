import { and, asc, count, desc, eq, gte, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { auditLog, staffUsers } from '../db/schema';
import { AREA_PREFIXES, auditArea, knownPrefixes, type AuditArea } from '$lib/domain/audit-areas';

/** What the audit log viewer asks for; every field is optional but the community. */
export interface AuditFilter {
	area?: AuditArea | null;
	actorId?: number | null;
	targetType?: string | null;
	targetId?: string | null;
	/** Epoch ms, inclusive. */
	fromMs?: number | null;
	/** Epoch ms, exclusive. */
	toMs?: number | null;
}

export interface AuditRow {
	id: number;
	at: number;
	area: AuditArea;
	action: string;
	actorKind: 'staff' | 'resident' | 'system';
	actorId: number | null;
	actor: string | null;
	targetType: string;
	targetId: string;
	detail: string;
}

export const AUDIT_PAGE_SIZE = 100;

function prefixMatch(prefixes: readonly string[]): SQL {
	// `payment` itself or `payment.<verb>`; LIKE's `_` is escaped so `fee_items` does not match `feexitems`.
	return or(
		...prefixes.flatMap((p) => [
			eq(auditLog.action, p),
			sql`${auditLog.action} LIKE ${p.replace(/_/g, '\\_') + '.%'} ESCAPE '\\'`
		])
	) as SQL;
}

function whereOf(communityId: number, f: AuditFilter): SQL {
	const parts: SQL[] = [eq(auditLog.communityId, communityId)];
	if (f.area === 'other') parts.push(not(prefixMatch(knownPrefixes())));
	else if (f.area) parts.push(prefixMatch(AREA_PREFIXES[f.area]));
	if (f.actorId) parts.push(eq(auditLog.actorId, f.actorId));
	if (f.targetType) parts.push(eq(auditLog.targetType, f.targetType));
	if (f.targetId) parts.push(eq(auditLog.targetId, f.targetId));
	if (f.fromMs != null) parts.push(gte(auditLog.at, f.fromMs));
	if (f.toMs != null) parts.push(lt(auditLog.at, f.toMs));
	return and(...parts) as SQL;
}

/** The entries matching `f`, newest first: a page of them (`offset`, `limit`) and how many match. */
export function auditEntries(
	db: Db,
	communityId: number,
	f: AuditFilter,
	page: { offset: number; limit: number } = { offset: 0, limit: AUDIT_PAGE_SIZE }
): { rows: AuditRow[]; total: number } {
	const where = whereOf(communityId, f);
	const rows = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			actorKind: auditLog.actorKind,
			actorId: auditLog.actorId,
			actor: staffUsers.displayName,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			detail: auditLog.detail
		})
		.from(auditLog)
		.leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(page.limit)
		.offset(page.offset)
		.all();
	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
	return { rows: rows.map((r) => ({ ...r, area: auditArea(r.action) })), total };
}

/** The people who appear in a community's log, for the filter's list (accounts, by name). */
export function auditActors(db: Db, communityId: number): { id: number; name: string }[] {
	return db
		.select({ id: staffUsers.id, name: staffUsers.displayName })
		.from(staffUsers)
		.where(eq(staffUsers.communityId, communityId))
		.orderBy(asc(staffUsers.displayName), asc(staffUsers.id))
		.all();
}

/** The kinds of record named in a community's log, for the filter's list. */
export function auditTargetTypes(db: Db, communityId: number): string[] {
	return db
		.selectDistinct({ t: auditLog.targetType })
		.from(auditLog)
		.where(eq(auditLog.communityId, communityId))
		.orderBy(asc(auditLog.targetType))
		.all()
		.map((r) => r.t);
}

/** A compact `key: value` text of an entry's detail for a list cell (the raw JSON stays in the CSV). */
export function detailSummary(detail: string, max = 160): string {
	let text: string;
	try {
		const d = JSON.parse(detail) as unknown;
		text =
			d && typeof d === 'object' && !Array.isArray(d)
				? Object.entries(d as Record<string, unknown>)
						.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
						.join(' · ')
				: String(d);
	} catch {
		text = detail;
	}
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
