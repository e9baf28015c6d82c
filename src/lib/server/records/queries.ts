/**
 * What the record screens read. ID numbers leave this module masked, except `personForEdit`
 * (the edit form alone shows the number as entered).
 */
import { and, desc, eq, gt, isNotNull, isNull, like, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import {
	auditLog,
	owners,
	parkingSpaceHoldings,
	parkingSpaces,
	staffUsers,
	units,
	vehicles,
	type IdType,
	type Occupancy,
	type OwnerType,
	type UnitUse
} from '../db/schema';
import { currentFirst, maskIdNumber } from '../../domain/records';
import { unitsTiesAsOf } from './ties';
import {
	buildingEntrancesSql,
	listPeopleSql,
	listUnitsSql,
	tieParams,
	tiesOfPersonSql,
	tiesOfUnitSql,
	type TieViewRow
} from './sql';

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface BuildingSummary {
	building: string;
	entrances: string[];
	units: number;
}

export function buildings(db: Db, communityId: number): BuildingSummary[] {
	const rows = buildingEntrancesSql.all(db, communityId);
	const out: BuildingSummary[] = [];
	for (const r of rows) {
		let b = out.at(-1);
		if (!b || b.building !== r.building)
			out.push((b = { building: r.building, entrances: [], units: 0 }));
		b.entrances.push(r.entrance);
		b.units += r.n;
	}
	return out;
}

export interface UnitListRow {
	id: number;
	code: string;
	areaCenti: number;
	use: UnitUse;
	occupancy: Occupancy;
	owners: string;
}

export const UNIT_PAGE = 100;

/**
 * Units of a building/entrance, or found by code prefix or by a person (name or phone digits)
 * tied to them today; at most UNIT_PAGE, in natural order.
 */
export function listUnits(
	db: Db,
	communityId: number,
	filter: { building: string; entrance: string; q: string },
	today: string
): { rows: UnitListRow[]; more: boolean } {
	const q = filter.q.trim();
	const like = '%' + escapeLike(q) + '%';
	const rows = listUnitsSql.all(
		db,
		communityId,
		filter.building,
		filter.building,
		filter.entrance,
		filter.entrance,
		q,
		escapeLike(q) + '%',
		communityId,
		like,
		q,
		like,
		...tieParams(today),
		UNIT_PAGE + 1
	);
	const page = rows.slice(0, UNIT_PAGE);
	const ties = unitsTiesAsOf(
		db,
		page.map((r) => r.id),
		today,
		['owner', 'co_owner']
	);
	return {
		rows: page.map((r) => ({
			...r,
			owners: (ties.get(r.id) ?? []).map((t) => t.name).join('、')
		})),
		more: rows.length > UNIT_PAGE
	};
}

/** A tie as the record pages show it: the ID number masked, "current" by the as-of rule. */
export interface TieView extends Omit<TieViewRow, 'idNumber'> {
	idMasked: string;
	current: boolean;
}

function tieViews(rows: TieViewRow[], today: string): TieView[] {
	return currentFirst(rows, today).map(({ idNumber, ...r }) => ({
		...r,
		idMasked: maskIdNumber(idNumber)
	}));
}

export interface SpaceHeld {
	holdingId: number;
	spaceId: number;
	code: string;
	kind: string;
	areaCenti: number;
	unitId: number;
	unitCode: string;
	holding: 'owned' | 'rented';
	startDate: string;
	endDate: string | null;
}

export interface VehicleView {
	id: number;
	plate: string;
	personId: number | null;
	personName: string | null;
	unitId: number | null;
	unitCode: string | null;
	spaceCode: string | null;
	startDate: string;
	endDate: string | null;
}

/** Vehicles matching `where`: current first, by plate. */
function vehiclesWhere(db: Db, where: SQL | undefined): VehicleView[] {
	return db
		.select({
			id: vehicles.id,
			plate: vehicles.plate,
			personId: vehicles.ownerId,
			personName: owners.name,
			unitId: vehicles.unitId,
			unitCode: units.code,
			spaceCode: parkingSpaces.code,
			startDate: vehicles.startDate,
			endDate: vehicles.endDate
		})
		.from(vehicles)
		.leftJoin(owners, eq(owners.id, vehicles.ownerId))
		.leftJoin(units, eq(units.id, vehicles.unitId))
		.leftJoin(parkingSpaces, eq(parkingSpaces.id, vehicles.spaceId))
		.where(where)
		.orderBy(isNotNull(vehicles.endDate), vehicles.plate)
		.all();
}

export interface AuditView {
	at: number;
	action: string;
	actor: string | null;
	detail: Record<string, unknown>;
}

/** The audit trail of one record, newest first. */
export function auditTrail(
	db: Db,
	communityId: number,
	targetType: string,
	targetId: number
): AuditView[] {
	return db
		.select({
			at: auditLog.at,
			action: auditLog.action,
			actor: staffUsers.displayName,
			detail: auditLog.detail
		})
		.from(auditLog)
		.leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
		.where(
			and(
				eq(auditLog.communityId, communityId),
				eq(auditLog.targetType, targetType),
				eq(auditLog.targetId, String(targetId)),
				like(auditLog.action, 'records.%')
			)
		)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(200)
		.all()
		.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export interface UnitRecord {
	id: number;
	building: string;
	entrance: string;
	room: string;
	code: string;
	areaCenti: number;
	use: UnitUse;
	occupancy: Occupancy;
	handoverNoticeDate: string | null;
	moveInDate: string | null;
	ties: TieView[];
	spaces: SpaceHeld[];
	vehicles: VehicleView[];
	audit: AuditView[];
}

/** A unit's own fields, in `communityId` only (undefined for another community's unit). */
export function unitRow(db: Db, communityId: number, unitId: number) {
	return db
		.select({
			id: units.id,
			building: units.building,
			entrance: units.entrance,
			room: units.room,
			code: units.code,
			areaCenti: units.areaCenti,
			use: units.use,
			occupancy: units.occupancy,
			handoverNoticeDate: units.handoverNoticeDate,
			moveInDate: units.moveInDate
		})
		.from(units)
		.where(and(eq(units.id, unitId), eq(units.communityId, communityId)))
		.get();
}

/** A unit with everyone ever tied to it (current first), its spaces and vehicles, and its history. */
export function unitRecord(
	db: Db,
	communityId: number,
	unitId: number,
	today: string
): UnitRecord | null {
	const u = unitRow(db, communityId, unitId);
	if (!u) return null;
	const h = parkingSpaceHoldings;
	return {
		...u,
		ties: tieViews(tiesOfUnitSql.all(db, unitId), today),
		spaces: db
			.select({
				holdingId: h.id,
				spaceId: parkingSpaces.id,
				code: parkingSpaces.code,
				kind: parkingSpaces.kind,
				areaCenti: parkingSpaces.areaCenti,
				unitId: h.unitId,
				unitCode: units.code,
				holding: h.holding,
				startDate: h.startDate,
				endDate: h.endDate
			})
			.from(h)
			.innerJoin(parkingSpaces, eq(parkingSpaces.id, h.spaceId))
			.innerJoin(units, eq(units.id, h.unitId))
			.where(eq(h.unitId, unitId))
			.orderBy(isNotNull(h.endDate), parkingSpaces.code)
			.all(),
		vehicles: vehiclesWhere(db, eq(vehicles.unitId, unitId)),
		audit: auditTrail(db, communityId, 'unit', unitId)
	};
}

export interface PersonRow {
	id: number;
	name: string;
	phone: string;
	idType: IdType;
	idMasked: string;
	ownerType: OwnerType;
	units: string;
}

/**
 * People found by name, phone digits or the end of the ID number (from 4 characters: the digits a
 * resident reads off their card; the whole number matches too), at most 100.
 */
export function listPeople(db: Db, communityId: number, q: string, today: string): PersonRow[] {
	const text = q.trim();
	const like = '%' + escapeLike(text) + '%';
	const idTail = '%' + escapeLike(text.replace(/\s+/g, ''));
	const rows = listPeopleSql.all(
		db,
		...tieParams(today),
		communityId,
		text,
		like,
		like,
		text,
		idTail
	);
	return rows.map(({ idNumber, ...r }) => ({
		...r,
		units: r.units ?? '',
		idMasked: maskIdNumber(idNumber)
	}));
}

export interface PersonRecord {
	id: number;
	name: string;
	phone: string;
	idType: IdType;
	idMasked: string;
	ownerType: OwnerType;
	note: string;
	ties: TieView[];
	vehicles: VehicleView[];
	audit: AuditView[];
}

/** A person with every unit they are or were tied to (current first), vehicles and history. */
export function personRecord(
	db: Db,
	communityId: number,
	personId: number,
	today: string
): PersonRecord | null {
	const p = personForEdit(db, communityId, personId);
	if (!p) return null;
	const { idNumber, ...rest } = p;
	return {
		...rest,
		idMasked: maskIdNumber(idNumber),
		ties: tieViews(tiesOfPersonSql.all(db, personId), today),
		vehicles: vehiclesWhere(db, eq(vehicles.ownerId, personId)),
		audit: auditTrail(db, communityId, 'owner', personId)
	};
}

/** The person as entered (the ID number unmasked): the edit form alone shows it; commands check and diff it. */
export function personForEdit(db: Db, communityId: number, personId: number) {
	return db
		.select({
			id: owners.id,
			name: owners.name,
			phone: owners.phone,
			idType: owners.idType,
			idNumber: owners.idNumber,
			ownerType: owners.ownerType,
			note: owners.note
		})
		.from(owners)
		.where(and(eq(owners.id, personId), eq(owners.communityId, communityId)))
		.get();
}

export interface SpaceRow {
	id: number;
	code: string;
	kind: string;
	areaCenti: number;
	holdingId: number | null;
	unitCode: string | null;
	holding: 'owned' | 'rented' | null;
	startDate: string | null;
}

/** Every space with its holder today (if any). */
export function listSpaces(db: Db, communityId: number, today: string): SpaceRow[] {
	const h = parkingSpaceHoldings;
	return db
		.select({
			id: parkingSpaces.id,
			code: parkingSpaces.code,
			kind: parkingSpaces.kind,
			areaCenti: parkingSpaces.areaCenti,
			holdingId: h.id,
			unitCode: units.code,
			holding: h.holding,
			startDate: h.startDate
		})
		.from(parkingSpaces)
		.leftJoin(
			h,
			and(
				eq(h.spaceId, parkingSpaces.id),
				lte(h.startDate, today),
				or(isNull(h.endDate), gt(h.endDate, today))
			)
		)
		.leftJoin(units, eq(units.id, h.unitId))
		.where(eq(parkingSpaces.communityId, communityId))
		.orderBy(parkingSpaces.code)
		.all();
}

/** Vehicles registered today, by plate. */
export function listVehicles(db: Db, communityId: number): VehicleView[] {
	return vehiclesWhere(db, and(eq(vehicles.communityId, communityId), isNull(vehicles.endDate)));
}
