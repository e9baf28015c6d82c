/**
 * Tying the cash of a period to the cashiers' shifts (DOMAIN.md §9, issue 11): the report's 现金
 * method line (cash receipts − cash receipts voided, by their dates) must equal, line by line, the
 * cash each shift took in that period, with nothing left outside a shift.
 */

export interface CashTieLine {
	receivedFen: number;
	receivedCount: number;
	voidedFen: number;
	voidedCount: number;
	refundedFen: number;
	refundedCount: number;
}

export interface CashTie<L extends CashTieLine> {
	lines: L[];
	/** Cash of the period no shift covers (should be none). */
	outside: CashTieLine;
	total: CashTieLine & { netFen: number };
	/** The report's 现金 method line (net). */
	methodNetFen: number;
	/** Totals equal the method line and nothing is outside a shift. */
	ok: boolean;
}

const ZERO: CashTieLine = {
	receivedFen: 0,
	receivedCount: 0,
	voidedFen: 0,
	voidedCount: 0,
	refundedFen: 0,
	refundedCount: 0
};

export function isEmptyTieLine(l: CashTieLine): boolean {
	return l.receivedCount === 0 && l.voidedCount === 0 && l.refundedCount === 0;
}

/** Adds the shift lines and what lay outside any shift, and checks the sum against the method line. */
export function tieCash<L extends CashTieLine>(
	lines: L[],
	outside: CashTieLine,
	methodNetFen: number
): CashTie<L> {
	const total = { ...ZERO };
	for (const l of [...lines, outside]) {
		total.receivedFen += l.receivedFen;
		total.receivedCount += l.receivedCount;
		total.voidedFen += l.voidedFen;
		total.voidedCount += l.voidedCount;
		total.refundedFen += l.refundedFen;
		total.refundedCount += l.refundedCount;
	}
	const netFen = total.receivedFen - total.voidedFen;
	return {
		lines,
		outside,
		total: { ...total, netFen },
		methodNetFen,
		ok: netFen === methodNetFen && isEmptyTieLine(outside)
	};
}
