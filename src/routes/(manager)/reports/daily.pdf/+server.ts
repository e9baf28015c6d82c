import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { dailyReport, reportFileNames } from '$lib/server/reports';
import { dailyReportPdf } from '$lib/server/pdf/daily-report';
import { periodFromUrl, periodRefused } from '../period';

// GET /reports/daily.pdf?date=YYYY-MM-DD (or ?from=&to=): the A4 report to print and sign. Managers only.
export const GET = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const period = periodFromUrl(url, communityToday(community, new Date(now)));
	if (!period.ok) return periodRefused(period.message);
	const report = dailyReport(db, user.communityId, period.from, period.to, { now });
	const pdf = await dailyReportPdf({ report, printedAt: now, printedBy: `${user.displayName} ${user.workNo}` });
	const name = reportFileNames(period);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="${name.ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(`${name.zh}.pdf`)}`,
			'Cache-Control': 'no-store'
		}
	});
};
