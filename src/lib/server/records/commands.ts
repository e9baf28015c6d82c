/**
 * Changes to the community's records. Each is one IMMEDIATE transaction with its audit row (who,
 * why, old → new); a refusal throws RecordsError inside it, so nothing is written. Ties, space
 * holdings and vehicles are ended and started again, never rewritten: the past stays readable.
 * Simple corrections (a unit's area, a person's name or phone) are updates, with the old value in
 * the audit log.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import {
	owners,
	parkingSpaceHoldings,
	parkingSpaces,
	unitOwners,
	units,
	vehicles,
	type IdType,
	type Occupancy,
	type OwnerType,
	type UnitOwnerRole,
	type UnitUse
} from '../db/schema';
import { checkTieDates, checkTransfer, unitCodeOf } from '../../domain/records';
import { unitTiesAsOf } from './ties';
import { personForEdit, unitRow } from './queries';
import { recordedTies } from './ties';
import { dryRun } from '../renovation/review';
import { RecordsError } from './errors';

export interface Actor {
	id: number;
	communityId: number;
}

function today(db: Db, communityId: number, nowMs: number): string {
	return communityToday(getCommunity(db, communityId), new Date(nowMs));
}

function record(
	db: Db,
	actor: Actor,
	action: string,
	targetType: string,
	targetId: number,
	detail: Record<string, unknown>,
	nowMs: number
) {
	audit(
		db,
		{ communityId: actor.communityId, actorId: actor.id, action, targetType, targetId, detail },
		nowMs
	);
}

/** The fields that differ, as { field: [old, new] }. */
function changesOf<T extends object>(
	before: T,
	after: Partial<T>
): Record<string, [unknown, unknown]> {
	const out: Record<string, [unknown, unknown]> = {};
	const old = before as Record<string, unknown>;
	for (const [k, v] of Object.entries(after))
		if (v !== undefined && old[k] !== v) out[k] = [old[k], v];
	return out;
}

export function unitIdByCodeIn(db: Db, communityId: number, code: string): number | null {
	const r = db
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, code.trim())))
		.get();
	return r?.id ?? null;
}

// ------------------------------------------------------------------------------ units

export interface UnitFields {
	building: string;
	entrance: string;
	room: string;
	areaCenti: number;
	use: UnitUse;
	occupancy: Occupancy;
	handoverNoticeDate: string | null;
	moveInDate: string | null;
}

function unitFieldsOf(i: UnitFields): UnitFields {
	const { building, entrance, room, areaCenti, use, occupancy, handoverNoticeDate, moveInDate } = i;
	return { building, entrance, room, areaCenti, use, occupancy, handoverNoticeDate, moveInDate };
}

export function createUnit(
	db: Db,
	actor: Actor,
	input: UnitFields & { reason: string },
	nowMs: number
): number {
	return tx(db, () => {
		const code = unitCodeOf(input.building, input.entrance, input.room);
		if (unitIdByCodeIn(db, actor.communityId, code) !== null)
			throw new RecordsError('code_taken', 'room');
		const { id } = db
			.insert(units)
			.values({
				communityId: actor.communityId,
				building: input.building,
				entrance: input.entrance,
				room: input.room,
				code,
				areaCenti: input.areaCenti,
				use: input.use,
				occupancy: input.occupancy,
				handoverNoticeDate: input.handoverNoticeDate,
				moveInDate: input.moveInDate,
				createdAt: nowMs
			})
			.returning({ id: units.id })
			.get();
		const { reason, ...fields } = input;
		record(db, actor, 'records.unit.create', 'unit', id, { code, ...fields, reason }, nowMs);
		return id;
	});
}

/**
 * Corrects a unit. A new floor area prices the bills generated from now on; bills already made
 * keep their amounts (they carry their own figures).
 */
export function updateUnit(
	db: Db,
	actor: Actor,
	unitId: number,
	input: UnitFields & { reason: string },
	nowMs: number
): void {
	tx(db, () => {
		const before = unitRow(db, actor.communityId, unitId);
		if (!before) throw new RecordsError('unit_not_found');
		const code = unitCodeOf(input.building, input.entrance, input.room);
		const other = unitIdByCodeIn(db, actor.communityId, code);
		if (other !== null && other !== unitId) throw new RecordsError('code_taken', 'room');
		const fields = unitFieldsOf(input);
		const reason = input.reason;
		const changes = changesOf(before, { ...fields, code });
		if (Object.keys(changes).length === 0) throw new RecordsError('no_change');
		db.update(units)
			.set({ ...fields, code })
			.where(eq(units.id, unitId))
			.run();
		record(db, actor, 'records.unit.update', 'unit', unitId, { changes, reason }, nowMs);
	});
}

