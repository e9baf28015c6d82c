/**
 * The daily report's tie of cash to shifts: for each shift that overlaps the period, the cash its
 * cashier took, had voided and paid out in it (by the report's dates), its float, expected and
 * counted cash; and what cash of the period lies outside every shift. No $lib imports (bench).
 */
import type { Db } from '../db';
import { tieCash, type CashTie, type CashTieLine } from '../../domain/cash-tie';
import { shiftCash } from './queries';
import {
	periodShifts,
	receivedByShift,
	receivedOutside,
	refundedByShift,
	refundedOutside,
	voidedByShift,
	voidedOutside,
	type OutsideRow,
	type ShiftAggRow
} from './sql';
import type { RawQuery } from '../db/stmt';

export interface CashShiftLine extends CashTieLine {
	shiftId: number;
	cashierId: number;
	cashierName: string;
	cashierWorkNo: string;
	openedAt: number;
	/** null: still open at the end of the period (expected is then as of that moment). */
	closedAt: number | null;
	openingFloatFen: number;
	expectedFen: number;
	countedFen: number | null;
	differenceFen: number | null;
	note: string;
}

/**
 * The shifts overlapping [startMs, asOfMs) with the cash of from…to in each, tied to the report's
 * 现金 method line (`methodNetFen`). A shift still open at asOfMs shows its expected cash so far.
 */
export function cashByShift(
	db: Db,
	communityId: number,
	period: { from: string; to: string; startMs: number; asOfMs: number },
	methodNetFen: number
): CashTie<CashShiftLine> {
	const c = communityId;
	const { from, to } = period;
	type PeriodQuery<Row> = RawQuery<Row, [number, string, string, number]>;
	const byShift = (q: PeriodQuery<ShiftAggRow>) =>
		new Map(q.all(db, c, from, to, c).map((r) => [r.shiftId, r]));
	const received = byShift(receivedByShift);
	const voided = byShift(voidedByShift);
	const refunded = byShift(refundedByShift);
	const rows = periodShifts.all(db, c, period.asOfMs, period.startMs);
	const lines: CashShiftLine[] = rows.map((r) => {
		const expectedFen =
			r.expectedFen ??
			shiftCash(
				db,
				{
					id: r.shiftId,
					communityId: r.communityId,
					cashierId: r.cashierId,
					openedAt: r.openedAt,
					localDate: r.localDate,
					openingFloatFen: r.openingFloatFen
				},
				period.asOfMs
			).expectedFen;
		return {
			shiftId: r.shiftId,
			cashierId: r.cashierId,
			cashierName: r.cashierName,
			cashierWorkNo: r.cashierWorkNo,
			openedAt: r.openedAt,
			closedAt: r.closedAt,
			openingFloatFen: r.openingFloatFen,
			expectedFen,
			countedFen: r.countedFen,
			differenceFen: r.differenceFen,
			note: r.note,
			receivedFen: received.get(r.shiftId)?.fen ?? 0,
			receivedCount: received.get(r.shiftId)?.n ?? 0,
			voidedFen: voided.get(r.shiftId)?.fen ?? 0,
			voidedCount: voided.get(r.shiftId)?.n ?? 0,
			refundedFen: refunded.get(r.shiftId)?.fen ?? 0,
			refundedCount: refunded.get(r.shiftId)?.n ?? 0
		};
	});
	const out = (q: PeriodQuery<OutsideRow>) => {
		const r = q.one(db, c, from, to, c);
		return { fen: r.fen ?? 0, n: r.n };
	};
	const [ri, vo, rf] = [out(receivedOutside), out(voidedOutside), out(refundedOutside)];
	return tieCash(
		lines,
		{
			receivedFen: ri.fen,
			receivedCount: ri.n,
			voidedFen: vo.fen,
			voidedCount: vo.n,
			refundedFen: rf.fen,
			refundedCount: rf.n
		},
		methodNetFen
	);
}
