import type { Db } from '../db';
import { stmt } from '../db/stmt';

/**
 * Of these bills, those on a request awaiting approval (what the fee page marks 申请免除中).
 * Its own module, importing nothing of fees: fees/account.ts reads it directly, and the rest of
 * the waiver area (which imports fees) re-exports it; no registration, no import cycle.
 */
export function pendingBillIds(db: Db, billIds: number[]): Set<number> {
	if (billIds.length === 0) return new Set();
	const rows = stmt(
		db,
		`SELECT DISTINCT rb.bill_id AS billId FROM waiver_request_bills rb JOIN waiver_requests r ON r.id = rb.request_id
		WHERE r.state = 'pending' AND rb.bill_id IN (SELECT value FROM json_each(?))`
	).all(JSON.stringify(billIds)) as { billId: number }[];
	return new Set(rows.map((r) => r.billId));
}