// ------------------------------------------------------------------------------ people

export interface PersonFields {
	name: string;
	phone: string;
	idType: IdType;
	idNumber: string;
	ownerType: OwnerType;
	note: string;
}

function insertPerson(db: Db, actor: Actor, p: PersonFields, nowMs: number): number {
	const { id } = db
		.insert(owners)
		.values({ communityId: actor.communityId, ...p, createdAt: nowMs })
		.returning({ id: owners.id })
		.get();
	// The audit keeps no ID number: the log is read more widely than the edit form.
	record(
		db,
		actor,
		'records.person.create',
		'owner',
		id,
		{ name: p.name, ownerType: p.ownerType },
		nowMs
	);
	return id;
}

export function createPerson(db: Db, actor: Actor, input: PersonFields, nowMs: number): number {
	return tx(db, () => insertPerson(db, actor, input, nowMs));
}

/** Audit detail of a person's change: ID numbers only say that they changed. */
function personChanges(before: PersonFields, after: Partial<PersonFields>) {
	const changes = changesOf(before, after);
	if (changes.idNumber) changes.idNumber = ['…', '…'];
	return changes;
}

export function updatePerson(
	db: Db,
	actor: Actor,
	personId: number,
	input: PersonFields & { reason: string },
	nowMs: number
): void {
	tx(db, () => {
		const before = personForEdit(db, actor.communityId, personId);
		if (!before) throw new RecordsError('person_not_found');
		const { reason, ...fields } = input;
		const changes = personChanges(before, fields);
		if (Object.keys(changes).length === 0) throw new RecordsError('no_change');
		db.update(owners)
			.set({
				name: fields.name,
				phone: fields.phone,
				idType: fields.idType,
				idNumber: fields.idNumber,
				ownerType: fields.ownerType,
				note: fields.note
			})
			.where(eq(owners.id, personId))
			.run();
		record(db, actor, 'records.person.update', 'owner', personId, { changes, reason }, nowMs);
	});
}

/**
 * A clerk corrects a phone number with the person present: the only change a clerk may make to
 * the records, and the phone is also the kiosk sign-in, so the reason and the old number are kept.
 */
export function correctPhone(
	db: Db,
	actor: Actor,
	personId: number,
	phone: string,
	reason: string,
	nowMs: number
): void {
	tx(db, () => {
		const before = personForEdit(db, actor.communityId, personId);
		if (!before) throw new RecordsError('person_not_found');
		if (before.phone === phone) throw new RecordsError('no_change', 'phone');
		db.update(owners).set({ phone }).where(eq(owners.id, personId)).run();
		record(
			db,
			actor,
			'records.person.phone',
			'owner',
			personId,
			{ changes: { phone: [before.phone, phone] }, reason },
			nowMs
		);
	});
}

// ------------------------------------------------------------------------------ ties

export interface NewTie {
	unitId: number;
	personId: number;
	role: UnitOwnerRole;
	startDate: string | null;
	endDate: string | null;
	reason: string;
}

/**
 * Ties a person to a unit (co-owner, household member, tenant with lease dates, emergency
 * contact…). A second owner is a transfer or a co-owner, not another "owner" tie.
 */
export function addTie(db: Db, actor: Actor, input: NewTie, nowMs: number): number {
	return tx(db, () => {
		if (!unitRow(db, actor.communityId, input.unitId)) throw new RecordsError('unit_not_found');
		if (!personForEdit(db, actor.communityId, input.personId))
			throw new RecordsError('person_not_found', 'personId');
		if (!checkTieDates(input.startDate, input.endDate))
			throw new RecordsError('end_before_start', 'endDate');
		const open = db
			.select({ ownerId: unitOwners.ownerId, role: unitOwners.role })
			.from(unitOwners)
			.where(and(eq(unitOwners.unitId, input.unitId), isNull(unitOwners.endDate)))
			.all();
		if (input.endDate === null) {
			if (open.some((t) => t.ownerId === input.personId && t.role === input.role))
				throw new RecordsError('tie_exists', 'personId');
			if (input.role === 'owner' && open.some((t) => t.role === 'owner'))
				throw new RecordsError('owner_exists', 'role');
		}
		const { id } = db
			.insert(unitOwners)
			.values({
				unitId: input.unitId,
				ownerId: input.personId,
				role: input.role,
				startDate: input.startDate,
				endDate: input.endDate,
				endReason: input.endDate ? 'ended' : null
			})
			.returning({ id: unitOwners.id })
			.get();
		const { reason, ...tie } = input;
		record(
			db,
			actor,
			'records.tie.add',
			'unit',
			input.unitId,
			{ tieId: id, ...tie, reason },
			nowMs
		);
		return id;
	});
}

