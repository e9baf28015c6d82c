import { eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { payments, paymentVoids } from '../db/schema';
import { audit } from '../audit';
import { LedgerError } from './errors';

export interface VoidInput {
	communityId: number;
	receiptNo: string;
	reason: string;
	managerId: number;
	now: number;
	localDate: string;
}

/**
 * Voids (作废) a payment by a reversing entry; the payment row and its number stay. `after`
 * runs in the same transaction (e.g. to send pending waiver requests back to the clerk).
 */
export function voidPayment(db: Db, input: VoidInput, after?: (paymentId: number) => void): { paymentId: number } {
	const reason = input.reason.trim();
	if (!reason) throw new LedgerError('reason_missing');
	if (reason.length > 500) throw new LedgerError('reason_too_long');
	return tx(db, () => {
		const p = db.select().from(payments).where(eq(payments.receiptNo, input.receiptNo)).get();
		if (!p || p.communityId !== input.communityId) throw new LedgerError('not_found');
		const already = db.select({ id: paymentVoids.id }).from(paymentVoids).where(eq(paymentVoids.paymentId, p.id)).get();
		if (already) throw new LedgerError('already_voided');
		db.insert(paymentVoids).values({ paymentId: p.id, reason, voidedBy: input.managerId, localDate: input.localDate, createdAt: input.now }).run();
		after?.(p.id);
		audit(db, { communityId: input.communityId, actorId: input.managerId, action: 'payment.void', targetType: 'payment', targetId: p.receiptNo, detail: { reason } }, input.now);
		return { paymentId: p.id };
	});
}
