import type { Db } from '../db';
import { overdueBills } from '../arrears/commands';
import { totalsOf } from '../fees/account';

export interface UnitOwing {
	owingFen: number;
	months: number;
}

/**
 * What the units of releases owe (overdue bills, late fees included), read-only: the desk sees
 * it before goods leave a unit that owes (DOMAIN.md has no rule stopping a release for arrears,
 * so it is a warning only). Units that owe nothing are left out.
 */
export function owingOfUnits(
	db: Db,
	communityId: number,
	unitIds: readonly number[],
	today: string
): Record<number, UnitOwing> {
	const out: Record<number, UnitOwing> = {};
	for (const id of new Set(unitIds)) {
		const bills = overdueBills(db, communityId, id, today);
		if (!bills.length) continue;
		const owing = totalsOf(bills).totalDueFen;
		if (owing > 0) out[id] = { owingFen: owing, months: new Set(bills.map((b) => b.month)).size };
	}
	return out;
}
