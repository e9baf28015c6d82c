import { formatDateTimeLocal } from '$lib/dates';
import { sheetXlsx } from '$lib/server/reports/xlsx';
import { COMPANY_MONTH_TITLE, monthSheetRows } from '$lib/server/company/month-sheet';
import { refusedText, xlsxResponse } from '$lib/server/download';
import { companyMonthReport, reportFileNames } from '../report/month';
import type { RequestHandler } from './$types';

// GET /company/report.xlsx?month=YYYY-MM: the CSV's rows as an Excel workbook (amounts as numbers).
export const GET: RequestHandler = async (event) => {
	const { now, timeZone, report, message } = companyMonthReport(event);
	if (!report) return refusedText(message);
	const xlsx = await sheetXlsx(monthSheetRows(report, formatDateTimeLocal(now, timeZone)), {
		sheet: COMPANY_MONTH_TITLE,
		creator: COMPANY_MONTH_TITLE,
		firstWidth: 12
	});
	const name = reportFileNames(report.month);
	return xlsxResponse(xlsx, `${name.zh}.xlsx`, `${name.ascii}.xlsx`);
};
