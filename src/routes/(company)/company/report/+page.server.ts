import { addMonths, monthOf } from '$lib/dates';
import { companyMonthReport } from './month';
import type { PageServerLoad } from './$types';

/** /company/report?month=YYYY-MM — every centre's month side by side, with its PDF, CSV and XLSX. */
export const load: PageServerLoad = (event) => {
	const { today, timeZone, asked, report, message } = companyMonthReport(event);
	const thisMonth = monthOf(today);
	return {
		month: asked,
		quick: { thisMonth, lastMonth: addMonths(thisMonth, -1) },
		timeZone,
		message,
		report
	};
};
