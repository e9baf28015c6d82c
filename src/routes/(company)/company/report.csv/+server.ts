import { formatDateTimeLocal } from '$lib/dates';
import { sheetCsv } from '$lib/server/reports/csv';
import { monthSheetRows } from '$lib/server/company/month-sheet';
import { csvResponse, refusedText } from '$lib/server/download';
import { companyMonthReport, reportFileNames } from '../report/month';
import type { RequestHandler } from './$types';

// GET /company/report.csv?month=YYYY-MM: one row per centre and the total (amounts in yuan).
export const GET: RequestHandler = (event) => {
	const { now, timeZone, report, message } = companyMonthReport(event);
	if (!report) return refusedText(message);
	const csv = sheetCsv(monthSheetRows(report, formatDateTimeLocal(now, timeZone)));
	const name = reportFileNames(report.month);
	return csvResponse(csv, `${name.zh}.csv`, `${name.ascii}.csv`);
};
