import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, dailyReportXlsx, reportExtras, reportFileNames } from '$lib/server/reports';
import { refusedText, xlsxResponse } from '$lib/server/download';
import { periodFromUrl } from '../period';
import type { RequestHandler } from './$types';

// GET /reports/daily.xlsx?date= (or ?month=, ?from=&to=): the report as an Excel workbook. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const period = periodFromUrl(url, today);
	if (!period.ok) return refusedText(period.message);
	const xlsx = await dailyReportXlsx(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return xlsxResponse(xlsx, `${name.zh}.xlsx`, `${name.ascii}.xlsx`);
};
