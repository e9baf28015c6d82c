import { dailyReport, reportExtras, reportFileNames } from '$lib/server/reports';
import { dailyReportPdf } from '$lib/server/pdf/daily-report';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { reportFileContext } from '../report-file';
import type { RequestHandler } from './$types';

// GET /reports/daily.pdf?date=YYYY-MM-DD (or ?from=&to=): the A4 report to print and sign. Managers only.
export const GET: RequestHandler = async ({ locals, url }) => {
	const { user, db, now, today, period } = reportFileContext(locals, url);
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
