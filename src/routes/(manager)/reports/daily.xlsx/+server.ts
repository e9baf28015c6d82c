import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, dailyReportXlsx, reportExtras, reportFileNames } from '$lib/server/reports';
import { periodFromUrl, periodRefused } from '../period';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// GET /reports/daily.xlsx?date= (or ?month=, ?from=&to=): the report as an Excel workbook. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const period = periodFromUrl(url, today);
	if (!period.ok) return periodRefused(period.message);
	const xlsx = await dailyReportXlsx(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return new Response(new Uint8Array(xlsx), {
		headers: {
			'Content-Type': XLSX,
			'Content-Disposition': `attachment; filename="${name.ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name.zh}.xlsx`)}`,
			'Cache-Control': 'no-store'
		}
	});
};
