import { error, redirect } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { verifyUrl } from '$lib/server/receipts';
import { residentReceiptCopy } from '$lib/server/receipts/resident-copy';
import { renderReceipt } from '$lib/server/pdf/receipt';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/**
 * GET /kiosk/me/receipts/SF-2026-000123.pdf?print=42 — the resident's copy of one of their own
 * receipts on the kiosk's 80 mm roll, marked 补打, exactly as recorded print 42 (made by the 补打
 * button on /kiosk/me/history, a POST) made it. Opening it records nothing; without a print the
 * resident is sent to their history, where the copy is asked for. Any other receipt or print: 404.
 */
export const GET = (async ({ locals, params, url }) => {
	const resident = requireResident(locals);
	const print = url.searchParams.get('print') ?? '';
	if (!print) redirect(303, '/kiosk/me/history');
	if (!/^\d{1,12}$/.test(print)) error(404, 'not_found');
	const db = getDb();
	const community = getCommunity(db, resident.communityId);
	const copy = residentReceiptCopy(db, {
		communityId: resident.communityId,
		unitId: resident.unitId,
		receiptNo: params.receiptNo,
		asOf: communityToday(community),
		printId: Number(print)
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
