// The reason categories of a void (跨月作废), translated for pages (documents use VOID_CATEGORY_ZH).
import { m } from '$lib/paraglide/messages.js';

export function voidCategoryLabel(c: string): string {
	switch (c) {
		case 'entry_error':
			return m.receipts_voids_category_entry_error();
		case 'duplicate':
			return m.receipts_voids_category_duplicate();
		case 'refund':
			return m.receipts_voids_category_refund();
		case 'other':
			return m.receipts_voids_category_other();
		default:
			return c;
	}
}
