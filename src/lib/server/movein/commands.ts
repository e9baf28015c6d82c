/**
 * Move-in (接房) writes, DOMAIN.md §5: open a case, tick / note / revoke items, complete it, set
 * handover notice dates. Every write is one transaction with its audit entry; refusals throw
 * `MoveInError` before anything is written.
 */
import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { moveinCases, moveinItemEvents, units, type MoveInEventKind } from '../db/schema';
import { auditBy } from '../audit';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import { isValidDate, monthOf } from '../../dates';
import {
	buildChecklist,
	completionBlocks,
	isItemCode,
	type ChecklistItem,
	type ItemCode,
	type MoveInOwnerType
} from '../../domain/movein-checklist';
import { monthsPaid } from '../fees';
import {
	caseMonths,
	caseOf,
	checklistOf,
	eventsOf,
	MoveInError,
	openCaseOfUnit,
	primaryOwner,
	receivedMap,
	today,
	type Actor,
	type CaseRow,
	type Receipt
} from './queries';

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
		const unit = db
			.select()
			.from(units)
			.where(and(eq(units.id, input.unitId), eq(units.communityId, actor.communityId)))
			.get();
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
		auditBy(
			db,
			actor,
			{
				action: 'movein.open',
				targetType: 'movein_case',
				targetId: row.id,
				detail: {
					unit: unit.code,
					ownerType: input.ownerType,
					mortgage: input.mortgage,
					proxy: input.proxy,
					persons: input.persons
				}
			},
			now
		);
		return row.id;
	});
}

function openCaseForWrite(
	db: Db,
	actor: Actor,
	caseId: number,
	code: string
): { c: CaseRow; item: ChecklistItem; received: Map<string, Receipt> } {
	const c = caseOf(db, actor.communityId, caseId);
	if (c.status !== 'open') throw new MoveInError('case_closed');
	const item = isItemCode(code) ? checklistOf(c).find((i) => i.code === code) : undefined;
	if (!item) throw new MoveInError('item_unknown');
	return { c, item, received: receivedMap(eventsOf(db, [c.id])) };
}

function addEvent(
	db: Db,
	actor: Actor,
	c: CaseRow,
	code: ItemCode,
	kind: MoveInEventKind,
	note: string,
	now: number
) {
	db.insert(moveinItemEvents)
		.values({ caseId: c.id, itemCode: code, kind, note, actorId: actor.id, at: now })
		.run();
	auditBy(
		db,
		actor,
		{
			action: `movein.item_${kind}`,
			targetType: 'movein_case',
			targetId: c.id,
			detail: { item: code, note }
		},
		now
	);
}

/** Ticks an item as received (who and when are the event). Ticking it again is refused. */
export function tickItem(
	db: Db,
	actor: Actor,
	caseId: number,
	code: string,
	note = '',
	now = nowMs()
): void {
	tx(db, () => {
		const { c, item, received } = openCaseForWrite(db, actor, caseId, code);
		const already = received.get(item.code);
		if (already)
			throw new MoveInError('item_already_received', { at: already.at, byName: already.byName });
		addEvent(db, actor, c, item.code, 'received', note.trim(), now);
	});
}

/** Notes what is still missing for an item (e.g. "copy to follow"). Not for a received item. */
export function noteMissing(
	db: Db,
	actor: Actor,
	caseId: number,
	code: string,
	note: string,
	now = nowMs()
): void {
	const text = note.trim();
	if (!text) throw new MoveInError('bad_input', { field: 'note' });
	tx(db, () => {
		const { c, item, received } = openCaseForWrite(db, actor, caseId, code);
		const already = received.get(item.code);
		if (already)
			throw new MoveInError('item_already_received', { at: already.at, byName: already.byName });
		addEvent(db, actor, c, item.code, 'missing', text, now);
	});
}

