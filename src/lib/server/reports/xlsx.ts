/**
 * GET /reports/daily.xlsx: the same rows as the CSV (sheet.ts `reportRows`) as an Excel workbook,
 * amounts as numbers in yuan with two decimals so the spreadsheet adds them up.
 */
import ExcelJS from 'exceljs';
import type { DailyReport } from './daily';
import { reportRows, reportTitleZh, type ReportExtras } from './sheet';

export async function dailyReportXlsx(r: DailyReport, extras: ReportExtras = {}): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = r.centreName;
	const ws = wb.addWorksheet(reportTitleZh(r));
	for (const row of reportRows(r, extras)) {
		const added = ws.addRow(row.map((c) => (typeof c === 'object' ? c.fen / 100 : c)));
		row.forEach((c, i) => {
			if (typeof c === 'object') added.getCell(i + 1).numFmt = '#,##0.00';
		});
	}
	ws.getRow(1).font = { bold: true, size: 14 };
	ws.columns.forEach((c, i) => (c.width = i === 0 ? 30 : 14));
	return Buffer.from(await wb.xlsx.writeBuffer());
}
