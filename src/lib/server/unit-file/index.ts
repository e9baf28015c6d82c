// The unit file (房屋档案, issue 18): one page per unit with everything the service centre holds
// about it, each part linking to its own page. Read only; each section is its own module.
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units } from '../db/schema';
import { unitInfo, type UnitInfo } from '../fees';
import { unitSpaces, unitTies, unitVehicles } from './people';
import { fileBills } from './money';
import { unitRecords, type UnitRecords } from './records';

export * from './people';
export * from './money';
export * from './activity';

export interface UnitFile extends UnitRecords {
	unit: UnitInfo & { use: string; moveInDate: string | null };
	ties: ReturnType<typeof unitTies>;
	spaces: ReturnType<typeof unitSpaces>;
	vehicles: ReturnType<typeof unitVehicles>;
	bills: ReturnType<typeof fileBills>;
}

/** Everything about one unit of `communityId` as of `asOf` (its today); null for another community's unit. */
export function unitFile(
	db: Db,
	communityId: number,
	unitId: number,
	opts: { asOf: string; timeZone: string; now: number }
): UnitFile | null {
	const unit = unitInfo(db, communityId, unitId);
	if (!unit) return null;
	const extra = db
		.select({ use: units.use, moveInDate: units.moveInDate })
		.from(units)
		.where(eq(units.id, unitId))
		.get();
	return {
		unit: { ...unit, use: extra?.use ?? '', moveInDate: extra?.moveInDate ?? null },
		ties: unitTies(db, unitId, opts.asOf),
		spaces: unitSpaces(db, unitId),
		vehicles: unitVehicles(db, unitId),
		bills: fileBills(db, communityId, unitId, opts.asOf),
		...unitRecords(db, unitId, opts)
	};
}
export * from './receipt-search';
