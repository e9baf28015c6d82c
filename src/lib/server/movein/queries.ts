/**
 * Move-in (接房) reads, DOMAIN.md §5: units with their owner, cases with their checklist and
 * receipts, open cases, units awaiting handover. Also the area's error and the helpers the
 * commands share (a case, its checklist, its receipts).
 */
import type { Actor } from '../auth/actor';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import {
	moveinCases,
	moveinItemEvents,
	staffUsers,
	units,
	type MoveInEventKind
} from '../db/schema';
import { communityToday, getCommunity } from '../community';
import { nowMs } from '../clock';
import { AppError, statusOf } from '../errors';
import {
	buildChecklist,
	daysSinceNotice,
	missingRequired,
	prepayMonths,
	type ChecklistItem,
	type CompletionBlock,
	type MoveInOwnerType
} from '../../domain/movein-checklist';
// The fees area decides what "paid" means (bills exist, principal fully paid, voids excluded).
import { monthsPaid } from '../fees';
import { currentUnitTies, unitsTiesAsOf } from '../records/ties';

export type MoveInErrorCode =
	| 'unit_not_found'
	| 'unit_occupied'
	| 'case_exists'
	| 'case_not_found'
	| 'case_closed'
	| 'item_unknown'
	| 'item_already_received'
	| 'item_not_received'
	| 'cannot_complete'
	| 'bad_input'
	| 'date_in_future'
	| 'no_units';

const status = statusOf<MoveInErrorCode>({
	unit_not_found: 404,
	case_not_found: 404,
	unit_occupied: 409,
	case_exists: 409,
	case_closed: 409,
	item_unknown: 409,
	item_already_received: 409,
	item_not_received: 409
});

/** A refused move-in write; `code` maps to a translated message (messages.ts). Nothing was written. */
export class MoveInError extends AppError<
	MoveInErrorCode,
	{
		caseId?: number;
		blocks?: CompletionBlock[];
		at?: number;
		byName?: string;
		field?: string;
	}
> {
	constructor(code: MoveInErrorCode, detail: MoveInError['detail'] = {}) {
		super('movein', code, detail, status(code));
		this.name = 'MoveInError';
	}
}

/** Who is acting (one type for every area). */
export type { Actor };

export type CaseRow = typeof moveinCases.$inferSelect;

export function today(db: Db, communityId: number, now: number): string {
	return communityToday(getCommunity(db, communityId), new Date(now));
}

// ------------------------------------------------------------------------------ units

export interface UnitWithOwner {
	id: number;
	code: string;
	building: string;
	occupancy: 'not_handed_over' | 'vacant_after_move_in' | 'occupied';
	handoverNoticeDate: string | null;
	areaCenti: number;
	owner: { id: number; name: string; phone: string; ownerType: MoveInOwnerType } | null;
}

/** The unit's (first) owner today. */
export function primaryOwner(db: Db, unitId: number, now?: Date) {
	const t = currentUnitTies(db, unitId, ['owner'], now)[0];
	return t ? { id: t.ownerId, name: t.name, phone: t.phone, ownerType: t.ownerType } : null;
}

/** A unit of the community by its code (e.g. `8-1-802`), with its first owner on file. */
export function findUnit(db: Db, communityId: number, code: string): UnitWithOwner | null {
	const u = db
		.select()
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, code.trim())))
		.get();
	if (!u) return null;
	return {
		id: u.id,
		code: u.code,
		building: u.building,
		occupancy: u.occupancy,
		handoverNoticeDate: u.handoverNoticeDate,
		areaCenti: u.areaCenti,
		owner: primaryOwner(db, u.id)
	};
}

/** The open case of a unit, if any. */
export function openCaseOfUnit(db: Db, unitId: number): CaseRow | null {
	return (
		db
			.select()
			.from(moveinCases)
			.where(and(eq(moveinCases.unitId, unitId), eq(moveinCases.status, 'open')))
			.get() ?? null
	);
}

// ------------------------------------------------------------------------------ cases

