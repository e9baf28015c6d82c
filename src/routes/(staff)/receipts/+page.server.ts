import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { paymentByReceiptNo } from '$lib/server/ledger';
import { recentReceipts, summarise, type ReceiptSummary } from '$lib/server/receipts';
import { newPrintKey, printReceiptAction } from '$lib/server/receipts/print-action';
import { parseForm } from '$lib/server/forms';
import { cashiersByWorkNo, searchReceipts } from '$lib/server/unit-file';
import { hasListFilter, receiptSearchSchema } from '$lib/server/unit-file/forms';
import { SEARCH_FIELDS, searchQuery } from './search';
import type { Actions, PageServerLoad } from './$types';

/**
 * /receipts — 票据 search and reprint: by number (full, or this year's sequence number), room,
 * owner or payer name, phone tail, date range, method and cashier (工号), paged. Keyboard first:
 * Enter in the search (`go`) opens the newest match, whose 补打 button then has the focus. Bad
 * input is a translated 400 (the error page keeps the search form, refilled).
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const values = Object.fromEntries(
		SEARCH_FIELDS.map((k) => [k, (url.searchParams.get(k) ?? '').slice(0, 60)])
	) as Record<(typeof SEARCH_FIELDS)[number], string>;
	const parsed = parseForm(
		receiptSearchSchema({
			currentYear: Number(today.slice(0, 4)),
			cashierByWorkNo: cashiersByWorkNo(db, user.communityId)
		}),
		values
	);
	if (!parsed.ok) error(400, { message: Object.values(parsed.errors)[0] });
	const s = parsed.data;

	const results = hasListFilter(s)
		? searchReceipts(db, user.communityId, community.timeZone, {
				receiptNo: null,
				room: s.room,
				name: s.name,
				phone: s.phone,
				from: s.from,
				to: s.to,
				method: s.method,
				cashierId: s.cashier,
				page: s.page
			})
		: null;
	// Enter in the search opens the newest match (the list stays below it).
	if (url.searchParams.has('go') && !s.no && results?.hits.length)
		redirect(
			303,
			`/receipts${searchQuery({ ...values, no: results.hits[0].receiptNo, page: '' })}`
		);

	let receipt: ReceiptSummary | null = null;
	let message: string | null = null;
	if (s.no) {
		const record = paymentByReceiptNo(db, user.communityId, s.no);
		if (!record) message = m.receipts_not_found({ no: s.no });
		else receipt = summarise(db, record, community.timeZone);
	}
	return {
		values,
		receipt,
		message,
		results,
		printKey: newPrintKey(),
		today: results
			? []
			: recentReceipts(db, user.communityId, community.timeZone, { localDate: today, limit: 30 })
	};
};

export const actions = {
	print: printReceiptAction
} satisfies Actions;