export const END_REASONS = ['moved_out', 'lease_ended', 'deceased', 'correction', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number] | 'transfer' | 'ended';

/**
 * Ends a tie on a date (the tie no longer holds from that day). A tie with an end still ahead (a
 * lease running to next year) may be ended earlier; one already over may not.
 */
export function endTie(
	db: Db,
	actor: Actor,
	tieId: number,
	endDate: string,
	endReason: EndReason,
	reason: string,
	nowMs: number
): void {
	tx(db, () => {
		const t = recordedTies(db, actor.communityId, eq(unitOwners.id, tieId)).get();
		if (!t) throw new RecordsError('not_found');
		const day = today(db, actor.communityId, nowMs);
		if (t.endDate !== null && (t.endDate <= day || endDate >= t.endDate))
			throw new RecordsError('already_ended');
		if (!checkTieDates(t.startDate, endDate)) throw new RecordsError('end_before_start', 'endDate');
		if (endDate > day) throw new RecordsError('date_future', 'endDate');
		db.update(unitOwners).set({ endDate, endReason }).where(eq(unitOwners.id, tieId)).run();
		record(
			db,
			actor,
			'records.tie.end',
			'unit',
			t.unitId,
			{ tieId, ownerId: t.ownerId, role: t.role, endDate, endReason, reason },
			nowMs
		);
	});
}

export interface TransferInput {
	unitId: number;
	date: string;
	/** An existing person, or null with `newPerson` to record one. */
	newOwnerId: number | null;
	newPerson: PersonFields | null;
	/** Also end the old owner's household, residents, authorised people and emergency contacts. */
	endHousehold: boolean;
	reason: string;
}

const HOUSEHOLD_ROLES = ['household', 'resident', 'authorised', 'emergency'];

/**
 * 过户: on `date`, the open owner and co-owner ties end (reason 'transfer') and the new owner's
 * starts the same day, in one transaction. Bills before the date keep the old owner (ties as of
 * a bill month's first day); tenants' leases run on.
 */
export function transferOwnership(
	db: Db,
	actor: Actor,
	input: TransferInput,
	nowMs: number
): { newOwnerId: number; ended: number[] } {
	return tx(db, () => {
		const unit = unitRow(db, actor.communityId, input.unitId);
		if (!unit) throw new RecordsError('unit_not_found');
		if (input.newOwnerId !== null && !personForEdit(db, actor.communityId, input.newOwnerId))
			throw new RecordsError('person_not_found', 'newOwnerId');
		const open = db
			.select({
				id: unitOwners.id,
				ownerId: unitOwners.ownerId,
				role: unitOwners.role,
				startDate: unitOwners.startDate,
				endDate: unitOwners.endDate
			})
			.from(unitOwners)
			.where(and(eq(unitOwners.unitId, input.unitId), isNull(unitOwners.endDate)))
			.all();
		const ownerTies = open.filter((t) => t.role === 'owner' || t.role === 'co_owner');
		const errors = checkTransfer(
			ownerTies,
			input.newOwnerId,
			input.date,
			today(db, actor.communityId, nowMs)
		);
		if (errors.length) throw new RecordsError(errors[0], 'date');
		const household = input.endHousehold
			? open.filter((t) => HOUSEHOLD_ROLES.includes(t.role))
			: [];
		const ending = [...ownerTies, ...household];
		// A household tie that started after the date would end before it began: leave it open.
		const ended = ending.filter((t) => t.startDate === null || t.startDate <= input.date);
		for (const t of ended)
			db.update(unitOwners)
				.set({ endDate: input.date, endReason: 'transfer' })
				.where(eq(unitOwners.id, t.id))
				.run();
		const newOwnerId = input.newOwnerId ?? insertPerson(db, actor, input.newPerson!, nowMs);
		db.insert(unitOwners)
			.values({ unitId: input.unitId, ownerId: newOwnerId, role: 'owner', startDate: input.date })
			.run();
		record(
			db,
			actor,
			'records.transfer',
			'unit',
			input.unitId,
			{
				date: input.date,
				from: ownerTies.map((t) => t.ownerId),
				to: newOwnerId,
				endedTies: ended.map((t) => t.id),
				reason: input.reason
			},
			nowMs
		);
		return { newOwnerId, ended: ended.map((t) => t.id) };
	});
}

