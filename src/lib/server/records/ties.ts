/**
 * "Who is tied to this unit on this day": the one query every area asks (the counter's owner name,
 * the kiosk's identification by phone, waivers, renovation, move-in, keys). A tie is in force from
 * its start date (included) to its end date (excluded), as `tieInForce` in domain/records.ts says;
 * the SQL (`sql.ts`) is the same rule, so a past owner never identifies nor shows as the owner.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { unitOwners, units, type UnitOwnerRole } from '../db/schema';
import { prepared } from '../db/prepared';
import { clockNow } from '../clock';
import { communityToday, getCommunity } from '../community';
import { ownerDateOfMonth } from '../../domain/records';
import { tieParams, unitsTiesAsOfSql, unitTiesAsOfSql, type UnitTie } from './sql';

// Other areas join ties themselves with these (the same rule as `tieInForce`).
export { ROLE_ORDER_SQL, tieInForceSql, tieParams, type UnitTie } from './sql';

/** The community's ties as recorded (any dates), narrowed by `where`: a tie elsewhere is never read. */
export function recordedTies(db: Db, communityId: number, where?: SQL) {
	return db
		.select({
			id: unitOwners.id,
			unitId: unitOwners.unitId,
			ownerId: unitOwners.ownerId,
			role: unitOwners.role,
			startDate: unitOwners.startDate,
			endDate: unitOwners.endDate
		})
		.from(unitOwners)
		.innerJoin(units, eq(units.id, unitOwners.unitId))
		.where(and(eq(units.communityId, communityId), where));
}

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
	const rows = unitTiesAsOfSql.all(db, unitId, ...tieParams(date));
	return roles ? rows.filter((r) => roles.includes(r.role)) : rows;
}

/**
 * The owners of each bill month of a unit (`ownerDateOfMonth`): after a 过户 the months before it
 * stay with the old owner on statements and receipts. One look-up per distinct month.
 */
export function ownersOfMonths(
	db: Db,
	unitId: number,
	months: readonly string[]
): Map<string, UnitTie[]> {
	const out = new Map<string, UnitTie[]>();
	for (const month of months)
		if (!out.has(month))
			out.set(month, unitTiesAsOf(db, unitId, ownerDateOfMonth(month), ['owner']));
	return out;
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
	const rows = unitsTiesAsOfSql.all(db, JSON.stringify(unitIds), ...tieParams(date));
	for (const r of rows) if (!roles || roles.includes(r.role)) out.get(r.unitId)?.push(r);
	return out;
}

// Asked on every "current owner" look-up (counter, kiosk): prepared once per connection.
const unitCommunity = prepared((db) =>
	db
		.select({ communityId: units.communityId })
		.from(units)
		.where(eq(units.id, sql.placeholder('unitId')))
		.prepare()
);

/** The community's today for a unit (its own community's time zone). */
export function unitToday(db: Db, unitId: number, now: Date = clockNow()): string | null {
	const u = unitCommunity(db).get({ unitId });
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
