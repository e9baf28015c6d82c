import type { Db } from '../db';
import { and, eq, inArray } from 'drizzle-orm';
import { waiverRequestBills, waiverRequests } from '../db/schema';
import { idsOf, prepared } from '../db/prepared';

// Prepared once per connection: every counter look-up asks it.
const pendingQuery = prepared((db) =>
	db
		.selectDistinct({ billId: waiverRequestBills.billId })
		.from(waiverRequestBills)
		.innerJoin(waiverRequests, eq(waiverRequests.id, waiverRequestBills.requestId))
		.where(
			and(eq(waiverRequests.state, 'pending'), inArray(waiverRequestBills.billId, idsOf('ids')))
		)
		.prepare()
);

/**
 * Of these bills, those on a request awaiting approval (what the fee page marks 申请免除中).
 * Its own module, importing nothing of fees: fees/account.ts reads it directly, and the rest of
 * the waiver area (which imports fees) re-exports it; no registration, no import cycle.
 */
export function pendingBillIds(db: Db, billIds: number[]): Set<number> {
	if (billIds.length === 0) return new Set();
	const rows = pendingQuery(db).all({ ids: JSON.stringify(billIds) });
	return new Set(rows.map((r) => r.billId));
}
