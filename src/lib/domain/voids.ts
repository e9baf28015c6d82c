/**
 * Voiding a receipt (作废), the bookkeeper's controls (DESIGN.md "Controls a bookkeeper expects"):
 * pure rules, no I/O.
 *
 * - No one voids their own receipt: the voider is a manager (or an admin, for a centre with one
 *   manager who took the payment himself) who is not the receipt's cashier.
 * - A receipt of an earlier calendar month than the void (跨月作废) needs a reason category from a
 *   fixed list, so the daily report can show why money left a closed month.
 */

export const VOID_CATEGORIES = ['entry_error', 'duplicate', 'refund', 'other'] as const;
export type VoidCategory = (typeof VOID_CATEGORIES)[number];

/** The longest reason a void may carry. */
export const VOID_REASON_MAX = 500;

export function isVoidCategory(v: unknown): v is VoidCategory {
	return typeof v === 'string' && (VOID_CATEGORIES as readonly string[]).includes(v);
}

export type VoiderRefusal = 'not_allowed' | 'own_receipt';

/** Why this staff member may not void a receipt taken by `cashierId`, or null when they may. */
export function voiderRefusal(
	voider: { id: number; role: string },
	cashierId: number
): VoiderRefusal | null {
	if (voider.role !== 'manager' && voider.role !== 'admin') return 'not_allowed';
	if (voider.id === cashierId) return 'own_receipt';
	return null;
}

/** The receipt was issued in an earlier calendar month than the void (dates YYYY-MM-DD). */
export function isCrossMonth(paidDate: string, voidDate: string): boolean {
	return paidDate.slice(0, 7) < voidDate.slice(0, 7);
}

/** The categories as printed on Chinese documents (the daily report PDF/CSV). */
export const VOID_CATEGORY_ZH: Record<VoidCategory, string> = {
	entry_error: '录入错误',
	duplicate: '重复收费',
	refund: '退费',
	other: '其他'
};

/** The reason cell of a void on the daily report: "【跨月作废·重复收费】原因" for a cross-month void. */
export function voidReasonZh(v: {
	reason: string;
	category: string | null;
	crossMonth: boolean;
}): string {
	if (!v.crossMonth) return v.reason;
	const category = isVoidCategory(v.category) ? `·${VOID_CATEGORY_ZH[v.category]}` : '';
	return `【跨月作废${category}】${v.reason}`;
}
