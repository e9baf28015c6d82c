/**
 * The ticks a fee payment form starts with (one unit's fee page and an owner's several units):
 * after a refusal, what was submitted; otherwise every bill due by today, and its late fee, except
 * that a late fee waiting for a waiver is not ticked, and a bill whose principal is settled with
 * only such a late fee left is not ticked either (ticked, the form refused itself: "already paid").
 * A bill not yet due (a prepaid month whose receipt was voided) is never ticked by default.
 */
export interface TickableBill {
	billId: number;
	dueDate: string;
	principalDueFen: number;
	pendingWaiver: boolean;
}

export interface BillTicks {
	bill: Record<number, boolean>;
	late: Record<number, boolean>;
}

/** `submitted` holds the form's refilled values: `bill` and `late` as comma-separated bill ids. */
export function initialBillTicks(
	bills: readonly TickableBill[],
	today: string,
	submitted: { bill?: string; late?: string } = {}
): BillTicks {
	const listed = (s: string | undefined) =>
		s === undefined ? null : new Set(s.split(',').filter(Boolean).map(Number));
	const sentBills = listed(submitted.bill);
	const sentLate = listed(submitted.late);
	const ticks = (pick: (b: TickableBill) => boolean) =>
		Object.fromEntries(bills.map((b) => [b.billId, pick(b)]));
	return {
		bill: ticks((b) =>
			sentBills
				? sentBills.has(b.billId)
				: b.dueDate <= today && (b.principalDueFen > 0 || !b.pendingWaiver)
		),
		late: ticks((b) => (sentLate ? sentLate.has(b.billId) : !b.pendingWaiver))
	};
}
