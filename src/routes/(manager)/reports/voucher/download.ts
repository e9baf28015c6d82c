import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { translateError } from '$lib/server/refusal';
import { voucherCsv, voucherFile, voucherFileNames, voucherXlsx } from '$lib/server/voucher';
import { periodRefused } from '../period';
import { voucherPeriod } from './period';

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * GET /reports/voucher.csv|xlsx?date= (or ?from=&to=): the vouchers of a day or a month. A bad
 * period is a 400, an unmapped account a 409, each with the translated message as plain text.
 */
export async function voucherDownload(
	locals: App.Locals,
	url: URL,
	format: keyof typeof TYPES
): Promise<Response> {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const period = voucherPeriod(url, communityToday(getCommunity(db, user.communityId)));
	if (!period.ok) return periodRefused(period.message);
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
	const body = format === 'csv' ? voucherCsv(file) : await voucherXlsx(file);
	const name = voucherFileNames(period);
	return new Response(body as BodyInit, {
		headers: {
			'Content-Type': TYPES[format],
			'Content-Disposition': `attachment; filename="${name.ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name.zh}.${format}`)}`,
			'Cache-Control': 'no-store'
		}
	});
}
