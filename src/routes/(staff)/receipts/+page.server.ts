import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { recentReceipts, summarise, type ReceiptSummary } from '$lib/server/receipts';
import { newPrintKey, printReceiptAction } from '$lib/server/receipts/print-action';
import { lookupReceipt } from '$lib/server/receipts/lookup';
import type { Actions, PageServerLoad } from './$types';

/** /receipts?no=… — find a receipt by number (full, or this year's sequence number) to print or reprint it. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const { q, record, message } = lookupReceipt(db, user.communityId, url, today);
	const receipt: ReceiptSummary | null = record ? summarise(db, record, community.timeZone) : null;
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
