import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { translateError } from '$lib/server/refusal';
import { voucherCsv, voucherFile, voucherFileNames, voucherXlsx } from '$lib/server/voucher';
import { csvResponse, refusedText, xlsxResponse } from '$lib/server/download';
import { voucherPeriod } from './period';

/**
 * GET /reports/voucher.csv|xlsx?date= (or ?from=&to=): the vouchers of a day or a month. A bad
 * period is a 400, an unmapped account a 409, each with the translated message as plain text.
 */
export async function voucherDownload(
	locals: App.Locals,
	url: URL,
	format: 'csv' | 'xlsx'
): Promise<Response> {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const period = voucherPeriod(url, communityToday(getCommunity(db, user.communityId)));
	if (!period.ok) return refusedText(period.message);
	let file;
	try {
		file = voucherFile(db, user.communityId, period.from, period.to);
	} catch (e) {
		const t = translateError(e);
		if (!t) throw e;
		return new Response(t.message, {
			status: t.status,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
		});
	}
	const name = voucherFileNames(period);
	const [zh, ascii] = [`${name.zh}.${format}`, `${name.ascii}.${format}`];
	return format === 'csv'
		? csvResponse(voucherCsv(file), zh, ascii)
		: xlsxResponse(await voucherXlsx(file), zh, ascii);
}