export interface TransferReview {
	date: string;
	newOwner: string;
	/** The ties that end on the date: owners and co-owners, and the household when asked. */
	ending: { name: string; role: string }[];
}

/**
 * The confirmation of a transfer: the transfer runs for real in a transaction that is rolled back,
 * so every check applies and the page shows exactly which ties would end and who would own.
 */
export function reviewTransfer(
	db: Db,
	actor: Actor,
	input: TransferInput,
	nowMs: number
): TransferReview {
	return dryRun(db, () => {
		const { newOwnerId, ended } = transferOwnership(db, actor, input, nowMs);
		const name = (id: number) =>
			db.select({ name: owners.name }).from(owners).where(eq(owners.id, id)).get()?.name ?? '';
		const ending = ended.map((tieId) => {
			const t = db
				.select({ ownerId: unitOwners.ownerId, role: unitOwners.role })
				.from(unitOwners)
				.where(eq(unitOwners.id, tieId))
				.get()!;
			return { name: name(t.ownerId), role: t.role };
		});
		return { date: input.date, newOwner: name(newOwnerId), ending };
	});
}

/** The owners of a unit on a date (for tests and the transfer page). */
export function ownersOn(db: Db, unitId: number, date: string) {
	return unitTiesAsOf(db, unitId, date, ['owner', 'co_owner']);
}

// ------------------------------------------------------------------------------ spaces, vehicles

export interface SpaceFields {
	code: string;
	areaCenti: number;
	kind: 'surface' | 'underground' | 'mechanical';
}

export function createSpace(db: Db, actor: Actor, input: SpaceFields, nowMs: number): number {
	return tx(db, () => {
		const taken = db
			.select({ id: parkingSpaces.id })
			.from(parkingSpaces)
			.where(
				and(eq(parkingSpaces.communityId, actor.communityId), eq(parkingSpaces.code, input.code))
			)
			.get();
		if (taken) throw new RecordsError('space_code_taken', 'code');
		const { id } = db
			.insert(parkingSpaces)
			.values({ communityId: actor.communityId, ...input, createdAt: nowMs })
			.returning({ id: parkingSpaces.id })
			.get();
		record(db, actor, 'records.space.create', 'parking_space', id, { ...input }, nowMs);
		return id;
	});
}

function spaceId(db: Db, communityId: number, code: string): number {
	const r = db
		.select({ id: parkingSpaces.id })
		.from(parkingSpaces)
		.where(and(eq(parkingSpaces.communityId, communityId), eq(parkingSpaces.code, code.trim())))
		.get();
	if (!r) throw new RecordsError('space_not_found', 'spaceCode');
	return r.id;
}

/**
 * A unit holds a space (owned or rented) from a date: the space's current holding ends that day.
 */
export function assignSpace(
	db: Db,
	actor: Actor,
	input: {
		spaceCode: string;
		unitCode: string;
		holding: 'owned' | 'rented';
		startDate: string;
		reason: string;
	},
	nowMs: number
): number {
	return tx(db, () => {
		const space = spaceId(db, actor.communityId, input.spaceCode);
		const unitId = unitIdByCodeIn(db, actor.communityId, input.unitCode);
		if (unitId === null) throw new RecordsError('unit_not_found', 'unitCode');
		if (input.startDate > today(db, actor.communityId, nowMs))
			throw new RecordsError('date_future', 'startDate');
		const h = parkingSpaceHoldings;
		const current = db
			.select({ id: h.id, startDate: h.startDate })
			.from(h)
			.where(and(eq(h.spaceId, space), isNull(h.endDate)))
			.get();
		if (current && current.startDate > input.startDate)
			throw new RecordsError('holding_overlap', 'startDate');
		if (current) db.update(h).set({ endDate: input.startDate }).where(eq(h.id, current.id)).run();
		const { id } = db
			.insert(h)
			.values({
				spaceId: space,
				unitId,
				holding: input.holding,
				startDate: input.startDate,
				createdAt: nowMs
			})
			.returning({ id: h.id })
			.get();
		record(
			db,
			actor,
			'records.space.assign',
			'parking_space',
			space,
			{
				unitId,
				holding: input.holding,
				startDate: input.startDate,
				endedHolding: current?.id ?? null,
				reason: input.reason
			},
			nowMs
		);
		return id;
	});
}

