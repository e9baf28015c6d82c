/**
 * GET /reports/daily.xlsx: the same rows as the CSV (sheet.ts `reportRows`) as an Excel workbook,
 * amounts as numbers in yuan with two decimals so the spreadsheet adds them up.
 */
import ExcelJS from 'exceljs';
import type { DailyReport } from './daily';
import { reportRows, reportTitleZh, type Cell, type ReportExtras } from './sheet';

/**
 * Rows of cells as a one-sheet workbook (also the company month report's): amounts as numbers,
 * the first row (the title) bold.
 */
export async function sheetXlsx(
	rows: readonly Cell[][],
	o: { sheet: string; creator: string; firstWidth: number }
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = o.creator;
	const ws = wb.addWorksheet(o.sheet);
	for (const row of rows) {
		const added = ws.addRow(row.map((c) => (typeof c === 'object' ? c.fen / 100 : c)));
		row.forEach((c, i) => {
			if (typeof c === 'object') added.getCell(i + 1).numFmt = '#,##0.00';
		});
	}
	ws.getRow(1).font = { bold: true, size: 14 };
	ws.columns.forEach((c, i) => (c.width = i === 0 ? o.firstWidth : 14));
	return Buffer.from(await wb.xlsx.writeBuffer());
}

export function dailyReportXlsx(r: DailyReport, extras: ReportExtras = {}): Promise<Buffer> {
	return sheetXlsx(reportRows(r, extras), {
		sheet: reportTitleZh(r),
		creator: r.centreName,
		firstWidth: 30
	});
}
