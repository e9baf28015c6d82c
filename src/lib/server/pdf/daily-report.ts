/**
 * 日报 (daily report) on A4, to print and sign: the sections of reports/sheet.ts as ruled tables,
 * then the signature line 制表 / 审核 / 主任. A Chinese document: its labels live in sheet.ts.
 */
import { contentBox, createPdf, drawFooter, drawHeader, drawKeyValueRows, drawSignatureLines, drawTable, pdfSpec, pdfToBuffer, type Pdf } from './document.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import { formatYuan } from '../../money.ts';
import type { DailyReport } from '../reports/daily.ts';
import { periodZh, reportSections, type Cell } from '../reports/sheet.ts';

const show = (c: Cell) => (typeof c === 'object' ? formatYuan(c.fen) : String(c));

/** A section heading; starts a new page rather than stand alone at the bottom of one. */
function heading(doc: Pdf, text: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width, maxY } = contentBox(doc);
	if (doc.y + fontSize * 6 > maxY) doc.addPage();
	// Faux bold (only the Regular weight is embedded): fill and a thin stroke.
	doc.save().lineWidth(fontSize * 0.035);
	doc.fontSize(fontSize * 1.1).text(text, left, doc.y + fontSize * 0.3, { width, fill: true, stroke: true });
	doc.restore();
	doc.fontSize(fontSize);
	doc.y += fontSize * 0.2;
}

function note(doc: Pdf, text: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	doc.fontSize(fontSize * 0.9).fillColor('#444444').text(text, left, doc.y - fontSize * 0.2, { width });
	doc.fillColor('#000000').fontSize(fontSize);
	doc.y += fontSize * 0.3;
}

export interface DailyReportPdfInput {
	report: DailyReport;
	printedAt: number;
	printedBy: string;
}

export async function dailyReportPdf({ report: r, printedAt, printedBy }: DailyReportPdfInput): Promise<Buffer> {
	const doc = createPdf({ size: 'A4', title: `日报 ${periodZh(r)}`, author: r.centreName });
	drawHeader(doc, { communityName: r.communityName, centreName: r.centreName, title: '客户服务中心日报', subtitle: periodZh(r) });
	drawKeyValueRows(doc, [
		['报表期间', `${periodZh(r)}（${r.days} 天）`],
		['统计截至', formatDateTimeLocal(r.asOfMs, r.timeZone) + (r.partial ? '（当日未完）' : '')],
		['打印时间', formatDateTimeLocal(printedAt, r.timeZone)],
		['打印人', printedBy]
	]);
	for (const s of reportSections(r)) {
		heading(doc, s.title);
		drawTable(doc, { columns: s.columns, rows: s.rows.map((row) => row.map(show)) });
		if (s.note) note(doc, s.note);
	}
	doc.moveDown(0.5);
	drawSignatureLines(doc, ['制表', '审核', '主任']);
	drawFooter(doc, `${r.centreName}　日报 ${periodZh(r)}`);
	return pdfToBuffer(doc);
}
