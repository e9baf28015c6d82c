/**
 * "Cash is taken inside a shift" (DESIGN.md, controls a bookkeeper expects): every write that takes
 * or pays out cash calls `requireCashShift` inside its transaction. Kept free of other modules'
 * imports: the ledger and the renovation settlements call it.
 */
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { LedgerError } from '../ledger/errors';

export interface ShiftRow {
	id: number;
	communityId: number;
	cashierId: number;
	openedAt: number;
	localDate: string;
	openingFloatFen: number;
}

const SHIFT_COLS = `s.id, s.community_id AS communityId, s.cashier_id AS cashierId,
	s.opened_at AS openedAt, s.local_date AS localDate, s.opening_float_fen AS openingFloatFen`;

/** The cashier's shift without a close record, if any. */
export function openShiftOf(db: Db, communityId: number, cashierId: number): ShiftRow | null {
	return (
		(stmt(
			db,
			`SELECT ${SHIFT_COLS} FROM cashier_shifts s
			WHERE s.community_id = ? AND s.cashier_id = ?
				AND NOT EXISTS (SELECT 1 FROM shift_closes c WHERE c.shift_id = s.id)
			ORDER BY s.opened_at DESC, s.id DESC LIMIT 1`
		).get(communityId, cashierId) as ShiftRow | undefined) ?? null
	);
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
