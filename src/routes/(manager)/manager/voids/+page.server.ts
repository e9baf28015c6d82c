import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { LedgerError, paymentByReceiptNo, voidPayment } from '$lib/server/ledger';
import { normaliseReceiptNo, recentVoids, summarise, type ReceiptSummary } from '$lib/server/receipts';
import { onPaymentVoided } from '$lib/server/waivers';

const REASON_MAX = 500;

/** LedgerError codes of voidPayment → what the manager reads. */
function voidMessage(code: string): string {
	switch (code) {
		case 'not_found':
			return m.ledger_not_found();
		case 'already_voided':
			return m.ledger_already_voided();
		case 'reason_missing':
			return m.ledger_reason_required();
		case 'reason_too_long':
			return m.receipts_voids_reason_too_long({ max: REASON_MAX });
		default:
			return m.ledger_refused();
	}
}

/** /manager/voids?no=… — find a receipt, see it, void it with a reason; recent voids below. */
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const q = (url.searchParams.get('no') ?? '').slice(0, 40);
	let receipt: ReceiptSummary | null = null;
	let message: string | null = null;
	if (q.trim()) {
		const no = normaliseReceiptNo(q, Number(communityToday(community).slice(0, 4)));
		const record = no ? paymentByReceiptNo(db, user.communityId, no) : null;
		if (!no) message = m.receipts_invalid_no();
		else if (!record) message = m.receipts_not_found({ no });
		else receipt = summarise(db, record, community.timeZone);
	}
	return { q, receipt, message, voids: recentVoids(db, user.communityId, community.timeZone, 30), reasonMax: REASON_MAX };
};

export const actions = {
	void: async ({ request, locals, url }) => {
		const user = requireStaff(locals, 'manager', url);
		const schema = z.object({
			receiptNo: z.string().trim().min(1).max(40),
			// refine (a 'custom' issue) so the form shows these messages, not the generic "required".
			reason: z
				.string()
				.default('')
				.transform((s) => s.trim())
				.refine((s) => s.length > 0, { message: m.ledger_reason_required() })
				.refine((s) => s.length <= REASON_MAX, { message: m.receipts_voids_reason_too_long({ max: REASON_MAX }) })
		});
		const parsed = parseForm(schema, await request.formData());
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);

		const db = getDb();
		const community = getCommunity(db, user.communityId);
		const receiptNo = normaliseReceiptNo(parsed.data.receiptNo, Number(communityToday(community).slice(0, 4)));
		const values = { receiptNo: parsed.data.receiptNo, reason: parsed.data.reason };
		if (!receiptNo) return failForm(400, m.receipts_invalid_no(), { values });
		const now = nowMs();
		let returned: string[] = [];
		try {
			// Pending late-fee waivers on the bills it paid go back to the clerk, in the same transaction.
			voidPayment(db, { communityId: user.communityId, receiptNo, reason: parsed.data.reason, managerId: user.id, now, localDate: communityToday(community, new Date(now)) }, (paymentId) => {
				returned = onPaymentVoided(db, paymentId, user.id, now);
			});
		} catch (e) {
			if (e instanceof LedgerError) return failForm(e.code === 'not_found' ? 404 : 409, voidMessage(e.code), { values });
			throw e;
		}
		return { done: receiptNo, returned };
	}
};
