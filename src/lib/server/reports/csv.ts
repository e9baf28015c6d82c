/**
 * GET /reports/daily.csv: the report's sections (titled 日报, 月报 or 期间报表) one under the other (title row, header row, data,
 * blank row), UTF-8 with a BOM and CRLF (tickets/csv.ts), so Excel on Chinese Windows opens it.
 * Amounts are plain yuan numbers ("-10.00") so the spreadsheet can add them up.
 */
import { fenToYuanString } from '../../money';
import { BOM, csvCell } from '../csv';
import type { DailyReport } from './daily';
import { reportRows, type Cell, type ReportExtras } from './sheet';

function cell(c: Cell): string {
	if (typeof c === 'number') return String(c);
	// Amounts are ours, never typed by anyone: no formula guard needed (it would turn -10.00 into text).
	if (typeof c === 'object') return fenToYuanString(c.fen);
	return csvCell(c);
}

/** Rows of cells as the CSV file (also the company month report's). */
export function sheetCsv(rows: readonly Cell[][]): string {
	return BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function dailyReportCsv(r: DailyReport, extras: ReportExtras = {}): string {
	return sheetCsv(reportRows(r, extras));
}
