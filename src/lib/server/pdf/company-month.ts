/**
 * 集团各管理处月报 on A4 landscape, to print and sign: one table per group of the company month
 * report's columns (company/month-sheet.ts), the centres as rows and the 合计 row, then the
 * signature line. A Chinese document: its labels live in month-sheet.ts.
 */
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	pdfToBuffer
} from './document.ts';
import { drawSection } from './sections.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import type { CompanyDashboard } from '../company/dashboard.ts';
import {
	asOfZh,
	COMPANY_MONTH_TITLE,
	MONTH_GROUPS,
	monthClosed,
	monthColumns,
	monthRows,
	monthZh
} from '../company/month-sheet.ts';

export interface CompanyMonthPdfInput {
	report: CompanyDashboard;
	printedAt: number;
	printedBy: string;
	/** The zone the print time is shown in (the viewer's community). */
	timeZone: string;
}

export function companyMonthPdf({
	report: r,
	printedAt,
	printedBy,
	timeZone
}: CompanyMonthPdfInput): Promise<Buffer> {
	const month = monthZh(r.month);
	const doc = createPdf({ size: 'A4-landscape', title: `${COMPANY_MONTH_TITLE} ${month}` });
	drawHeader(doc, {
		communityName: '集团总部',
		centreName: `${r.centres.length} 个管理处`,
		title: COMPANY_MONTH_TITLE,
		subtitle: month + (monthClosed(r) ? '' : '（本月未完）')
	});
	drawKeyValueRows(
		doc,
		[
			['报表月份', month],
			['统计截至', asOfZh(r)],
			['打印时间', formatDateTimeLocal(printedAt, timeZone)],
			['打印人', printedBy]
		],
		{ columns: 2 }
	);
	const columns = monthColumns(r);
	MONTH_GROUPS.forEach((title, group) => {
		const mine = columns.filter((c) => c.group === group);
		drawSection(doc, {
			title,
			columns: [{ header: '管理处', width: 30 }, ...mine],
			rows: monthRows(r, mine)
		});
	});
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['制表', '审核', '负责人']);
	drawFooter(doc, `${COMPANY_MONTH_TITLE} ${month}`);
	return pdfToBuffer(doc);
}