export function caseOf(db: Db, communityId: number, caseId: number): CaseRow {
	const c = db
		.select()
		.from(moveinCases)
		.where(and(eq(moveinCases.id, caseId), eq(moveinCases.communityId, communityId)))
		.get();
	if (!c) throw new MoveInError('case_not_found');
	return c;
}

export function checklistOf(c: CaseRow): ChecklistItem[] {
	return buildChecklist({
		ownerType: c.ownerType,
		mortgage: c.mortgage,
		proxy: c.proxy,
		persons: c.persons
	});
}

export function caseMonths(c: Pick<CaseRow, 'feeStartMonth' | 'feeMonths'>): string[] {
	return prepayMonths(c.feeStartMonth, c.feeMonths);
}

export interface EventRow {
	id: number;
	caseId: number;
	itemCode: string;
	kind: MoveInEventKind;
	note: string;
	actorId: number;
	actorName: string;
	at: number;
}

export function eventsOf(db: Db, caseIds: number[]): EventRow[] {
	if (caseIds.length === 0) return [];
	return db
		.select({
			id: moveinItemEvents.id,
			caseId: moveinItemEvents.caseId,
			itemCode: moveinItemEvents.itemCode,
			kind: moveinItemEvents.kind,
			note: moveinItemEvents.note,
			actorId: moveinItemEvents.actorId,
			actorName: staffUsers.displayName,
			at: moveinItemEvents.at
		})
		.from(moveinItemEvents)
		.innerJoin(staffUsers, eq(staffUsers.id, moveinItemEvents.actorId))
		.where(inArray(moveinItemEvents.caseId, caseIds))
		.orderBy(asc(moveinItemEvents.id))
		.all();
}

export interface Receipt {
	at: number;
	byId: number;
	byName: string;
	note: string;
}

/** Current receipt per item: the last `received` not followed by a `revoked`. */
export function receivedMap(events: readonly EventRow[]): Map<string, Receipt> {
	const out = new Map<string, Receipt>();
	for (const e of events) {
		if (e.kind === 'received')
			out.set(e.itemCode, { at: e.at, byId: e.actorId, byName: e.actorName, note: e.note });
		else if (e.kind === 'revoked') out.delete(e.itemCode);
	}
	return out;
}

export interface CaseItemView extends ChecklistItem {
	received: Receipt | null;
	/** Notes on what is missing, and revocations, oldest first. */
	notes: { kind: MoveInEventKind; note: string; at: number; byName: string }[];
}

export interface CaseView {
	case: CaseRow;
	unit: { id: number; code: string; occupancy: string; handoverNoticeDate: string | null };
	openedByName: string;
	completedByName: string | null;
	items: CaseItemView[];
	missing: ChecklistItem[];
	months: string[];
	monthsPaid: boolean;
}

/** Everything the case page and the printed checklist show. */
export function getCase(db: Db, communityId: number, caseId: number): CaseView {
	const c = caseOf(db, communityId, caseId);
	const unit = db.select().from(units).where(eq(units.id, c.unitId)).get()!;
	const events = eventsOf(db, [c.id]);
	const received = receivedMap(events);
	const items = checklistOf(c).map((item) => ({
		...item,
		received: received.get(item.code) ?? null,
		notes: events
			.filter((e) => e.itemCode === item.code && e.kind !== 'received')
			.map((e) => ({ kind: e.kind, note: e.note, at: e.at, byName: e.actorName }))
	}));
	const names = staffNames(db, [c.openedBy, c.completedBy ?? c.openedBy]);
	const months = caseMonths(c);
	return {
		case: c,
		unit: {
			id: unit.id,
			code: unit.code,
			occupancy: unit.occupancy,
			handoverNoticeDate: unit.handoverNoticeDate
		},
		openedByName: names.get(c.openedBy) ?? '',
		completedByName: c.completedBy ? (names.get(c.completedBy) ?? '') : null,
		items,
		missing: missingRequired(items, new Set(received.keys())),
		months,
		monthsPaid: monthsPaid(db, c.unitId, months)
	};
}

