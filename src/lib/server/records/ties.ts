/**
 * "Who is tied to this unit on this day": the one query every area asks (the counter's owner name,
 * the kiosk's identification by phone, waivers, renovation, move-in, keys). A tie is in force from
 * its start date (included) to its end date (excluded), as `tieInForce` in domain/records.ts says;
 * the SQL below is the same rule, so a past owner never identifies nor shows as the owner.
 */
import type { Db } from '../db';
import type { IdType, OwnerType, UnitOwnerRole } from '../db/schema';
import { stmt } from '../db/stmt';
import { ROLE_ORDER } from '../../domain/records';
import { clockNow } from '../clock';
import { communityToday, getCommunity } from '../community';

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

const UNIT_TIES_SQL = `SELECT ${TIE_COLS} FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
	WHERE uo.unit_id = ? AND ${tieInForceSql()} ORDER BY ${ROLE_ORDER_SQL}, uo.id`;

/**
 * The ties of a unit in force on `date` (YYYY-MM-DD), owners first; only `roles` when given. For
 * "the owner of bill month M" pass `ownerDateOfMonth(M)`; for "the owner now", the community's today.
 */
export function unitTiesAsOf(
	db: Db,
	unitId: number,
	date: string,
	roles?: readonly UnitOwnerRole[]
): UnitTie[] {
	const rows = stmt(db, UNIT_TIES_SQL).all(unitId, ...tieParams(date)) as UnitTie[];
	return roles ? rows.filter((r) => roles.includes(r.role)) : rows;
}

/** The same for many units at once (lists), by unit id. */
export function unitsTiesAsOf(
	db: Db,
	unitIds: readonly number[],
	date: string,
	roles?: readonly UnitOwnerRole[]
): Map<number, UnitTie[]> {
	const out = new Map<number, UnitTie[]>(unitIds.map((id) => [id, []]));
	if (unitIds.length === 0) return out;
	const rows = stmt(
		db,
		`SELECT ${TIE_COLS} FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
		WHERE uo.unit_id IN (SELECT value FROM json_each(?)) AND ${tieInForceSql()} ORDER BY ${ROLE_ORDER_SQL}, uo.id`
	).all(JSON.stringify(unitIds), ...tieParams(date)) as UnitTie[];
	for (const r of rows) if (!roles || roles.includes(r.role)) out.get(r.unitId)?.push(r);
	return out;
}

/** The community's today for a unit (its own community's time zone). */
export function unitToday(db: Db, unitId: number, now: Date = clockNow()): string | null {
	const u = stmt(db, 'SELECT community_id AS communityId FROM units WHERE id = ?').get(unitId) as
		{ communityId: number } | undefined;
	return u ? communityToday(getCommunity(db, u.communityId), now) : null;
}

/** The ties of a unit in force today (the community's today): "the current owner/resident". */
export function currentUnitTies(
	db: Db,
	unitId: number,
	roles?: readonly UnitOwnerRole[],
	now: Date = clockNow()
): UnitTie[] {
	const today = unitToday(db, unitId, now);
	return today ? unitTiesAsOf(db, unitId, today, roles) : [];
}