export function endHolding(
	db: Db,
	actor: Actor,
	holdingId: number,
	endDate: string,
	reason: string,
	nowMs: number
): void {
	tx(db, () => {
		const h = db
			.select({
				id: parkingSpaceHoldings.id,
				spaceId: parkingSpaceHoldings.spaceId,
				startDate: parkingSpaceHoldings.startDate,
				endDate: parkingSpaceHoldings.endDate
			})
			.from(parkingSpaceHoldings)
			.innerJoin(parkingSpaces, eq(parkingSpaces.id, parkingSpaceHoldings.spaceId))
			.where(
				and(
					eq(parkingSpaceHoldings.id, holdingId),
					eq(parkingSpaces.communityId, actor.communityId)
				)
			)
			.get();
		if (!h) throw new RecordsError('not_found');
		if (h.endDate !== null) throw new RecordsError('already_ended');
		if (endDate < h.startDate) throw new RecordsError('end_before_start', 'endDate');
		if (endDate > today(db, actor.communityId, nowMs))
			throw new RecordsError('date_future', 'endDate');
		db.update(parkingSpaceHoldings)
			.set({ endDate })
			.where(eq(parkingSpaceHoldings.id, holdingId))
			.run();
		record(
			db,
			actor,
			'records.space.release',
			'parking_space',
			h.spaceId,
			{ holdingId, endDate, reason },
			nowMs
		);
	});
}

export function addVehicle(
	db: Db,
	actor: Actor,
	input: {
		plate: string;
		unitCode: string;
		spaceCode: string;
		personId: number | null;
		startDate: string;
	},
	nowMs: number
): number {
	return tx(db, () => {
		const unitId = unitIdByCodeIn(db, actor.communityId, input.unitCode);
		if (unitId === null) throw new RecordsError('unit_not_found', 'unitCode');
		const space = input.spaceCode ? spaceId(db, actor.communityId, input.spaceCode) : null;
		if (input.personId !== null && !personForEdit(db, actor.communityId, input.personId))
			throw new RecordsError('person_not_found', 'personId');
		const registered = db
			.select({ id: vehicles.id })
			.from(vehicles)
			.where(
				and(
					eq(vehicles.communityId, actor.communityId),
					eq(vehicles.plate, input.plate),
					isNull(vehicles.endDate)
				)
			)
			.get();
		if (registered) throw new RecordsError('tie_exists', 'plate');
		const { id } = db
			.insert(vehicles)
			.values({
				communityId: actor.communityId,
				plate: input.plate,
				ownerId: input.personId,
				unitId,
				spaceId: space,
				startDate: input.startDate,
				createdAt: nowMs
			})
			.returning({ id: vehicles.id })
			.get();
		record(
			db,
			actor,
			'records.vehicle.add',
			'vehicle',
			id,
			{ plate: input.plate, unitId, spaceId: space, startDate: input.startDate },
			nowMs
		);
		return id;
	});
}

export function endVehicle(
	db: Db,
	actor: Actor,
	vehicleId: number,
	endDate: string,
	reason: string,
	nowMs: number
): void {
	tx(db, () => {
		const v = db
			.select({ id: vehicles.id, startDate: vehicles.startDate, endDate: vehicles.endDate })
			.from(vehicles)
			.where(and(eq(vehicles.id, vehicleId), eq(vehicles.communityId, actor.communityId)))
			.get();
		if (!v) throw new RecordsError('not_found');
		if (v.endDate !== null) throw new RecordsError('already_ended');
		if (endDate < v.startDate) throw new RecordsError('end_before_start', 'endDate');
		if (endDate > today(db, actor.communityId, nowMs))
			throw new RecordsError('date_future', 'endDate');
		db.update(vehicles).set({ endDate }).where(eq(vehicles.id, vehicleId)).run();
		record(db, actor, 'records.vehicle.end', 'vehicle', vehicleId, { endDate, reason }, nowMs);
	});
}
