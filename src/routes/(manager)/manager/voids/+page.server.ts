import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '$lib/money';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import {
	normaliseReceiptNo,
	recentVoids,
	summarise,
	type ReceiptSummary
} from '$lib/server/receipts';
import { voidPreview, voidReceipt, type VoidPreview } from '$lib/server/receipts/void';
import { VOID_CATEGORIES, VOID_REASON_MAX } from '$lib/domain/voids';
import { lookupReceipt } from '$lib/server/receipts/lookup';

/** /manager/voids?no=… — find a receipt, see it, void it with a reason; recent voids below. */
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const { q, record, message } = lookupReceipt(db, user.communityId, url, today);
	let receipt: ReceiptSummary | null = null;
	let preview: VoidPreview | null = null;
	if (record) {
		receipt = summarise(db, record, community.timeZone);
		// Who may void it, what blocks it, and which waivers it would reverse: shown before confirming.
		preview = voidPreview(db, user.communityId, record.payment.receiptNo, user.id, today);
	}
	return {
		q,
		receipt,
		preview,
		categories: VOID_CATEGORIES,
		message,
		voids: recentVoids(db, user.communityId, community.timeZone, 30),
		reasonMax: VOID_REASON_MAX
	};
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
				.refine((s) => s.length <= VOID_REASON_MAX, {
					message: m.receipts_voids_reason_too_long({ max: VOID_REASON_MAX })
				}),
			// Required for a receipt of an earlier month (checked in the ledger, which knows the dates).
			category: z
				.union([z.literal(''), z.enum(VOID_CATEGORIES)], {
					message: m.receipts_voids_category_missing()
				})
				.default('')
		});
		const parsed = parseForm(schema, await request.formData());
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);

		const db = getDb();
		const community = getCommunity(db, user.communityId);
		const receiptNo = normaliseReceiptNo(
			parsed.data.receiptNo,
			Number(communityToday(community).slice(0, 4))
		);
		const values = {
			receiptNo: parsed.data.receiptNo,
			reason: parsed.data.reason,
			category: parsed.data.category
		};
		if (!receiptNo) return failForm(400, m.receipts_invalid_no(), { values });
		const now = nowMs();
		let effects: ReturnType<typeof voidReceipt>;
		try {
			// Pending waivers on the bills it paid go back to the clerk and approved ones are reversed, in the same transaction.
			effects = voidReceipt(db, {
				communityId: user.communityId,
				receiptNo,
				reason: parsed.data.reason,
				category: parsed.data.category || null,
				managerId: user.id,
				now,
				localDate: communityToday(community, new Date(now))
			});
		} catch (e) {
			// own_receipt: the manager is the receipt's cashier, named in the message.
			return refusal(e, { values, detail: { cashier: user.displayName } });
		}
		return {
			done: receiptNo,
			returned: effects.returned,
			reversed: effects.reversed.map((r) => `${r.requestNo ?? '—'} ${formatYuan(r.amountFen)}`)
		};
	}
};
