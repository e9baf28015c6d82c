/**
 * Move-in (接房) at the counter, DOMAIN.md §5: cases, their checklist items, completion and the
 * handover notice dates. Every write is one transaction with its audit entry; refusals throw
 * `MoveInError` before anything is written.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { moveinCases, moveinItemEvents, owners, staffUsers, unitOwners, units, type MoveInEventKind } from '../db/schema';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { nowMs } from '../clock';
import { isValidDate, monthOf } from '../../dates';
import {
	buildChecklist,
	completionBlocks,
	daysSinceNotice,
	isItemCode,
	MAX_KEYS,
	MAX_PERSONS,
	missingRequired,
	prepayMonths,
	type ChecklistItem,
	type CompletionBlock,
	type ItemCode,
	type MoveInOwnerType
} from '../../domain/movein-checklist';
// The fees area decides what "paid" means (bills exist, principal fully paid, voids excluded).
import { monthsPaid } from '../fees';

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

export class MoveInError extends Error {
	constructor(
		readonly code: MoveInErrorCode,
		readonly detail: { caseId?: number; blocks?: CompletionBlock[]; at?: number; byName?: string; field?: string } = {}
	) {
		super(code);
		this.name = 'MoveInError';
	}
}

/** Who is acting: the signed-in staff member. */
export interface Actor {
	id: number;
	communityId: number;
}

export type CaseRow = typeof moveinCases.$inferSelect;

function today(db: Db, communityId: number, now: number): string {
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

function primaryOwner(db: Db, unitId: number) {
	return (
		db
			.select({ id: owners.id, name: owners.name, phone: owners.phone, ownerType: owners.ownerType })
			.from(unitOwners)
			.innerJoin(owners, eq(owners.id, unitOwners.ownerId))
			.where(and(eq(unitOwners.unitId, unitId), eq(unitOwners.role, 'owner')))
			.orderBy(asc(unitOwners.id))
			.get() ?? null
	);
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
	return db.select().from(moveinCases).where(and(eq(moveinCases.unitId, unitId), eq(moveinCases.status, 'open'))).get() ?? null;
}

// ------------------------------------------------------------------------------ cases

export interface OpenCaseInput {
	unitId: number;
	ownerType: MoveInOwnerType;
	mortgage: boolean;
	proxy: boolean;
	persons: number;
	proxyName?: string;
	proxyIdNumber?: string;
}

/**
 * Opens a move-in case. Refused for an occupied unit and when the unit already has an open case
 * (the clerk continues that one: `detail.caseId`). The handover months start this month.
 */
export function openCase(db: Db, actor: Actor, input: OpenCaseInput, now = nowMs()): number {
	// The builder validates owner type and persons; a bad one is bad input, not a crash.
	try {
		buildChecklist(input);
	} catch {
		throw new MoveInError('bad_input');
	}
	const proxyName = input.proxy ? (input.proxyName ?? '').trim() : '';
	const proxyIdNumber = input.proxy ? (input.proxyIdNumber ?? '').trim() : '';
	if (input.proxy && !proxyName) throw new MoveInError('bad_input', { field: 'proxyName' });
	return tx(db, () => {
		const unit = db.select().from(units).where(and(eq(units.id, input.unitId), eq(units.communityId, actor.communityId))).get();
		if (!unit) throw new MoveInError('unit_not_found');
		if (unit.occupancy === 'occupied') throw new MoveInError('unit_occupied');
		const existing = openCaseOfUnit(db, unit.id);
		if (existing) throw new MoveInError('case_exists', { caseId: existing.id });
		const owner = primaryOwner(db, unit.id);
		const settings = getCommunity(db, actor.communityId).settings;
		const row = db
			.insert(moveinCases)
			.values({
				communityId: actor.communityId,
				unitId: unit.id,
				ownerId: owner?.id ?? null,
				ownerName: owner?.name ?? '',
				ownerType: input.ownerType,
				mortgage: input.mortgage,
				proxy: input.proxy,
				proxyName,
				proxyIdNumber,
				persons: input.persons,
				feeStartMonth: monthOf(today(db, actor.communityId, now)),
				feeMonths: settings.fees.moveInPrepayMonths,
				status: 'open',
				openedBy: actor.id,
				openedAt: now
			})
			.returning({ id: moveinCases.id })
			.get();
		audit(
			db,
			{
				communityId: actor.communityId,
				actorId: actor.id,
				action: 'movein.open',
				targetType: 'movein_case',
				targetId: row.id,
				detail: { unit: unit.code, ownerType: input.ownerType, mortgage: input.mortgage, proxy: input.proxy, persons: input.persons }
			},
			now
		);
		return row.id;
	});
}

function caseOf(db: Db, communityId: number, caseId: number): CaseRow {
	const c = db.select().from(moveinCases).where(and(eq(moveinCases.id, caseId), eq(moveinCases.communityId, communityId))).get();
	if (!c) throw new MoveInError('case_not_found');
	return c;
}

function checklistOf(c: CaseRow): ChecklistItem[] {
	return buildChecklist({ ownerType: c.ownerType, mortgage: c.mortgage, proxy: c.proxy, persons: c.persons });
}

export function caseMonths(c: Pick<CaseRow, 'feeStartMonth' | 'feeMonths'>): string[] {
	return prepayMonths(c.feeStartMonth, c.feeMonths);
}

interface EventRow {
	id: number;
	caseId: number;
	itemCode: string;
	kind: MoveInEventKind;
	note: string;
	actorId: number;
	actorName: string;
	at: number;
}

function eventsOf(db: Db, caseIds: number[]): EventRow[] {
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
function receivedMap(events: readonly EventRow[]): Map<string, Receipt> {
	const out = new Map<string, Receipt>();
	for (const e of events) {
		if (e.kind === 'received') out.set(e.itemCode, { at: e.at, byId: e.actorId, byName: e.actorName, note: e.note });
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
		notes: events.filter((e) => e.itemCode === item.code && e.kind !== 'received').map((e) => ({ kind: e.kind, note: e.note, at: e.at, byName: e.actorName }))
	}));
	const names = staffNames(db, [c.openedBy, c.completedBy ?? c.openedBy]);
	const months = caseMonths(c);
	return {
		case: c,
		unit: { id: unit.id, code: unit.code, occupancy: unit.occupancy, handoverNoticeDate: unit.handoverNoticeDate },
		openedByName: names.get(c.openedBy) ?? '',
		completedByName: c.completedBy ? (names.get(c.completedBy) ?? '') : null,
		items,
		missing: missingRequired(items, new Set(received.keys())),
		months,
		monthsPaid: monthsPaid(db, c.unitId, months)
	};
}

