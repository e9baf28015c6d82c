/**
 * "Cash is taken inside a shift" (DESIGN.md, controls a bookkeeper expects): every write that takes
 * or pays out cash calls `requireCashShift` inside its transaction. Kept free of other modules'
 * imports: the ledger and the renovation settlements call it.
 */
import type { Db } from '../db';
import { and, desc, eq, notExists, sql } from 'drizzle-orm';
import { cashierShifts, shiftCloses } from '../db/schema';
import { prepared } from '../db/prepared';
import { LedgerError } from '../ledger/errors';

export interface ShiftRow {
	id: number;
	communityId: number;
	cashierId: number;
	openedAt: number;
	localDate: string;
	openingFloatFen: number;
}

// Prepared once per connection: every cash payment checks the cashier's shift.
const openShiftQuery = prepared((db) =>
	db
		.select({
			id: cashierShifts.id,
			communityId: cashierShifts.communityId,
			cashierId: cashierShifts.cashierId,
			openedAt: cashierShifts.openedAt,
			localDate: cashierShifts.localDate,
			openingFloatFen: cashierShifts.openingFloatFen
		})
		.from(cashierShifts)
		.where(
			and(
				eq(cashierShifts.communityId, sql.placeholder('communityId')),
				eq(cashierShifts.cashierId, sql.placeholder('cashierId')),
				notExists(
					db
						.select({ one: sql`1` })
						.from(shiftCloses)
						.where(eq(shiftCloses.shiftId, cashierShifts.id))
				)
			)
		)
		.orderBy(desc(cashierShifts.openedAt), desc(cashierShifts.id))
		.limit(1)
		.prepare()
);

/** The cashier's shift without a close record, if any. */
export function openShiftOf(db: Db, communityId: number, cashierId: number): ShiftRow | null {
	return openShiftQuery(db).get({ communityId, cashierId }) ?? null;
}

/**
 * Connections that are laying down the demo data: its seeds replay a year of counter work out of
 * order (fees month by month, then renovations and waivers in between), so their shifts are laid
 * afterwards around the cash they took (shifts/seed.ts). Only `seedWithShifts` adds to this.
 */
export const seedingConnections = new WeakSet<Db>();

/**
 * Refuses (LedgerError 'no_open_shift') cash taken or paid out by a cashier without an open shift
 * that had started by `now`. Call inside the write's transaction.
 */
export function requireCashShift(
	db: Db,
	communityId: number,
	cashierId: number,
	now: number
): void {
	if (seedingConnections.has(db)) return;
	const shift = openShiftOf(db, communityId, cashierId);
	if (!shift || shift.openedAt > now) throw new LedgerError('no_open_shift');
}
