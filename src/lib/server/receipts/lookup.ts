import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db';
import { paymentByReceiptNo, type PaymentRecord } from '../ledger';
import { normaliseReceiptNo } from './index';

/** What a receipt search (?no=…) found: the receipt, or why not (nothing asked: neither). */
export interface ReceiptLookup {
	/** As typed, for the search box. */
	q: string;
	record: PaymentRecord | null;
	message: string | null;
}

/**
 * Finds the receipt asked for by `?no=` on the receipts and voids pages: the full number, or this
 * year's sequence number (`today` gives the year).
 */
export function lookupReceipt(db: Db, communityId: number, url: URL, today: string): ReceiptLookup {
	const q = (url.searchParams.get('no') ?? '').slice(0, 40);
	if (!q.trim()) return { q, record: null, message: null };
	const no = normaliseReceiptNo(q, Number(today.slice(0, 4)));
	if (!no) return { q, record: null, message: m.receipts_invalid_no() };
	const record = paymentByReceiptNo(db, communityId, no);
	return { q, record, message: record ? null : m.receipts_not_found({ no }) };
}
