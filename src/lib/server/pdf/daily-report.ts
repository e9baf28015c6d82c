/**
 * 日报 (daily report; 月报 for a whole month, 期间报表 for another range) on A4, to print and
 * sign: the sections of reports/sheet.ts as ruled tables, then the signature line
 * 制表 / 审核 / 主任. A Chinese document: its labels live in sheet.ts.
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
import type { DailyReport } from '../reports/daily.ts';
import { periodZh, reportSections, reportTitleZh, type ReportExtras } from '../reports/sheet.ts';

export interface DailyReportPdfInput {
	report: DailyReport;
	/** Opening balances imported in the period (a section of their own). */
	extras?: ReportExtras;
	printedAt: number;
	printedBy: string;
}

export async function dailyReportPdf({
	report: r,
	extras,
	printedAt,
	printedBy
}: DailyReportPdfInput): Promise<Buffer> {
	const title = reportTitleZh(r);
	const doc = createPdf({ size: 'A4', title: `${title} ${periodZh(r)}`, author: r.centreName });
	drawHeader(doc, {
		communityName: r.communityName,
		centreName: r.centreName,
		title: `客户服务中心${title}`,
		subtitle: periodZh(r)
	});
	drawKeyValueRows(doc, [
		['报表期间', `${periodZh(r)}（${r.days} 天）`],
		['统计截至', formatDateTimeLocal(r.asOfMs, r.timeZone) + (r.partial ? '（当日未完）' : '')],
		['打印时间', formatDateTimeLocal(printedAt, r.timeZone)],
		['打印人', printedBy]
	]);
	for (const s of reportSections(r, extras)) drawSection(doc, s);
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['制表', '审核', '主任']);
	drawFooter(doc, `${r.centreName}　${title} ${periodZh(r)}`);
	return pdfToBuffer(doc);
}