function staffNames(db: Db, ids: number[]): Map<number, string> {
	const rows = db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, ids)).all();
	return new Map(rows.map((r) => [r.id, r.name]));
}

function openCaseForWrite(db: Db, actor: Actor, caseId: number, code: string): { c: CaseRow; item: ChecklistItem; received: Map<string, Receipt> } {
	const c = caseOf(db, actor.communityId, caseId);
	if (c.status !== 'open') throw new MoveInError('case_closed');
	const item = isItemCode(code) ? checklistOf(c).find((i) => i.code === code) : undefined;
	if (!item) throw new MoveInError('item_unknown');
	return { c, item, received: receivedMap(eventsOf(db, [c.id])) };
}

function addEvent(db: Db, actor: Actor, c: CaseRow, code: ItemCode, kind: MoveInEventKind, note: string, now: number) {
	db.insert(moveinItemEvents).values({ caseId: c.id, itemCode: code, kind, note, actorId: actor.id, at: now }).run();
	audit(db, { communityId: actor.communityId, actorId: actor.id, action: `movein.item_${kind}`, targetType: 'movein_case', targetId: c.id, detail: { item: code, note } }, now);
}

/** Ticks an item as received (who and when are the event). Ticking it again is refused. */
export function tickItem(db: Db, actor: Actor, caseId: number, code: string, note = '', now = nowMs()): void {
	tx(db, () => {
		const { c, item, received } = openCaseForWrite(db, actor, caseId, code);
		const already = received.get(item.code);
		if (already) throw new MoveInError('item_already_received', { at: already.at, byName: already.byName });
		addEvent(db, actor, c, item.code, 'received', note.trim(), now);
	});
}

/** Notes what is still missing for an item (e.g. "copy to follow"). Not for a received item. */
export function noteMissing(db: Db, actor: Actor, caseId: number, code: string, note: string, now = nowMs()): void {
	const text = note.trim();
	if (!text) throw new MoveInError('bad_input', { field: 'note' });
	tx(db, () => {
		const { c, item, received } = openCaseForWrite(db, actor, caseId, code);
		const already = received.get(item.code);
		if (already) throw new MoveInError('item_already_received', { at: already.at, byName: already.byName });
		addEvent(db, actor, c, item.code, 'missing', text, now);
	});
}

/** Takes back a tick made by mistake; the reason is kept, the original event stays. */
export function revokeItem(db: Db, actor: Actor, caseId: number, code: string, reason: string, now = nowMs()): void {
	const text = reason.trim();
	if (!text) throw new MoveInError('bad_input', { field: 'reason' });
	tx(db, () => {
		const { c, item, received } = openCaseForWrite(db, actor, caseId, code);
		if (!received.has(item.code)) throw new MoveInError('item_not_received');
		addEvent(db, actor, c, item.code, 'revoked', text, now);
	});
}

export interface CompleteInput {
	keys: number;
	/** Who took the keys (owner or proxy); defaults to the proxy, else the owner. */
	recipient?: string;
}

/**
 * Completes the case in one transaction: every required item received, the handover months
 * paid, keys counted; then the unit becomes `occupied` and the key handover is recorded.
 * Otherwise throws `cannot_complete` with every reason, and nothing is written.
 */
