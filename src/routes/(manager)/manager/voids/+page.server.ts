import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '$lib/money';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { LedgerError, paymentByReceiptNo } from '$lib/server/ledger';
import {
	normaliseReceiptNo,
	recentVoids,
	summarise,
	type ReceiptSummary
} from '$lib/server/receipts';
import { voidPreview, voidReceipt, type VoidPreview } from '$lib/server/receipts/void';
import { lookupReceipt } from '$lib/server/receipts/lookup';
import { VOID_CATEGORIES } from '$lib/domain/voids';

const REASON_MAX = 500;

/** LedgerError codes of voidPayment → what the manager reads. */
function voidMessage(code: string, detail: Record<string, unknown> = {}): string {
	switch (code) {
		case 'own_receipt':
			return m.receipts_voids_own_receipt({
				cashier: typeof detail.cashier === 'string' ? detail.cashier : ''
			});
		case 'not_allowed':
			return m.receipts_voids_not_allowed();
		case 'deposit_settled':
			return m.receipts_voids_deposit_settled({
				vouchers: Array.isArray(detail.vouchers) ? detail.vouchers.join('、') : ''
			});
		case 'category_missing':
		case 'category_invalid':
			return m.receipts_voids_category_missing();
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
		reasonMax: REASON_MAX
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
				.refine((s) => s.length <= REASON_MAX, {
					message: m.receipts_voids_reason_too_long({ max: REASON_MAX })
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
			if (e instanceof LedgerError) {
				const detail =
					e.code === 'own_receipt'
						? {
								cashier:
									paymentByReceiptNo(db, user.communityId, receiptNo)?.cashier.displayName ?? ''
							}
						: e.detail;
				const status =
					e.code === 'not_found'
						? 404
						: e.code === 'own_receipt' || e.code === 'not_allowed'
							? 403
							: e.code === 'category_missing' || e.code === 'category_invalid'
								? 400
								: 409;
				const errors: Record<string, string> =
					e.code === 'category_missing' || e.code === 'category_invalid'
						? { category: voidMessage(e.code) }
						: {};
				return failForm(status, voidMessage(e.code, detail), { values, errors });
			}
			throw e;
		}
		return {
			done: receiptNo,
			returned: effects.returned,
			reversed: effects.reversed.map((r) => `${r.requestNo ?? '—'} ${formatYuan(r.amountFen)}`)
		};
	}
};
