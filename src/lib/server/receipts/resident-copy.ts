import type { Db } from '../db';
import { receiptView, type ReceiptView } from './index';
import { historySince } from '../../domain/resident-history';

/** Why a resident's own copy was printed, as the receipt says it. */
export const RESIDENT_COPY_REASON = '住户自助补打';

/**
 * A resident's copy of one of their own unit's receipts of the last 24 months, marked 补打 (the
 * number of the prints made so far, at least 1), printed now. Another unit's, an older or an
 * unknown receipt gives null. Reads only, as the statement does: the counter's print log
 * (receipt_prints) is the staff's, and a copy changes no money.
 */
export function residentReceiptCopy(
	db: Db,
	p: { communityId: number; unitId: number; receiptNo: string; asOf: string; now: number }
): ReceiptView | null {
	const view = receiptView(db, p.communityId, p.receiptNo);
	if (!view || view.record.payment.unitId !== p.unitId) return null;
	if (view.record.payment.localDate < historySince(p.asOf)) return null;
	return {
		...view,
		reprintNo: Math.max(1, view.record.printCount),
		printedAt: p.now,
		reprintReason: RESIDENT_COPY_REASON
	};
}
