/**
 * What the record screens read. ID numbers leave this module masked, except `personForEdit`
 * (the edit form alone shows the number as entered).
 */
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import type { IdType, Occupancy, OwnerType, UnitOwnerRole, UnitUse } from '../db/schema';
import { maskIdNumber, tieInForce } from '../../domain/records';
import { ROLE_ORDER_SQL, unitsTiesAsOf } from './ties';

const NATURAL_ORDER =
	'CAST(u.building AS INTEGER), u.building, CAST(u.entrance AS INTEGER), u.entrance, CAST(u.room AS INTEGER), u.room';

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface BuildingSummary {
	building: string;
	entrances: string[];
	units: number;
}

export function buildings(db: Db, communityId: number): BuildingSummary[] {
	const rows = stmt(
		db,
		`SELECT u.building, u.entrance, COUNT(*) AS n FROM units u WHERE u.community_id = ?
		GROUP BY u.building, u.entrance ORDER BY CAST(u.building AS INTEGER), u.building, CAST(u.entrance AS INTEGER), u.entrance`
	).all(communityId) as { building: string; entrance: string; n: number }[];
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
	const conds = ['u.community_id = ?'];
	const params: unknown[] = [communityId];
	if (filter.building) {
		conds.push('u.building = ?');
		params.push(filter.building);
	}
	if (filter.entrance) {
		conds.push('u.entrance = ?');
		params.push(filter.entrance);
	}
	const q = filter.q.trim();
	if (q) {
		const like = '%' + escapeLike(q) + '%';
		conds.push(`(u.code LIKE ? ESCAPE '\\' OR u.id IN (SELECT uo.unit_id FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
			WHERE o.community_id = ? AND (o.name LIKE ? ESCAPE '\\' OR (length(?) >= 4 AND o.phone LIKE ? ESCAPE '\\'))
			AND (uo.start_date IS NULL OR uo.start_date <= ?) AND (uo.end_date IS NULL OR uo.end_date > ?)))`);
		params.push(escapeLike(q) + '%', communityId, like, q, like, today, today);
	}
	const rows = db.$client
		.prepare(
			`SELECT u.id, u.code, u.area_centi AS areaCenti, u.use, u.occupancy FROM units u WHERE ${conds.join(' AND ')}
			ORDER BY ${NATURAL_ORDER} LIMIT ?`
		)
		.all(...params, UNIT_PAGE + 1) as Omit<UnitListRow, 'owners'>[];
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

export interface TieView {
	tieId: number;
	unitId: number;
	unitCode: string;
	personId: number;
	name: string;
	phone: string;
	idMasked: string;
	role: UnitOwnerRole;
	startDate: string | null;
	endDate: string | null;
	endReason: string | null;
	current: boolean;
}

const TIE_VIEW_SQL = `SELECT uo.id AS tieId, uo.unit_id AS unitId, u.code AS unitCode, o.id AS personId, o.name, o.phone,
	o.id_number AS idNumber, uo.role, uo.start_date AS startDate, uo.end_date AS endDate, uo.end_reason AS endReason
	FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id JOIN units u ON u.id = uo.unit_id`;

function tieViews(
	rows: (Omit<TieView, 'idMasked' | 'current'> & { idNumber: string })[],
	today: string
) {
	return rows.map(({ idNumber, ...r }) => ({
		...r,
		idMasked: maskIdNumber(idNumber),
		current: tieInForce(r, today)
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

const HOLDING_SQL = `SELECT h.id AS holdingId, s.id AS spaceId, s.code, s.kind, s.area_centi AS areaCenti, h.unit_id AS unitId,
	u.code AS unitCode, h.holding, h.start_date AS startDate, h.end_date AS endDate
	FROM parking_space_holdings h JOIN parking_spaces s ON s.id = h.space_id JOIN units u ON u.id = h.unit_id`;

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

const VEHICLE_SQL = `SELECT v.id, v.plate, v.owner_id AS personId, o.name AS personName, v.unit_id AS unitId, u.code AS unitCode,
	s.code AS spaceCode, v.start_date AS startDate, v.end_date AS endDate
	FROM vehicles v LEFT JOIN owners o ON o.id = v.owner_id LEFT JOIN units u ON u.id = v.unit_id
	LEFT JOIN parking_spaces s ON s.id = v.space_id`;

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
	return (
		stmt(
			db,
			`SELECT a.at, a.action, s.display_name AS actor, a.detail FROM audit_log a LEFT JOIN staff_users s ON s.id = a.actor_id
			WHERE a.community_id = ? AND a.target_type = ? AND a.target_id = ? AND a.action LIKE 'records.%'
			ORDER BY a.at DESC, a.id DESC LIMIT 200`
		).all(communityId, targetType, String(targetId)) as {
			at: number;
			action: string;
			actor: string | null;
			detail: string;
		}[]
	).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
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

/** A unit with everyone ever tied to it (current first), its spaces and vehicles, and its history. */
export function unitRecord(
	db: Db,
	communityId: number,
	unitId: number,
	today: string
): UnitRecord | null {
	const u = stmt(
		db,
		`SELECT id, building, entrance, room, code, area_centi AS areaCenti, use, occupancy,
			handover_notice_date AS handoverNoticeDate, move_in_date AS moveInDate FROM units WHERE id = ? AND community_id = ?`
	).get(unitId, communityId) as
		Omit<UnitRecord, 'ties' | 'spaces' | 'vehicles' | 'audit'> | undefined;
	if (!u) return null;
	const ties = tieViews(
		stmt(
			db,
			`${TIE_VIEW_SQL} WHERE uo.unit_id = ? ORDER BY uo.end_date IS NOT NULL, ${ROLE_ORDER_SQL}, uo.end_date DESC, uo.id`
		).all(unitId) as never[],
		today
	);
	return {
		...u,
		ties,
		spaces: stmt(
			db,
			`${HOLDING_SQL} WHERE h.unit_id = ? ORDER BY h.end_date IS NOT NULL, s.code`
		).all(unitId) as SpaceHeld[],
		vehicles: stmt(
			db,
			`${VEHICLE_SQL} WHERE v.unit_id = ? ORDER BY v.end_date IS NOT NULL, v.plate`
		).all(unitId) as VehicleView[],
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

/** People found by name, phone digits or ID number (exact), at most 100. */
export function listPeople(db: Db, communityId: number, q: string, today: string): PersonRow[] {
	const text = q.trim();
	const like = '%' + escapeLike(text) + '%';
	const rows = stmt(
		db,
		`SELECT o.id, o.name, o.phone, o.id_type AS idType, o.id_number AS idNumber, o.owner_type AS ownerType,
			(SELECT group_concat(u.code, '、') FROM unit_owners uo JOIN units u ON u.id = uo.unit_id WHERE uo.owner_id = o.id
				AND (uo.start_date IS NULL OR uo.start_date <= ?) AND (uo.end_date IS NULL OR uo.end_date > ?)) AS units
		FROM owners o WHERE o.community_id = ? AND (? = '' OR o.name LIKE ? ESCAPE '\\' OR o.phone LIKE ? ESCAPE '\\' OR upper(o.id_number) = upper(?))
		ORDER BY o.name, o.id LIMIT 100`
	).all(today, today, communityId, text, like, like, text) as (Omit<PersonRow, 'idMasked'> & {
		idNumber: string;
	})[];
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
	const p = stmt(
		db,
		`SELECT id, name, phone, id_type AS idType, id_number AS idNumber, owner_type AS ownerType, note
		FROM owners WHERE id = ? AND community_id = ?`
	).get(personId, communityId) as
		| (Omit<PersonRecord, 'idMasked' | 'ties' | 'vehicles' | 'audit'> & { idNumber: string })
		| undefined;
	if (!p) return null;
	const { idNumber, ...rest } = p;
	return {
		...rest,
		idMasked: maskIdNumber(idNumber),
		ties: tieViews(
			stmt(
				db,
				`${TIE_VIEW_SQL} WHERE uo.owner_id = ? ORDER BY uo.end_date IS NOT NULL, ${NATURAL_ORDER}, uo.id`
			).all(personId) as never[],
			today
		),
		vehicles: stmt(
			db,
			`${VEHICLE_SQL} WHERE v.owner_id = ? ORDER BY v.end_date IS NOT NULL, v.plate`
		).all(personId) as VehicleView[],
		audit: auditTrail(db, communityId, 'owner', personId)
	};
}

/** The person as entered, for the edit form only (the ID number unmasked). */
export function personForEdit(db: Db, communityId: number, personId: number) {
	return stmt(
		db,
		`SELECT id, name, phone, id_type AS idType, id_number AS idNumber, owner_type AS ownerType, note
		FROM owners WHERE id = ? AND community_id = ?`
	).get(personId, communityId) as
		| {
				id: number;
				name: string;
				phone: string;
				idType: IdType;
				idNumber: string;
				ownerType: OwnerType;
				note: string;
		  }
		| undefined;
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
	return stmt(
		db,
		`SELECT s.id, s.code, s.kind, s.area_centi AS areaCenti, h.id AS holdingId, u.code AS unitCode, h.holding,
			h.start_date AS startDate
		FROM parking_spaces s
		LEFT JOIN parking_space_holdings h ON h.space_id = s.id AND h.start_date <= ? AND (h.end_date IS NULL OR h.end_date > ?)
		LEFT JOIN units u ON u.id = h.unit_id
		WHERE s.community_id = ? ORDER BY s.code`
	).all(today, today, communityId) as SpaceRow[];
}

/** Vehicles registered today, by plate. */
export function listVehicles(db: Db, communityId: number): VehicleView[] {
	return stmt(
		db,
		`${VEHICLE_SQL} WHERE v.community_id = ? AND v.end_date IS NULL ORDER BY v.plate`
	).all(communityId) as VehicleView[];
}
