import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { parseReceiptNo } from '$lib/server/ledger';
import { printReceipt, RECEIPT_FORMATS, verifyUrl, type ReceiptFormatName } from '$lib/server/receipts';
import { renderReceipt } from '$lib/server/pdf/receipt';

/**
 * GET /receipts/SF-2026-000123.pdf[?format=roll] — one print of a receipt of the signed-in
 * staff member's community. Every GET is a print: the first is the original, later ones carry
 * 补打 (第N次) and are audited. Unknown, forged or other communities' numbers: 404.
 */
export const GET = async ({ params, url, locals }) => {
	const user = requireStaff(locals, 'clerk', url);
	const receiptNo = params.receiptNo;
	if (!parseReceiptNo(receiptNo)) error(404, 'not_found');
	const format = (url.searchParams.get('format') ?? 'a5') as ReceiptFormatName;
	if (!RECEIPT_FORMATS.includes(format)) error(400, 'bad_format');

	const db = getDb();
	const now = nowMs();
	const printed = printReceipt(db, { communityId: user.communityId, receiptNo, staffId: user.id, format, now });
	if (!printed) error(404, 'not_found');

	const community = getCommunity(db, user.communityId);
	const pdf = await renderReceipt(printed.record, community, {
		format,
		reprintNo: printed.reprintNo,
		verifyUrl: verifyUrl(url.origin, printed.record.payment.verifyCode),
		printedAt: now
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="${receiptNo}${format === 'roll' ? '-roll' : ''}.pdf"`,
			'Content-Length': String(pdf.length),
			'Cache-Control': 'no-store'
		}
	});
};
