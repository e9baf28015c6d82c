// The daily report (日报; 月报 / 期间报表 for a range), DOMAIN.md §9: figures (daily.ts, month.ts),
// CSV (csv.ts), XLSX (xlsx.ts); the PDF is pdf/daily-report.ts.
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
export { monthFigures, type MonthFigures } from './month';
export { reportExtras } from './extras';
export { dailyReportCsv } from './csv';
export { dailyReportXlsx } from './xlsx';
export { reportFileNames, reportTitleZh, type ReportExtras } from './sheet';
