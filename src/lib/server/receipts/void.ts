/**
 * Voiding a receipt as the manager's void page does it: the ledger's void (who may, deposits
 * settled, cross-month category) and, in the same transaction, what waivers do about it (pending
 * requests returned, approved waivers reversed). The preview shows all of it before confirming.
 */
import type { Db } from '../db';
import { voidCheck, voidPayment, type VoidCheck, type VoidInput } from '../ledger';
import {
	dependentWaivers,
	groupByRequest,
	settleWaiversOnVoid,
	type VoidEffects,
	type WaiversOfRequest
} from '../waivers';

export interface VoidPreview extends VoidCheck {
	/** Approved waivers the void would reverse, per request, with the amounts and months. */
	waivers: Omit<WaiversOfRequest, 'requestId'>[];
}

/** What voiding this receipt now would do or why it is refused; null when not this community's. */
export function voidPreview(
	db: Db,
	communityId: number,
	receiptNo: string,
	voiderId: number,
	today: string
): VoidPreview | null {
	const check = voidCheck(db, communityId, receiptNo, voiderId, today);
	if (!check) return null;
	const waivers = check.alreadyVoided
		? []
		: groupByRequest(dependentWaivers(db, check.paymentId)).map(
				({ requestNo, amountFen, bills }) => ({ requestNo, amountFen, bills })
			);
	return { ...check, waivers };
}

/** Voids a receipt and settles the waivers that stood on it, in one transaction. */
export function voidReceipt(db: Db, input: VoidInput): VoidEffects & { paymentId: number } {
	let effects: VoidEffects = { returned: [], reversed: [] };
	const { paymentId } = voidPayment(db, input, (id, voidId) => {
		effects = settleWaiversOnVoid(db, id, voidId, input.managerId, input.now);
	});
	return { ...effects, paymentId };
}
