import { dailyReport, dailyReportXlsx, reportExtras, reportFileNames } from '$lib/server/reports';
import { refusedText, xlsxResponse } from '$lib/server/download';
import { reportFileContext } from '../report-file';
import type { RequestHandler } from './$types';

// GET /reports/daily.xlsx?date= (or ?month=, ?from=&to=): the report as an Excel workbook. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, db, now, today, period } = reportFileContext(locals, url);
	if (!period.ok) return refusedText(period.message);
	const xlsx = await dailyReportXlsx(
		dailyReport(db, user.communityId, period.from, period.to, { now }),
		reportExtras(db, user.communityId, period.from, period.to)
	);
	const name = reportFileNames({ ...period, today });
	return xlsxResponse(xlsx, `${name.zh}.xlsx`, `${name.ascii}.xlsx`);
};
