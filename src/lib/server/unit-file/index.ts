// The unit file (房屋档案, issue 18): one page per unit with everything the service centre holds
// about it, each part linking to its own page. Read only; each section is its own module.
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { units } from '../db/schema';
import { unitInfo, type UnitInfo } from '../fees';
import { unitSpaces, unitTies, unitVehicles } from './people';
import { fileBills, fileDeposits, fileReceipts, fileWaivers } from './money';
import { fileKeyLoans, fileMoveIns, fileRenovations, fileTickets } from './activity';

export * from './people';
export * from './money';
export * from './activity';

export interface UnitFile {
	unit: UnitInfo & { use: string; moveInDate: string | null };
	ties: ReturnType<typeof unitTies>;
	spaces: ReturnType<typeof unitSpaces>;
	vehicles: ReturnType<typeof unitVehicles>;
	bills: ReturnType<typeof fileBills>;
	receipts: ReturnType<typeof fileReceipts>;
	waivers: ReturnType<typeof fileWaivers>;
	deposits: ReturnType<typeof fileDeposits>;
	renovations: ReturnType<typeof fileRenovations>;
	moveIns: ReturnType<typeof fileMoveIns>;
	keyLoans: ReturnType<typeof fileKeyLoans>;
	tickets: ReturnType<typeof fileTickets>;
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
		receipts: fileReceipts(db, unitId, opts.timeZone),
		waivers: fileWaivers(db, unitId),
		deposits: fileDeposits(db, unitId),
		renovations: fileRenovations(db, unitId),
		moveIns: fileMoveIns(db, unitId, opts.timeZone),
		keyLoans: fileKeyLoans(db, unitId, opts.timeZone, opts.now),
		tickets: fileTickets(db, unitId, opts.timeZone)
	};
}
export * from './receipt-search';
