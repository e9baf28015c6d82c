import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, dailyReportCsv, reportExtras, reportFileNames } from '$lib/server/reports';
import { csvResponse, refusedText } from '$lib/server/download';
import { periodFromUrl } from '../period';
import type { RequestHandler } from './$types';

// GET /reports/daily.csv?date=YYYY-MM-DD (or ?from=&to=): the report for Excel (UTF-8 with BOM). Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const period = periodFromUrl(url, today);
	if (!period.ok) return refusedText(period.message);
	const csv = dailyReportCsv(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return csvResponse(csv, `${name.zh}.csv`, `${name.ascii}.csv`);
};
