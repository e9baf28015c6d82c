/**
 * The records' SQL that drizzle does not express well (natural room order, role order, ties in
 * force on a date, a list of ids), each statement next to its row type. Written for SQLite; on
 * PostgreSQL db/pg-sql.ts translates `json_each(?)`, `CAST(code AS INTEGER)` (leading digits, as
 * SQLite reads them) and `group_concat`. LIKE patterns escape with `\`.
 */
import { rawQuery } from '../db/stmt';
import type { IdType, Occupancy, OwnerType, UnitOwnerRole, UnitUse } from '../db/schema';
import { ROLE_ORDER } from '../../domain/records';

/**
 * The SQL condition "tie `alias` in force on a date", for queries that join ties themselves. It
 * takes the date twice as parameters: `...tieParams(date)`.
 */
export function tieInForceSql(alias = 'uo'): string {
	return `(${alias}.start_date IS NULL OR ${alias}.start_date <= ?) AND (${alias}.end_date IS NULL OR ${alias}.end_date > ?)`;
}
export const tieParams = (date: string): [string, string] => [date, date];

/** Owners first, then co-owners, residents, household, tenants, authorised, emergency contacts. */
export const ROLE_ORDER_SQL = `CASE uo.role ${ROLE_ORDER.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} ELSE 99 END`;

/** Units in room order: numbers as numbers, then as text (building, entrance, room). */
const NATURAL_ORDER =
	'CAST(u.building AS INTEGER), u.building, CAST(u.entrance AS INTEGER), u.entrance, CAST(u.room AS INTEGER), u.room';

// ------------------------------------------------------------------------------ ties

export interface UnitTie {
	tieId: number;
	unitId: number;
	ownerId: number;
	role: UnitOwnerRole;
	startDate: string | null;
	endDate: string | null;
	name: string;
	phone: string;
	idType: IdType;
	idNumber: string;
	ownerType: OwnerType;
}

const TIE_COLS = `uo.id AS tieId, uo.unit_id AS unitId, uo.owner_id AS ownerId, uo.role, uo.start_date AS startDate,
	uo.end_date AS endDate, o.name, o.phone, o.id_type AS idType, o.id_number AS idNumber, o.owner_type AS ownerType`;

export const unitTiesAsOfSql = rawQuery<UnitTie, [unitId: number, date: string, date: string]>(
	`SELECT ${TIE_COLS} FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
	WHERE uo.unit_id = ? AND ${tieInForceSql()} ORDER BY ${ROLE_ORDER_SQL}, uo.id`
);

export const unitsTiesAsOfSql = rawQuery<
	UnitTie,
	[unitIdsJson: string, date: string, date: string]
>(
	`SELECT ${TIE_COLS} FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
	WHERE uo.unit_id IN (SELECT value FROM json_each(?)) AND ${tieInForceSql()} ORDER BY ${ROLE_ORDER_SQL}, uo.id`
);

/** A tie as the record pages show it (queries.ts masks the ID number). */
export interface TieViewRow {
	tieId: number;
	unitId: number;
	unitCode: string;
	personId: number;
	name: string;
	phone: string;
	idNumber: string;
	role: UnitOwnerRole;
	startDate: string | null;
	endDate: string | null;
	endReason: string | null;
}

const TIE_VIEW_SQL = `SELECT uo.id AS tieId, uo.unit_id AS unitId, u.code AS unitCode, o.id AS personId, o.name, o.phone,
	o.id_number AS idNumber, uo.role, uo.start_date AS startDate, uo.end_date AS endDate, uo.end_reason AS endReason
	FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id JOIN units u ON u.id = uo.unit_id`;

/** Everyone ever tied to a unit: current first, by role, then the latest ended. */
export const tiesOfUnitSql = rawQuery<TieViewRow, [unitId: number]>(
	`${TIE_VIEW_SQL} WHERE uo.unit_id = ? ORDER BY uo.end_date IS NOT NULL, ${ROLE_ORDER_SQL}, uo.end_date DESC, uo.id`
);

/** Every unit a person is or was tied to: current first, in room order. */
export const tiesOfPersonSql = rawQuery<TieViewRow, [personId: number]>(
	`${TIE_VIEW_SQL} WHERE uo.owner_id = ? ORDER BY uo.end_date IS NOT NULL, ${NATURAL_ORDER}, uo.id`
);

// ------------------------------------------------------------------------------ units, people

export interface BuildingEntranceRow {
	building: string;
	entrance: string;
	n: number;
}

export const buildingEntrancesSql = rawQuery<BuildingEntranceRow, [communityId: number]>(
	`SELECT u.building, u.entrance, COUNT(*) AS n FROM units u WHERE u.community_id = ?
	GROUP BY u.building, u.entrance ORDER BY CAST(u.building AS INTEGER), u.building, CAST(u.entrance AS INTEGER), u.entrance`
);

export interface UnitListSqlRow {
	id: number;
	code: string;
	areaCenti: number;
	use: UnitUse;
	occupancy: Occupancy;
}

/**
 * Units of a building/entrance ('' for any), or found by code prefix or by a person (name or
 * phone digits, from 4) tied to them on the date; in room order, `limit` rows.
 */
export const listUnitsSql = rawQuery<
	UnitListSqlRow,
	[
		communityId: number,
		building: string,
		building: string,
		entrance: string,
		entrance: string,
		q: string,
		codePrefix: string,
		communityId: number,
		like: string,
		q: string,
		like: string,
		date: string,
		date: string,
		limit: number
	]
>(
	`SELECT u.id, u.code, u.area_centi AS areaCenti, u.use, u.occupancy FROM units u
	WHERE u.community_id = ? AND (? = '' OR u.building = ?) AND (? = '' OR u.entrance = ?)
		AND (? = '' OR u.code LIKE ? ESCAPE '\\' OR u.id IN (SELECT uo.unit_id FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
			WHERE o.community_id = ? AND (o.name LIKE ? ESCAPE '\\' OR (length(?) >= 4 AND o.phone LIKE ? ESCAPE '\\'))
			AND ${tieInForceSql()}))
	ORDER BY ${NATURAL_ORDER} LIMIT ?`
);

export interface PersonListSqlRow {
	id: number;
	name: string;
	phone: string;
	idType: IdType;
	idNumber: string;
	ownerType: OwnerType;
	/** The codes of the units tied on the date, joined with 、; null for none. */
	units: string | null;
}

export const listPeopleSql = rawQuery<
	PersonListSqlRow,
	[
		date: string,
		date: string,
		communityId: number,
		q: string,
		like: string,
		like: string,
		q: string,
		idTailLike: string
	]
>(
	`SELECT o.id, o.name, o.phone, o.id_type AS idType, o.id_number AS idNumber, o.owner_type AS ownerType,
		(SELECT group_concat(u.code, '、') FROM unit_owners uo JOIN units u ON u.id = uo.unit_id WHERE uo.owner_id = o.id
			AND ${tieInForceSql()}) AS units
	FROM owners o WHERE o.community_id = ? AND (? = '' OR o.name LIKE ? ESCAPE '\\' OR o.phone LIKE ? ESCAPE '\\'
		OR (length(?) >= 4 AND upper(o.id_number) LIKE upper(?) ESCAPE '\\'))
	ORDER BY o.name, o.id LIMIT 100`
);
