/**
 * A titled section of a Chinese report (reports/sheet.ts `Section`) as a ruled table on the page:
 * the daily and month report (daily-report.ts) and the company month report print the same way.
 */
import { contentBox, drawTable, pdfSpec, type Pdf } from './document.ts';
import { formatYuan } from '../../money.ts';
import type { Cell, Section, SheetColumn } from '../reports/sheet.ts';

const show = (c: Cell) => (typeof c === 'object' ? formatYuan(c.fen) : String(c));

/**
 * Column widths in pt such that receipt numbers, dates, amounts and counts fit on one line: a
 * column that must not break (nowrap, or right-aligned figures) gets at least its widest cell.
 * The room comes from the columns whose text may wrap (names, reasons), from what each has beyond
 * its longest word, so a name like "manager MANAGER" still breaks only between words.
 */
function fitColumns(doc: Pdf, columns: SheetColumn[], rows: string[][]): SheetColumn[] {
	const { fontSize } = pdfSpec(doc);
	const { width } = contentBox(doc);
	const pad = fontSize * 0.8 + 1; // drawTable's cell padding (0.4 em each side), and a point to spare
	const total = columns.reduce((t, c) => t + c.width, 0);
	const widths = columns.map((c) => (c.width / total) * width);
	const fixed = columns.map((c) => !!c.nowrap || c.align === 'right');
	doc.fontSize(fontSize);
	// Only full rows: a shorter row spans columns (cellSpans in document.ts).
	const full = rows.filter((r) => r.length === columns.length);
	const widest = (i: number, split: RegExp) =>
		Math.max(0, ...full.flatMap((r) => r[i].split(split).map((t) => doc.widthOfString(t)))) + pad;
	// Fixed: the widest line. Free: the widest word (Latin words; Chinese breaks between characters).
	const need = columns.map((_, i) =>
		fixed[i] ? widest(i, /\n/) : widest(i, /\s+|(?<=\P{ASCII})|(?=\P{ASCII})/u)
	);
	let deficit = 0;
	for (let i = 0; i < columns.length; i++) {
		if (fixed[i] && need[i] > widths[i]) {
			deficit += need[i] - widths[i];
			widths[i] = need[i];
		}
	}
	const slack = widths.map((w, i) => (fixed[i] ? 0 : Math.max(0, w - need[i])));
	const room = slack.reduce((t, x) => t + x, 0);
	if (deficit > 0 && room > 0) {
		const take = Math.min(1, deficit / room);
		for (let i = 0; i < columns.length; i++) widths[i] -= slack[i] * take;
	}
	return columns.map((c, i) => ({ ...c, width: widths[i] }));
}

/** A section heading; starts a new page rather than stand alone at the bottom of one. */
function heading(doc: Pdf, text: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width, maxY } = contentBox(doc);
	if (doc.y + fontSize * 6 > maxY) doc.addPage();
	// Faux bold (only the Regular weight is embedded): fill and a thin stroke.
	doc.save().lineWidth(fontSize * 0.035);
	doc
		.fontSize(fontSize * 1.1)
		.text(text, left, doc.y + fontSize * 0.3, { width, fill: true, stroke: true });
	doc.restore();
	doc.fontSize(fontSize);
	doc.y += fontSize * 0.2;
}

function note(doc: Pdf, text: string): void {
	const { fontSize } = pdfSpec(doc);
	const { left, width } = contentBox(doc);
	doc
		.fontSize(fontSize * 0.9)
		.fillColor('#444444')
		.text(text, left, doc.y - fontSize * 0.2, { width });
	doc.fillColor('#000000').fontSize(fontSize);
	doc.y += fontSize * 0.3;
}

/** A section: its heading, its table (columns fitted to the cells) and its note. */
export function drawSection(doc: Pdf, s: Section): void {
	heading(doc, s.title);
	const rows = s.rows.map((row) => row.map(show));
	drawTable(doc, { columns: fitColumns(doc, s.columns, rows), rows });
	if (s.note) note(doc, s.note);
}
