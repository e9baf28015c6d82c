// What the monthly billing page shows and runs per building (the run itself is generate.ts).
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { bills, units } from '../db/schema';

/** Buildings with their number of units, in natural order (2 before 10). */
export function buildingsWithUnits(
	db: Db,
	communityId: number
): { building: string; units: number }[] {
	return db
		.select({ building: units.building, units: count() })
		.from(units)
		.where(eq(units.communityId, communityId))
		.groupBy(units.building)
		.orderBy(sql`CAST(${units.building} AS INTEGER)`, units.building)
		.all();
}

/** How many bills a month already has (billing is idempotent; the page says so before a rerun). */
export function billsInMonth(db: Db, communityId: number, month: string): number {
	const row = db
		.select({ n: count() })
		.from(bills)
		.where(and(eq(bills.communityId, communityId), eq(bills.month, month)))
		.get();
	return row?.n ?? 0;
}

/** The units of one building: billing runs a building per request so the page shows progress. */
export function unitIdsInBuilding(db: Db, communityId: number, building: string): number[] {
	return db
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.building, building)))
		.all()
		.map((r) => r.id);
}
