import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { bills, feeItems, paymentLines, paymentVoids } from '../db/schema';

/*
 * The one place move-in asks whether the handover months of property fees are paid.
 *
 * The fees area (src/lib/server/fees/index.ts) is to export
 * `monthsPaid(db, unitId, months: string[]): boolean` — every property-fee bill of those months
 * exists and its principal is fully paid. It did not exist yet when move-in was written, so this
 * adapter answers the same question from the ledger tables directly. When the export lands,
 * replace the body with `return monthsPaid(db, unitId, months);` (the tests stay as they are).
 */
export function handoverMonthsPaid(db: Db, unitId: number, months: readonly string[]): boolean {
	if (months.length === 0) return true;
	// Property service fee = the per-m² item(s); parking and others are not part of the handover.
	const rows = db
		.select({ id: bills.id, month: bills.month, principalFen: bills.principalFen })
		.from(bills)
		.innerJoin(feeItems, eq(feeItems.id, bills.feeItemId))
		.where(and(eq(bills.unitId, unitId), eq(feeItems.basis, 'per_area'), inArray(bills.month, [...months])))
		.all();
	const covered = new Set(rows.map((r) => r.month));
	if (months.some((m) => !covered.has(m))) return false;
	const paid = db
		.select({ billId: paymentLines.billId, fen: sql<number>`coalesce(sum(${paymentLines.amountFen}), 0)` })
		.from(paymentLines)
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, paymentLines.paymentId))
		.where(and(inArray(paymentLines.billId, rows.map((r) => r.id)), eq(paymentLines.kind, 'principal'), sql`${paymentVoids.id} is null`))
		.groupBy(paymentLines.billId)
		.all();
	const paidBy = new Map(paid.map((p) => [p.billId, Number(p.fen)]));
	return rows.every((r) => (paidBy.get(r.id) ?? 0) >= r.principalFen);
}
