/**
 * GET /reports/daily.csv: the report's sections (titled 日报, 月报 or 期间报表) one under the other (title row, header row, data,
 * blank row), UTF-8 with a BOM and CRLF (tickets/csv.ts), so Excel on Chinese Windows opens it.
 * Amounts are plain yuan numbers ("-10.00") so the spreadsheet can add them up.
 */
import { fenToYuanString } from '../../money';
import { formatDateTimeLocal } from '../../dates';
import { BOM, csvCell } from '../csv';
import type { DailyReport } from './daily';
import { periodZh, reportSections, reportTitleZh, type Cell, type ReportExtras } from './sheet';

function cell(c: Cell): string {
	if (typeof c === 'number') return String(c);
	// Amounts are ours, never typed by anyone: no formula guard needed (it would turn -10.00 into text).
	if (typeof c === 'object') return fenToYuanString(c.fen);
	return csvCell(c);
}

export function dailyReportCsv(r: DailyReport, extras: ReportExtras = {}): string {
	const rows: Cell[][] = [
		[reportTitleZh(r), `${r.communityName} ${r.centreName}`],
		['报表期间', periodZh(r)],
		['统计截至', formatDateTimeLocal(r.asOfMs, r.timeZone)],
		['金额单位', '元'],
		[]
	];
	for (const s of reportSections(r, extras)) {
		rows.push(
			[s.title],
			s.columns.map((c) => c.header),
			...s.rows
		);
		if (s.note) rows.push([s.note]);
		rows.push([]);
	}
	return BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
