import { and, count, eq, gte, lt } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { payments, receiptPrints } from '../db/schema';
import { audit } from '../audit';
import { parseReceiptNo, paymentByReceiptNo, type PaymentRecord } from '../ledger';
import { receiptFacts, RESIDENT_COPY_REASON, type ReceiptView } from './index';
import { historySince, RESIDENT_DAILY_COPIES } from '../../domain/resident-history';

export { RESIDENT_COPY_REASON };

interface Whose {
	communityId: number;
	unitId: number;
	receiptNo: string;
	/** The community's today: only receipts of the last 24 months are the resident's to reprint. */
	asOf: string;
}

/** The receipt when it is one of the resident's unit's own of the last 24 months and not voided. */
function ownReceipt(db: Db, p: Whose): PaymentRecord | null {
	if (!parseReceiptNo(p.receiptNo)) return null;
	const record = paymentByReceiptNo(db, p.communityId, p.receiptNo);
	if (!record || record.payment.unitId !== p.unitId || record.void) return null;
	if (record.payment.localDate < historySince(p.asOf)) return null;
	return record;
}

/** The copy as recorded print `printId` looks: 补打 with its number (at least 1) and time. */
function copyView(db: Db, record: PaymentRecord, printId: number, at: number): ReceiptView {
	const before =
		db
			.select({ n: count() })
			.from(receiptPrints)
			.where(and(eq(receiptPrints.paymentId, record.payment.id), lt(receiptPrints.id, printId)))
			.get()?.n ?? 0;
	return {
		record: { ...record, printCount: before + 1 },
		// Marked 补打 even when the counter never printed it: the resident's copy is never the original.
		reprintNo: Math.max(1, before),
		printedAt: at,
		reprintReason: RESIDENT_COPY_REASON,
		facts: receiptFacts(db, record)
	};
}

export type ResidentCopyResult =
	{ ok: true; printId: number; replayed: boolean } | { ok: false; error: 'not_found' | 'limit' };

/**
 * Records a resident's own copy (补打) of one of their unit's receipts, printed at the kiosk, in
 * the receipts' print log (source 'kiosk', no staff member) and the audit log, so the counter
 * sees it and numbers its next reprint after it. Another unit's, a voided, an older or an unknown
 * receipt: not found. At most RESIDENT_DAILY_COPIES a day per unit (since `dayStart`). A replayed
 * `printKey` (a double tap) records nothing and answers with the first print.
 */
export function recordResidentCopy(
	db: Db,
	p: Whose & { printKey: string; dayStart: number; now: number }
): ResidentCopyResult {
	return tx(db, () => {
		const record = ownReceipt(db, p);
		if (!record) return { ok: false, error: 'not_found' } as const;
		const prior = db
			.select({ id: receiptPrints.id, paymentId: receiptPrints.paymentId })
			.from(receiptPrints)
			.where(eq(receiptPrints.printKey, p.printKey))
			.get();
		if (prior?.paymentId === record.payment.id)
			return { ok: true, printId: prior.id, replayed: true } as const;
		const today =
			db
				.select({ n: count() })
				.from(receiptPrints)
				.innerJoin(payments, eq(payments.id, receiptPrints.paymentId))
				.where(
					and(
						eq(payments.unitId, p.unitId),
						eq(receiptPrints.source, 'kiosk'),
						gte(receiptPrints.createdAt, p.dayStart)
					)
				)
				.get()?.n ?? 0;
		if (today >= RESIDENT_DAILY_COPIES) return { ok: false, error: 'limit' } as const;
		const before =
			db
				.select({ n: count() })
				.from(receiptPrints)
				.where(eq(receiptPrints.paymentId, record.payment.id))
				.get()?.n ?? 0;
		const row = db
			.insert(receiptPrints)
			.values({
				paymentId: record.payment.id,
				printedBy: null,
				source: 'kiosk',
				format: 'roll',
				// A key used for another receipt is not a replay of this one: print without it.
				printKey: prior ? null : p.printKey,
				createdAt: p.now
			})
			.returning({ id: receiptPrints.id })
			.get();
		audit(
			db,
			{
				communityId: p.communityId,
				actorId: p.unitId,
				actorKind: 'resident',
				action: 'receipt.reprint',
				targetType: 'payment',
				targetId: record.payment.receiptNo,
				detail: { reprintNo: Math.max(1, before), format: 'roll', source: 'kiosk' }
			},
			p.now
		);
		return { ok: true, printId: row.id, replayed: false } as const;
	});
}

/**
 * The resident's copy as recorded print `printId` made it (read only: opening it again prints
 * the same copy, recording nothing). Null unless that print is a kiosk copy of the resident's own
 * receipt (as recordResidentCopy allows).
 */
export function residentReceiptCopy(db: Db, p: Whose & { printId: number }): ReceiptView | null {
	const record = ownReceipt(db, p);
	if (!record) return null;
	const print = db
		.select({ at: receiptPrints.createdAt })
		.from(receiptPrints)
		.where(
			and(
				eq(receiptPrints.id, p.printId),
				eq(receiptPrints.paymentId, record.payment.id),
				eq(receiptPrints.source, 'kiosk')
			)
		)
		.get();
	return print ? copyView(db, record, p.printId, print.at) : null;
}