export function staffNames(db: Db, ids: number[]): Map<number, string> {
	const rows = db
		.select({ id: staffUsers.id, name: staffUsers.displayName })
		.from(staffUsers)
		.where(inArray(staffUsers.id, ids))
		.all();
	return new Map(rows.map((r) => [r.id, r.name]));
}
export interface OpenCaseSummary {
	id: number;
	unitCode: string;
	ownerName: string;
	ownerType: MoveInOwnerType;
	proxyName: string;
	openedAt: number;
	openedByName: string;
	requiredCount: number;
	receivedCount: number;
	lastActivityAt: number;
}

/** Open cases, to continue on a later visit (most recent activity first). */
export function listOpenCases(db: Db, communityId: number): OpenCaseSummary[] {
	const rows = db
		.select({ c: moveinCases, unitCode: units.code, openedByName: staffUsers.displayName })
		.from(moveinCases)
		.innerJoin(units, eq(units.id, moveinCases.unitId))
		.innerJoin(staffUsers, eq(staffUsers.id, moveinCases.openedBy))
		.where(and(eq(moveinCases.communityId, communityId), eq(moveinCases.status, 'open')))
		.all();
	const events = eventsOf(
		db,
		rows.map((r) => r.c.id)
	);
	return rows
		.map(({ c, unitCode, openedByName }) => {
			const mine = events.filter((e) => e.caseId === c.id);
			const received = receivedMap(mine);
			const required = checklistOf(c).filter((i) => i.required);
			return {
				id: c.id,
				unitCode,
				ownerName: c.ownerName,
				ownerType: c.ownerType,
				proxyName: c.proxyName,
				openedAt: c.openedAt,
				openedByName,
				requiredCount: required.length,
				receivedCount: required.filter((i) => received.has(i.code)).length,
				lastActivityAt: Math.max(c.openedAt, ...mine.map((e) => e.at))
			};
		})
		.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id);
}

// ------------------------------------------------------------------------------ handover notices

export interface PendingUnit {
	id: number;
	code: string;
	building: string;
	ownerName: string;
	noticeDate: string | null;
	daysSinceNotice: number | null;
	openCaseId: number | null;
}

/** Units not yet handed over, with their notice dates and how long ago; oldest notice first. */
export function listPending(
	db: Db,
	communityId: number,
	opts: { building?: string; now?: number } = {}
): PendingUnit[] {
	const t = today(db, communityId, opts.now ?? nowMs());
	const conds = [eq(units.communityId, communityId), eq(units.occupancy, 'not_handed_over')];
	if (opts.building) conds.push(eq(units.building, opts.building));
	const rows = db
		.select()
		.from(units)
		.where(and(...conds))
		.all();
	const open = new Map(
		db
			.select({ id: moveinCases.id, unitId: moveinCases.unitId })
			.from(moveinCases)
			.where(and(eq(moveinCases.communityId, communityId), eq(moveinCases.status, 'open')))
			.all()
			.map((r) => [r.unitId, r.id])
	);
	const ties = unitsTiesAsOf(
		db,
		rows.map((r) => r.id),
		communityToday(getCommunity(db, communityId), new Date(nowMs())),
		['owner']
	);
	const ownerOf = new Map<number, string>();
	for (const [unitId, t] of ties) if (t[0]) ownerOf.set(unitId, t[0].name);
	return rows
		.map((u) => ({
			id: u.id,
			code: u.code,
			building: u.building,
			ownerName: ownerOf.get(u.id) ?? '',
			noticeDate: u.handoverNoticeDate,
			daysSinceNotice: daysSinceNotice(u.handoverNoticeDate, t),
			openCaseId: open.get(u.id) ?? null
		}))
		.sort(
			(a, b) =>
				(a.noticeDate ?? '9999').localeCompare(b.noticeDate ?? '9999') ||
				compareCodes(a.code, b.code)
		);
}

/** Unit codes in natural order (8-1-901 before 8-1-1001). */
export function compareCodes(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}
