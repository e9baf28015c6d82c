import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, dailyReportCsv, reportExtras, reportFileNames } from '$lib/server/reports';
import { periodFromUrl, periodRefused } from '../period';
import type { RequestHandler } from './$types';

// GET /reports/daily.csv?date=YYYY-MM-DD (or ?from=&to=): the report for Excel (UTF-8 with BOM). Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const period = periodFromUrl(url, today);
	if (!period.ok) return periodRefused(period.message);
	const csv = dailyReportCsv(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name.ascii}.csv"; filename*=UTF-8''${encodeURIComponent(`${name.zh}.csv`)}`,
			'Cache-Control': 'no-store'
		}
	});
};