/** Takes back a tick made by mistake; the reason is kept, the original event stays. */
export function revokeItem(
	db: Db,
	actor: Actor,
	caseId: number,
	code: string,
	reason: string,
	now = nowMs()
): void {
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
export function completeCase(
	db: Db,
	actor: Actor,
	caseId: number,
	input: CompleteInput,
	now = nowMs()
): void {
	tx(db, () => {
		const c = caseOf(db, actor.communityId, caseId);
		if (c.status !== 'open') throw new MoveInError('case_closed');
		const unit = db.select().from(units).where(eq(units.id, c.unitId)).get()!;
		if (unit.occupancy === 'occupied') throw new MoveInError('unit_occupied');
		const received = new Set(receivedMap(eventsOf(db, [c.id])).keys());
		const months = caseMonths(c);
		const blocks = completionBlocks({
			items: checklistOf(c),
			received,
			monthsPaid: monthsPaid(db, c.unitId, months),
			months,
			keys: input.keys
		});
		if (blocks.length) throw new MoveInError('cannot_complete', { blocks });
		const recipient = (input.recipient ?? '').trim() || (c.proxy ? c.proxyName : c.ownerName);
		db.update(moveinCases)
			.set({
				status: 'completed',
				completedBy: actor.id,
				completedAt: now,
				keysHandedOver: input.keys,
				keysHandedBy: actor.id,
				keysHandedAt: now,
				keysRecipient: recipient
			})
			.where(eq(moveinCases.id, c.id))
			.run();
		db.update(units).set({ occupancy: 'occupied' }).where(eq(units.id, unit.id)).run();
		auditBy(
			db,
			actor,
			{
				action: 'movein.complete',
				targetType: 'movein_case',
				targetId: c.id,
				detail: { unit: unit.code, keys: input.keys, recipient, months }
			},
			now
		);
		auditBy(
			db,
			actor,
			{
				action: 'unit.occupancy',
				targetType: 'unit',
				targetId: unit.id,
				detail: {
					unit: unit.code,
					from: unit.occupancy,
					to: 'occupied',
					reason: 'movein',
					caseId: c.id
				}
			},
			now
		);
	});
}

// ------------------------------------------------------------------------------ handover notices

function checkNoticeDate(db: Db, communityId: number, date: string, now: number) {
	if (!isValidDate(date)) throw new MoveInError('bad_input', { field: 'date' });
	if (date > today(db, communityId, now)) throw new MoveInError('date_in_future');
}

function writeNoticeDate(
	db: Db,
	actor: Actor,
	unit: typeof units.$inferSelect,
	date: string,
	now: number,
	scope: string
) {
	db.update(units).set({ handoverNoticeDate: date }).where(eq(units.id, unit.id)).run();
	auditBy(
		db,
		actor,
		{
			action: 'unit.handover_notice_date',
			targetType: 'unit',
			targetId: unit.id,
			detail: { unit: unit.code, from: unit.handoverNoticeDate, to: date, scope }
		},
		now
	);
}

/** Sets one unit's handover notice date (audited with the old value). */
export function setNoticeDate(
	db: Db,
	actor: Actor,
	unitCode: string,
	date: string,
	now = nowMs()
): void {
	checkNoticeDate(db, actor.communityId, date, now);
	tx(db, () => {
		const unit = db
			.select()
			.from(units)
			.where(and(eq(units.communityId, actor.communityId), eq(units.code, unitCode.trim())))
			.get();
		if (!unit) throw new MoveInError('unit_not_found');
		writeNoticeDate(db, actor, unit, date, now, 'unit');
	});
}

/**
 * Sets the handover notice date of every unit of a building that is not handed over yet (units
 * already handed over keep theirs: their fees were reckoned from it). Returns how many changed.
 */
export function setBuildingNoticeDate(
	db: Db,
	actor: Actor,
	building: string,
	date: string,
	now = nowMs()
): number {
	checkNoticeDate(db, actor.communityId, date, now);
	return tx(db, () => {
		const rows = db
			.select()
			.from(units)
			.where(
				and(
					eq(units.communityId, actor.communityId),
					eq(units.building, building.trim()),
					eq(units.occupancy, 'not_handed_over')
				)
			)
			.all();
		if (rows.length === 0) throw new MoveInError('no_units');
		for (const u of rows) writeNoticeDate(db, actor, u, date, now, `building ${building.trim()}`);
		return rows.length;
	});
}
