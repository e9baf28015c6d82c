import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { translateError } from '$lib/server/refusal';
import { voucherFile, voucherRows } from '$lib/server/voucher';
import { periodQuery } from '../period';
import { voucherPeriod } from './period';
import type { PageServerLoad } from './$types';

/** /reports/voucher?date=… or ?from=…&to=…: the vouchers of a period, previewed, with the downloads. */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId));
	const asked = url.searchParams.size > 0;
	const values = {
		from: (url.searchParams.get('from') ?? url.searchParams.get('date') ?? today).slice(0, 20),
		to: (url.searchParams.get('to') ?? url.searchParams.get('date') ?? today).slice(0, 20)
	};
	const base = {
		today,
		values,
		monthStart: `${today.slice(0, 7)}-01`,
		isAdmin: user.role === 'admin'
	};
	if (!asked) return { ...base, message: null, query: null, preview: null };
	const period = voucherPeriod(url, today);
	if (!period.ok) return { ...base, message: period.message, query: null, preview: null };
	try {
		const file = voucherFile(db, user.communityId, period.from, period.to);
		return {
			...base,
			message: null,
			query: periodQuery(period),
			preview: {
				count: file.vouchers.length,
				debitFen: file.debitFen,
				creditFen: file.creditFen,
				rows: voucherRows(file.vouchers)
			}
		};
	} catch (e) {
		const t = translateError(e);
		if (!t) throw e;
		return { ...base, message: t.message, query: null, preview: null };
	}
}) satisfies PageServerLoad;
