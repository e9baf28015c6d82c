import { dailyReport, dailyReportCsv, reportExtras, reportFileNames } from '$lib/server/reports';
import { csvResponse, refusedText } from '$lib/server/download';
import { reportFileContext } from '../report-file';
import type { RequestHandler } from './$types';

// GET /reports/daily.csv?date=YYYY-MM-DD (or ?from=&to=): the report for Excel (UTF-8 with BOM). Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, db, now, today, period } = reportFileContext(locals, url);
	if (!period.ok) return refusedText(period.message);
	const csv = dailyReportCsv(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return csvResponse(csv, `${name.zh}.csv`, `${name.ascii}.csv`);
};
