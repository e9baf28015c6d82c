import { error } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { communityToday, getCommunity } from '$lib/server/community';
import { verifyUrl } from '$lib/server/receipts';
import { residentReceiptCopy } from '$lib/server/receipts/resident-copy';
import { renderReceipt } from '$lib/server/pdf/receipt';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/**
 * GET /kiosk/me/receipts/SF-2026-000123.pdf — the resident's copy of one of their own receipts of
 * the last 24 months, on the kiosk's 80 mm roll, marked 补打. Any other receipt: 404.
 */
export const GET = (async ({ locals, params, url }) => {
	const resident = requireResident(locals);
	const db = getDb();
	const community = getCommunity(db, resident.communityId);
	const now = nowMs();
	const copy = residentReceiptCopy(db, {
		communityId: resident.communityId,
		unitId: resident.unitId,
		receiptNo: params.receiptNo,
		asOf: communityToday(community),
		now
	});
	if (!copy) error(404, 'not_found');
	const pdf = await renderReceipt(copy.record, community, {
		format: 'roll',
		reprintNo: copy.reprintNo,
		verifyUrl: verifyUrl(url.origin, copy.record.payment.verifyCode),
		printedAt: copy.printedAt,
		reprintReason: copy.reprintReason,
		facts: copy.facts
	});
	return pdfResponse(pdf, { filename: `${params.receiptNo}-copy.pdf` });
}) satisfies RequestHandler;
