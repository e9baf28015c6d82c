import { companyMonthPdf } from '$lib/server/pdf/company-month';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { companyMonthReport, reportFileNames } from '../report/month';
import type { RequestHandler } from './$types';

// GET /company/report.pdf?month=YYYY-MM: the company month report on A4 landscape, to print and sign.
export const GET: RequestHandler = async (event) => {
	const { user, now, timeZone, report, message } = companyMonthReport(event);
	if (!report) return refusedText(message);
	const pdf = await companyMonthPdf({
		report,
		printedAt: now,
		printedBy: `${user.displayName} ${user.workNo}`,
		timeZone
	});
	const name = reportFileNames(report.month);
	return pdfResponse(pdf, { filename: `${name.zh}.pdf`, asciiFilename: `${name.ascii}.pdf` });
};
