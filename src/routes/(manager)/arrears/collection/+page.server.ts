import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import {
	collectionReport,
	collectionTrend,
	feeItemsOf,
	parseCollectionQuery,
	periodAsOf
} from '$lib/server/arrears';
import type { PageServerLoad } from './$types';

/** /arrears/collection?from=YYYY-MM&to=YYYY-MM — 收缴率 and 清欠率 by building and fee item, and the 12-month trend. */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const month = today.slice(0, 7);
	const quick = { month, year: today.slice(0, 4) };
	const items = feeItemsOf(db, user.communityId);
	const q = parseCollectionQuery(url, today);
	if (!q.ok)
		return { today, quick, items, values: q.values, message: q.message, report: null, trend: null };
	const period = periodAsOf(q.period.fromMonth, q.period.toMonth, today);
	return {
		today,
		quick,
		items,
		values: { from: q.period.fromMonth, to: q.period.toMonth },
		message: null,
		report: collectionReport(db, user.communityId, period),
		trend: collectionTrend(db, user.communityId, q.period.toMonth, today)
	};
}) satisfies PageServerLoad;