export function completeCase(db: Db, actor: Actor, caseId: number, input: CompleteInput, now = nowMs()): void {
	tx(db, () => {
		const c = caseOf(db, actor.communityId, caseId);
		if (c.status !== 'open') throw new MoveInError('case_closed');
		const unit = db.select().from(units).where(eq(units.id, c.unitId)).get()!;
		if (unit.occupancy === 'occupied') throw new MoveInError('unit_occupied');
		const received = new Set(receivedMap(eventsOf(db, [c.id])).keys());
		const months = caseMonths(c);
		const blocks = completionBlocks({ items: checklistOf(c), received, monthsPaid: monthsPaid(db, c.unitId, months), months, keys: input.keys });
		if (blocks.length) throw new MoveInError('cannot_complete', { blocks });
		const recipient = (input.recipient ?? '').trim() || (c.proxy ? c.proxyName : c.ownerName);
		db.update(moveinCases)
			.set({ status: 'completed', completedBy: actor.id, completedAt: now, keysHandedOver: input.keys, keysHandedBy: actor.id, keysHandedAt: now, keysRecipient: recipient })
			.where(eq(moveinCases.id, c.id))
			.run();
		db.update(units).set({ occupancy: 'occupied' }).where(eq(units.id, unit.id)).run();
		audit(db, { communityId: actor.communityId, actorId: actor.id, action: 'movein.complete', targetType: 'movein_case', targetId: c.id, detail: { unit: unit.code, keys: input.keys, recipient, months } }, now);
		audit(db, { communityId: actor.communityId, actorId: actor.id, action: 'unit.occupancy', targetType: 'unit', targetId: unit.id, detail: { unit: unit.code, from: unit.occupancy, to: 'occupied', reason: 'movein', caseId: c.id } }, now);
	});
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
	const events = eventsOf(db, rows.map((r) => r.c.id));
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
export function listPending(db: Db, communityId: number, opts: { building?: string; now?: number } = {}): PendingUnit[] {
	const t = today(db, communityId, opts.now ?? nowMs());
	const conds = [eq(units.communityId, communityId), eq(units.occupancy, 'not_handed_over')];
	if (opts.building) conds.push(eq(units.building, opts.building));
	const rows = db.select().from(units).where(and(...conds)).all();
	const open = new Map(
		db
			.select({ id: moveinCases.id, unitId: moveinCases.unitId })
			.from(moveinCases)
			.where(and(eq(moveinCases.communityId, communityId), eq(moveinCases.status, 'open')))
			.all()
			.map((r) => [r.unitId, r.id])
	);
	const ownerRows = rows.length
		? db
				.select({ unitId: unitOwners.unitId, name: owners.name })
				.from(unitOwners)
				.innerJoin(owners, eq(owners.id, unitOwners.ownerId))
				.where(and(inArray(unitOwners.unitId, rows.map((r) => r.id)), eq(unitOwners.role, 'owner')))
				.orderBy(asc(unitOwners.id))
				.all()
		: [];
	const ownerOf = new Map<number, string>();
	for (const o of ownerRows) if (!ownerOf.has(o.unitId)) ownerOf.set(o.unitId, o.name);
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
		.sort((a, b) => (a.noticeDate ?? '9999').localeCompare(b.noticeDate ?? '9999') || compareCodes(a.code, b.code));
}

/** Unit codes in natural order (8-1-901 before 8-1-1001). */
function compareCodes(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}

function checkNoticeDate(db: Db, communityId: number, date: string, now: number) {
	if (!isValidDate(date)) throw new MoveInError('bad_input', { field: 'date' });
	if (date > today(db, communityId, now)) throw new MoveInError('date_in_future');
}

function writeNoticeDate(db: Db, actor: Actor, unit: typeof units.$inferSelect, date: string, now: number, scope: string) {
	db.update(units).set({ handoverNoticeDate: date }).where(eq(units.id, unit.id)).run();
	audit(db, { communityId: actor.communityId, actorId: actor.id, action: 'unit.handover_notice_date', targetType: 'unit', targetId: unit.id, detail: { unit: unit.code, from: unit.handoverNoticeDate, to: date, scope } }, now);
}

/** Sets one unit's handover notice date (audited with the old value). */
export function setNoticeDate(db: Db, actor: Actor, unitCode: string, date: string, now = nowMs()): void {
	checkNoticeDate(db, actor.communityId, date, now);
	tx(db, () => {
		const unit = db.select().from(units).where(and(eq(units.communityId, actor.communityId), eq(units.code, unitCode.trim()))).get();
		if (!unit) throw new MoveInError('unit_not_found');
		writeNoticeDate(db, actor, unit, date, now, 'unit');
	});
}

/**
 * Sets the handover notice date of every unit of a building that is not handed over yet (units
 * already handed over keep theirs: their fees were reckoned from it). Returns how many changed.
 */
export function setBuildingNoticeDate(db: Db, actor: Actor, building: string, date: string, now = nowMs()): number {
	checkNoticeDate(db, actor.communityId, date, now);
	return tx(db, () => {
		const rows = db
			.select()
			.from(units)
			.where(and(eq(units.communityId, actor.communityId), eq(units.building, building.trim()), eq(units.occupancy, 'not_handed_over')))
			.all();
		if (rows.length === 0) throw new MoveInError('no_units');
		for (const u of rows) writeNoticeDate(db, actor, u, date, now, `building ${building.trim()}`);
		return rows.length;
	});
}

export { MAX_KEYS, MAX_PERSONS };
