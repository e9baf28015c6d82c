import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, reportExtras, reportFileNames } from '$lib/server/reports';
import { dailyReportPdf } from '$lib/server/pdf/daily-report';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { periodFromUrl } from '../period';
import type { RequestHandler } from './$types';

// GET /reports/daily.pdf?date=YYYY-MM-DD (or ?from=&to=): the A4 report to print and sign. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	const period = periodFromUrl(url, today);
	if (!period.ok) return refusedText(period.message);
	const report = dailyReport(db, user.communityId, period.from, period.to, { now });
	const pdf = await dailyReportPdf({
		report,
		extras: reportExtras(db, user.communityId, period.from, period.to),
		printedAt: now,
		printedBy: `${user.displayName} ${user.workNo}`
	});
	const name = reportFileNames({ ...period, today });
	return pdfResponse(pdf, { filename: `${name.zh}.pdf`, asciiFilename: `${name.ascii}.pdf` });
};
