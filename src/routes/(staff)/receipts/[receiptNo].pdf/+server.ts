import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { parseReceiptNo } from '$lib/server/ledger';
import {
	receiptView,
	RECEIPT_FORMATS,
	verifyUrl,
	type ReceiptFormatName
} from '$lib/server/receipts';
import { renderReceipt } from '$lib/server/pdf/receipt';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/**
 * GET /receipts/SF-2026-000123.pdf[?format=roll] — a receipt of the signed-in staff member's
 * community as its latest recorded print looks (补打（第N次）, its time and reason), or as the
 * original prints before any print. GET records nothing (link previews, crawlers and second
 * looks are not prints): printing is the 打印 / 补打 POST on the receipt pages, which records
 * the print and then opens this address. Unknown, forged or other communities' numbers: 404.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const user = requireStaff(locals, 'clerk', url);
	const receiptNo = params.receiptNo;
	if (!parseReceiptNo(receiptNo)) error(404, 'not_found');
	const format = (url.searchParams.get('format') ?? 'a5') as ReceiptFormatName;
	if (!RECEIPT_FORMATS.includes(format)) error(400, 'bad_format');

	const db = getDb();
	const view = receiptView(db, user.communityId, receiptNo);
	if (!view) error(404, 'not_found');

	const community = getCommunity(db, user.communityId);
	const pdf = await renderReceipt(view.record, community, {
		format,
		reprintNo: view.reprintNo,
		verifyUrl: verifyUrl(url.origin, view.record.payment.verifyCode),
		printedAt: view.printedAt,
		reprintReason: view.reprintReason,
		facts: view.facts
	});
	return pdfResponse(pdf, { filename: `${receiptNo}${format === 'roll' ? '-roll' : ''}.pdf` });
};
