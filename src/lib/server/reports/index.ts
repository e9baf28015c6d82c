// The daily report (日报), DOMAIN.md §9: figures (daily.ts), CSV (csv.ts); the PDF is pdf/daily-report.ts.
export {
	dailyReport,
	collectionsByDay,
	openTicketsByAge,
	periodBounds,
	type DailyReport,
	type ItemLine,
	type CashierLine,
	type VoidRow
} from './daily';
export { dailyReportCsv } from './csv';
export { reportFileNames, reportTitleZh } from './sheet';
