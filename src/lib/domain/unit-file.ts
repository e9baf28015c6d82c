/**
 * The unit file's figures (住户档案), pure.
 *
 * 已缴至 (paid through): the last month M such that every bill of every month up to M has its
 * principal settled (paid or credited). A gap stops it: with 2026-09 unpaid and 2026-10 paid the
 * unit is paid through 2026-08, because 2026-09 is still owed. Late fees do not count (a late fee
 * left for a waiver does not make the month unpaid). No bill settled from the first month → null.
 */
export interface MonthState {
	month: string;
	principalDueFen: number;
}

export function paidThroughMonth(bills: readonly MonthState[]): string | null {
	const months = new Map<string, boolean>();
	for (const b of bills)
		months.set(b.month, (months.get(b.month) ?? true) && b.principalDueFen <= 0);
	let through: string | null = null;
	for (const month of [...months.keys()].sort()) {
		if (!months.get(month)) break;
		through = month;
	}
	return through;
}
