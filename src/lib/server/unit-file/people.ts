// The unit file's people and places: every tie to the unit (current and past, dated), the
// parking spaces it holds or held, and its vehicles. Read only.
import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { owners, parkingSpaceHoldings, parkingSpaces, vehicles } from '../db/schema';
import { currentFirst } from '../../domain/records';
import { tieParams } from '../records/ties';
import { otherUnitsSql, unitTiesSql, type UnitTieRow } from './sql';

export interface TieRow extends UnitTieRow {
	/** In force on the file's date (`tieInForce`): a lease ending next year is current. */
	current: boolean;
	/** Other units this person owns or co-owns on that date (a person may hold several). */
	otherUnits: { id: number; code: string }[];
}

export interface SpaceRow {
	code: string;
	kind: string;
	areaCenti: number;
	holding: string;
	startDate: string;
	endDate: string | null;
}

export interface VehicleRow {
	plate: string;
	ownerName: string | null;
	spaceCode: string | null;
	startDate: string;
	endDate: string | null;
}

/** Every tie of the unit, those in force on `asOf` first (a stable sort keeps the SQL's order). */
export function unitTies(db: Db, unitId: number, asOf: string): TieRow[] {
	const rows = unitTiesSql.all(db, unitId);
	const ids = [...new Set(rows.map((r) => r.ownerId))];
	const others = ids.length
		? otherUnitsSql.all(db, JSON.stringify(ids), unitId, ...tieParams(asOf))
		: [];
	return currentFirst(rows, asOf).map((r) => ({
		...r,
		otherUnits: others.filter((o) => o.ownerId === r.ownerId).map(({ id, code }) => ({ id, code }))
	}));
}

// Current holdings and vehicles first, then past ones, newest end first.
export function unitSpaces(db: Db, unitId: number): SpaceRow[] {
	const h = parkingSpaceHoldings;
	return db
		.select({
			code: parkingSpaces.code,
			kind: parkingSpaces.kind,
			areaCenti: parkingSpaces.areaCenti,
			holding: h.holding,
			startDate: h.startDate,
			endDate: h.endDate
		})
		.from(h)
		.innerJoin(parkingSpaces, eq(parkingSpaces.id, h.spaceId))
		.where(eq(h.unitId, unitId))
		.orderBy(isNotNull(h.endDate), desc(h.endDate), parkingSpaces.code)
		.all();
}

export function unitVehicles(db: Db, unitId: number): VehicleRow[] {
	return db
		.select({
			plate: vehicles.plate,
			ownerName: owners.name,
			spaceCode: parkingSpaces.code,
			startDate: vehicles.startDate,
			endDate: vehicles.endDate
		})
		.from(vehicles)
		.leftJoin(owners, eq(owners.id, vehicles.ownerId))
		.leftJoin(parkingSpaces, eq(parkingSpaces.id, vehicles.spaceId))
		.where(eq(vehicles.unitId, unitId))
		.orderBy(isNotNull(vehicles.endDate), desc(vehicles.endDate), vehicles.plate)
		.all();
}
