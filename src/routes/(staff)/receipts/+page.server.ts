import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { paymentByReceiptNo } from '$lib/server/ledger';
import {
	normaliseReceiptNo,
	recentReceipts,
	summarise,
	type ReceiptSummary
} from '$lib/server/receipts';
import { newPrintKey, printReceiptAction } from '$lib/server/receipts/print-action';
import type { Actions, PageServerLoad } from './$types';

/** /receipts?no=… — find a receipt by number (full, or this year's sequence number) to print or reprint it. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const q = (url.searchParams.get('no') ?? '').slice(0, 40);

	let receipt: ReceiptSummary | null = null;
	let message: string | null = null;
	if (q.trim()) {
		const no = normaliseReceiptNo(q, Number(today.slice(0, 4)));
		const record = no ? paymentByReceiptNo(db, user.communityId, no) : null;
		if (!no) message = m.receipts_invalid_no();
		else if (!record) message = m.receipts_not_found({ no });
		else receipt = summarise(db, record, community.timeZone);
	}
	return {
		q,
		receipt,
		message,
		printKey: newPrintKey(),
		today: recentReceipts(db, user.communityId, community.timeZone, { localDate: today, limit: 30 })
	};
};

export const actions = {
	print: printReceiptAction
} satisfies Actions;
