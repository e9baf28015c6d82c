import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	paymentLines,
	payments,
	paymentVoids,
	receiptPrints,
	staffUsers,
	units
} from '../db/schema';

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentLineRow = typeof paymentLines.$inferSelect;

export interface PaymentRecord {
	payment: PaymentRow;
	lines: PaymentLineRow[];
	void: {
		reason: string;
		category: string | null;
		voidedBy: number;
		localDate: string;
		createdAt: number;
	} | null;
	cashier: { displayName: string; workNo: string };
	unitCode: string | null;
	printCount: number;
}

/** A payment with its lines, void, cashier and print count — everything a receipt shows. */
export function paymentByReceiptNo(
	db: Db,
	communityId: number,
	receiptNo: string
): PaymentRecord | null {
	const payment = db
		.select()
		.from(payments)
		.where(and(eq(payments.receiptNo, receiptNo), eq(payments.communityId, communityId)))
		.get();
	return payment ? loadRecord(db, payment) : null;
}

export function paymentById(db: Db, id: number): PaymentRecord | null {
	const payment = db.select().from(payments).where(eq(payments.id, id)).get();
	return payment ? loadRecord(db, payment) : null;
}

function loadRecord(db: Db, payment: PaymentRow): PaymentRecord {
	const lines = db
		.select()
		.from(paymentLines)
		.where(eq(paymentLines.paymentId, payment.id))
		.orderBy(paymentLines.id)
		.all();
	const v = db.select().from(paymentVoids).where(eq(paymentVoids.paymentId, payment.id)).get();
	const cashier = db
		.select({ displayName: staffUsers.displayName, workNo: staffUsers.workNo })
		.from(staffUsers)
		.where(eq(staffUsers.id, payment.cashierId))
		.get()!;
	const unit = payment.unitId
		? db.select({ code: units.code }).from(units).where(eq(units.id, payment.unitId)).get()
		: null;
	const prints = db
		.select({ n: sql<number>`count(*)` })
		.from(receiptPrints)
		.where(eq(receiptPrints.paymentId, payment.id))
		.get();
	return {
		payment,
		lines,
		void: v
			? {
					reason: v.reason,
					category: v.reasonCategory ?? null,
					voidedBy: v.voidedBy,
					localDate: v.localDate,
					createdAt: v.createdAt
				}
			: null,
		cashier,
		unitCode: unit?.code ?? null,
		printCount: prints?.n ?? 0
	};
}

/** Ids of voided payments among `paymentIds`. */
export function voidedIds(db: Db, paymentIds: number[]): Set<number> {
	if (paymentIds.length === 0) return new Set();
	return new Set(
		db
			.select({ id: paymentVoids.paymentId })
			.from(paymentVoids)
			.where(inArray(paymentVoids.paymentId, paymentIds))
			.all()
			.map((r) => r.id)
	);
}

/** Records a print; returns how many prints came before it (0 = the original, ≥1 = 补打). */
export function recordPrint(
	db: Db,
	paymentId: number,
	staffId: number,
	format: string,
	now: number
): number {
	const before =
		db
			.select({ n: sql<number>`count(*)` })
			.from(receiptPrints)
			.where(eq(receiptPrints.paymentId, paymentId))
			.get()?.n ?? 0;
	db.insert(receiptPrints).values({ paymentId, printedBy: staffId, format, createdAt: now }).run();
	return before;
}
