/**
 * The one shared PDF set-up: page sizes, the embedded CJK font, and small drawing
 * helpers for printed forms (header, key–value block, ruled table, signature
 * lines, 作废/补打 stamp, QR code, footer). One file per printed form builds on it.
 *
 * No $app / $env imports: plain node scripts (via tsx) use this too.
 *
 * Layout model: helpers flow downwards from `doc.y` across the content width
 * (page width minus margins) and leave `doc.x` at the left margin and `doc.y`
 * below what they drew. `drawQr` and `drawStamp` draw at a fixed place and do not
 * move `doc.y`.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
	CJK,
	cjkFontSource,
	fontkitOf,
	isFontShared,
	shareRuns,
	type FontkitFont
} from './font-cache.ts';

export type Pdf = PDFKit.PDFDocument;
export type PdfSize = 'A4' | 'A4-landscape' | 'A5-landscape' | 'roll80';

/** Points per millimetre. */
export const MM = 72 / 25.4;

const INK = '#000000';
const MUTED = '#444444';
const RULE = '#000000';
const HEADER_FILL = '#eeeeee';
const STAMP_RED = '#d0021b';

/**
 * An 80 mm roll has no page height, but pdfkit needs one up front. We start on a
 * tall page (1 m; pdfkit breaks to a new page only past that) and, in
 * `pdfToBuffer`, trim the MediaBox of the last page to the content actually drawn
 * plus the bottom margin. One pass, exact length: the printer feeds only what was
 * printed. (The trimmed MediaBox keeps the top edge, so its lower-left corner is
 * not at y = 0; that is valid PDF and poppler, PDFium and pdf.js honour it.)
 */
const ROLL_PAGE_HEIGHT = 1000 * MM;

interface SizeSpec {
	page: [number, number];
	margins: { top: number; bottom: number; left: number; right: number };
	/** Body text size in pt. */
	fontSize: number;
	roll: boolean;
}

const SIZES: Record<PdfSize, SizeSpec> = {
	A4: {
		page: [595.28, 841.89],
		margins: { top: 20 * MM, bottom: 18 * MM, left: 18 * MM, right: 18 * MM },
		fontSize: 10.5, // 五号
		roll: false
	},
	// Wide tables (the company month report's centres side by side).
	'A4-landscape': {
		page: [841.89, 595.28],
		margins: { top: 15 * MM, bottom: 15 * MM, left: 15 * MM, right: 15 * MM },
		fontSize: 9,
		roll: false
	},
	'A5-landscape': {
		page: [595.28, 419.53],
		margins: { top: 10 * MM, bottom: 10 * MM, left: 12 * MM, right: 12 * MM },
		fontSize: 9.5,
		roll: false
	},
	roll80: {
		// 80 mm paper, 72 mm printable (576 dots at 203 dpi): 4 mm each side.
		page: [80 * MM, ROLL_PAGE_HEIGHT],
		margins: { top: 3 * MM, bottom: 8 * MM, left: 4 * MM, right: 4 * MM },
		fontSize: 9,
		roll: true
	}
};

interface DocState {
	spec: SizeSpec;
	/** This document's fontkit Font (for glyph outlines), if pdfkit exposed it. */
	fontkit: FontkitFont | null;
	/** Lowest y drawn by fixed-position helpers (QR, stamp) on the current page. */
	bottom: number;
}
const states = new WeakMap<Pdf, DocState>();

function state(doc: Pdf): DocState {
	const s = states.get(doc);
	if (!s) throw new Error('not a document made by createPdf()');
	return s;
}

/** The size a document was created with, and its body font size. */
export function pdfSpec(doc: Pdf): { size: PdfSize; fontSize: number; roll: boolean } {
	const spec = state(doc).spec;
	const size = (Object.keys(SIZES) as PdfSize[]).find((k) => SIZES[k] === spec)!;
	return { size, fontSize: spec.fontSize, roll: spec.roll };
}

/** Left edge and width of the content area of the current page. */
export function contentBox(doc: Pdf): { left: number; width: number; top: number; maxY: number } {
	const { margins, width } = doc.page;
	return {
		left: margins.left,
		width: width - margins.left - margins.right,
		top: margins.top,
		maxY: doc.page.maxY()
	};
}

function markBottom(doc: Pdf, y: number): void {
	const s = state(doc);
	s.bottom = Math.max(s.bottom, y);
}

// ---------------------------------------------------------------- document

export interface CreatePdfOptions {
	size: PdfSize;
	/** Document title (PDF metadata; shown in the viewer's title bar). */
	title: string;
	author?: string;
}

/**
 * A new pdfkit document with the CJK font selected at the body size, margins for
 * the page size, compression on and pages buffered (so `drawFooter` can number
 * them). Finish with `pdfToBuffer(doc)`, not `doc.end()` directly (the roll is
 * trimmed there).
 */
export function createPdf({ size, title, author }: CreatePdfOptions): Pdf {
	const spec = SIZES[size];
	const doc = new PDFDocument({
		size: spec.page,
		margins: spec.margins,
		compress: true,
		bufferPages: true,
		// No default Helvetica: pdfkit would build its metrics (AFMFont) for every document, ~0.6 ms.
		font: null as unknown as string,
		lang: 'zh-CN',
		displayTitle: true,
		// (no undefined values in info: pdfkit hashes them into the file ID)
		info: {
			Title: title,
			...(author ? { Author: author } : {}),
			Creator: 'frontdesk',
			Producer: 'pdfkit'
		}
	});
	// @types/pdfkit does not list a fontkit Font as a font source yet (pdfkit ≥ 0.20 takes one).
	doc.registerFont(CJK, cjkFontSource() as Buffer);
	doc.font(CJK).fontSize(spec.fontSize).fillColor(INK).strokeColor(RULE);
	if (isFontShared()) shareRuns(doc);
	states.set(doc, { spec, fontkit: fontkitOf(doc), bottom: 0 });
	doc.on('pageAdded', () => {
		state(doc).bottom = 0;
	});
	return doc;
}

/** Ends the document and collects its bytes. */
export function pdfToBuffer(doc: Pdf): Promise<Buffer> {
	trimRoll(doc);
	return new Promise((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

function trimRoll(doc: Pdf): void {
	const s = states.get(doc);
	if (!s?.spec.roll) return;
	const page = doc.page;
	const used = Math.min(page.height, Math.max(doc.y, s.bottom) + page.margins.bottom);
	const data = (page.dictionary as unknown as { data: { MediaBox: number[] } }).data;
	data.MediaBox = [0, round2(page.height - used), page.width, page.height];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------- text helpers

/** Fill-and-stroke text: a faux bold, since only the Regular weight is embedded. */
const BOLD = { fill: true, stroke: true } as const;

function withBold<T>(doc: Pdf, size: number, draw: () => T): T {
	doc.save();
	doc.lineWidth(size * 0.035).strokeColor(INK);
	const result = draw();
	doc.restore();
	return result;
}

export interface HeaderOptions {
	communityName: string;
	centreName: string;
	title: string;
	subtitle?: string;
}

/** 小区 / 服务中心 line, the form title (bold, double-ruled) and an optional subtitle. */
/** Who issues the document; a centre named after its community ("鹿鸣溪谷管理处…") is not preceded by the name again. */
export function headerLine(communityName: string, centreName: string): string {
	return centreName.startsWith(communityName) ? centreName : `${communityName}　${centreName}`;
}

export function drawHeader(doc: Pdf, h: HeaderOptions): void {
	const fs = state(doc).spec.fontSize;
	const { left, width } = contentBox(doc);
	doc.fillColor(INK).fontSize(fs * 1.1);
	doc.text(headerLine(h.communityName, h.centreName), left, doc.y, { width, align: 'center' });

	const titleSize = fs * 1.75;
	doc.fontSize(titleSize);
	const top = doc.y + fs * 0.15;
	withBold(doc, titleSize, () => doc.text(h.title, left, top, { width, align: 'center', ...BOLD }));
	const ruleWidth = Math.min(width, doc.widthOfString(h.title) + titleSize);
	const x0 = left + (width - ruleWidth) / 2;
	const y = doc.y - titleSize * 0.1;
	doc
		.save()
		.lineWidth(0.8)
		.moveTo(x0, y)
		.lineTo(x0 + ruleWidth, y)
		.stroke();
	doc
		.lineWidth(0.4)
		.moveTo(x0, y + 2)
		.lineTo(x0 + ruleWidth, y + 2)
		.stroke()
		.restore();
	doc.y = y + 2 + fs * 0.35;

	if (h.subtitle) {
		doc.fontSize(fs * 0.95).fillColor(MUTED);
		doc.text(h.subtitle, left, doc.y, { width, align: 'center' });
		doc.fillColor(INK);
	}
	doc.fontSize(fs);
	doc.x = left;
	doc.y += fs * 0.4;
}

/**
 * Label：value pairs. Two pairs per line on A4/A5, one on the roll (override with
 * `columns`). Long values wrap inside their column; an empty value prints a line
 * to fill in by hand.
 */
export function drawKeyValueRows(
	doc: Pdf,
	rows: [label: string, value: string][],
	opts: { columns?: 1 | 2 | 3 } = {}
): void {
	const { spec } = state(doc);
	const { left, width } = contentBox(doc);
	const cols = opts.columns ?? (spec.roll ? 1 : 2);
	const colWidth = width / cols;
	const gap = spec.fontSize;
	doc.fontSize(spec.fontSize).fillColor(INK);
	for (let i = 0; i < rows.length; i += cols) {
		const line = rows.slice(i, i + cols);
		const top = doc.y;
		let bottom = top;
		line.forEach(([label, value], c) => {
			const x = left + c * colWidth;
			const labelText = `${label}：`;
			const labelWidth = doc.widthOfString(labelText);
			const valueWidth = Math.max(
				colWidth - labelWidth - (c < cols - 1 ? gap : 0),
				spec.fontSize * 2
			);
			doc.fillColor(MUTED).text(labelText, x, top, { lineBreak: false });
			doc.fillColor(INK);
			if (value) doc.text(value, x + labelWidth, top, { width: valueWidth });
			else blankLine(doc, x + labelWidth, top, valueWidth);
			bottom = Math.max(bottom, doc.y);
		});
		doc.y = bottom + spec.fontSize * 0.15;
	}
	doc.x = left;
}

/** A write-in line under one text line starting at (x, top); moves doc.y below it. */
function blankLine(doc: Pdf, x: number, top: number, width: number): void {
	const lineY = top + doc.currentLineHeight() * 0.8;
	doc
		.save()
		.lineWidth(0.5)
		.moveTo(x, lineY)
		.lineTo(x + width, lineY)
		.stroke()
		.restore();
	doc.y = top + doc.currentLineHeight();
}

export interface TableColumn {
	header: string;
	/** Relative width: the columns are scaled to fill the content width. */
	width: number;
	align?: 'left' | 'center' | 'right';
}

/**
 * A ruled table (grid on A4/A5; dashed rules only on the 80 mm roll). Cells wrap;
 * a row never splits: if it does not fit, the page breaks and the header row is
 * repeated. A row with fewer cells than columns keeps its last cell in the last
 * column and stretches the cell before it over the gap, e.g. a totals row
 * ['合计（大写）', '人民币贰仟零叁元零肆分', '¥2,003.04']; one cell spans the row.
 */
export function drawTable(doc: Pdf, table: { columns: TableColumn[]; rows: string[][] }): void {
	const { spec } = state(doc);
	const { left, width } = contentBox(doc);
	const total = table.columns.reduce((sum, c) => sum + c.width, 0);
	const t: Grid = {
		columns: table.columns,
		widths: table.columns.map((c) => (c.width / total) * width)
	};
	doc.fontSize(spec.fontSize).fillColor(INK);
	drawTableRow(doc, t, null);
	for (const row of table.rows) drawTableRow(doc, t, row);
	if (spec.roll) dashedRule(doc, doc.y);
	doc.x = left;
	doc.y += spec.fontSize * 0.5;
}

interface Grid {
	columns: TableColumn[];
	/** Column widths in pt. */
	widths: number[];
}

interface CellSpan {
	/** Offset from the left margin and width, in pt. */
	x: number;
	width: number;
	/** The first and last table column the cell covers. */
	first: number;
	last: number;
}

/**
 * Where each cell of a row goes. A full row: one cell per column. A shorter row
 * keeps its last cell in the last column and widens the cell before it over the
 * gap, so a totals row ['合计', '人民币…', '¥426.83'] puts the amount under the
 * amounts; a single cell spans the whole row.
 */
function cellSpans(widths: number[], cells: number): CellSpan[] {
	const n = widths.length;
	const k = Math.min(cells, n);
	let x = 0;
	return Array.from({ length: k }, (_, i) => {
		const [first, last] =
			k === n
				? [i, i]
				: k === 1
					? [0, n - 1]
					: i < k - 2
						? [i, i]
						: i === k - 2
							? [i, n - 2]
							: [n - 1, n - 1];
		let width = 0;
		for (let c = first; c <= last; c++) width += widths[c];
		const span = { x, width, first, last };
		x += width;
		return span;
	});
}

/** One row (`null`: the header row). Breaks the page first if the row does not fit. */
function drawTableRow(doc: Pdf, t: Grid, row: string[] | null): void {
	const { spec } = state(doc);
	const { left, top: pageTop, maxY } = contentBox(doc);
	const pad = spec.roll
		? { x: 1, y: spec.fontSize * 0.15 }
		: { x: spec.fontSize * 0.4, y: spec.fontSize * 0.25 };
	const cells = row ?? t.columns.map((c) => c.header);
	const spans = cellSpans(t.widths, cells.length);
	const heights = spans.map((s, i) =>
		doc.heightOfString(cells[i] || ' ', { width: s.width - 2 * pad.x })
	);
	const height = Math.max(...heights) + 2 * pad.y;

	if (doc.y + height > maxY && doc.y > pageTop + 1) {
		doc.addPage();
		if (row) drawTableRow(doc, t, null);
	}
	const top = doc.y;
	const rowWidth = t.widths.reduce((a, b) => a + b, 0);
	if (spec.roll) {
		if (!row) dashedRule(doc, top);
	} else {
		if (!row) doc.rect(left, top, rowWidth, height).fill(HEADER_FILL);
		doc.save().lineWidth(0.6).strokeColor(RULE);
		for (const s of spans) doc.rect(left + s.x, top, s.width, height);
		doc.stroke().restore();
	}
	doc.fillColor(INK);
	spans.forEach((s, i) => {
		const align = !row
			? 'center'
			: s.first !== s.last
				? 'left'
				: (t.columns[s.first].align ?? 'left');
		const y = top + (height - heights[i]) / 2; // centred vertically
		// `height` stops pdfkit from breaking the page inside a cell.
		doc.text(cells[i] ?? '', left + s.x + pad.x, y, {
			width: s.width - 2 * pad.x,
			height: heights[i] + 1,
			align
		});
	});
	if (spec.roll && !row) dashedRule(doc, top + height);
	doc.x = left;
	doc.y = top + height;
}

function dashedRule(doc: Pdf, y: number): void {
	const { left, width } = contentBox(doc);
	doc.save().lineWidth(0.6).dash(2, { space: 1.5 }).strokeColor(RULE);
	doc
		.moveTo(left, y)
		.lineTo(left + width, y)
		.stroke()
		.undash()
		.restore();
}

/**
 * 收款人：＿＿＿  缴款人：＿＿＿ … with room to sign above the line. Up to four per
 * line on A4/A5, one per line on the roll.
 */
export function drawSignatureLines(doc: Pdf, labels: string[]): void {
	const { spec } = state(doc);
	const { left, width } = contentBox(doc);
	const fs = spec.fontSize;
	const perLine = spec.roll ? 1 : Math.min(Math.max(labels.length, 1), 4);
	const slot = width / perLine;
	doc.fontSize(fs).fillColor(INK);
	for (let i = 0; i < labels.length; i += perLine) {
		const y = doc.y + fs * 1.4; // writing room
		labels.slice(i, i + perLine).forEach((label, k) => {
			const x = left + k * slot;
			const text = `${label}：`;
			const labelWidth = doc.widthOfString(text);
			doc.text(text, x, y, { lineBreak: false });
			blankLine(doc, x + labelWidth, y, slot - labelWidth - (k < perLine - 1 ? fs * 1.5 : 0));
		});
		doc.y = y + doc.currentLineHeight() + fs * 0.2;
	}
	doc.x = left;
}

/**
 * A large tilted seal-like mark (作废, 补打, 样张…): red double frame and outlined
 * red letters over the middle of what has been drawn so far on this page. Call it
 * after the content it marks.
 *
 * The visible letters are glyph outlines (vector paths), and the same text is laid
 * over them as invisible text (render mode 3, horizontal): tilted text extracts
 * badly (pdftotext breaks a word at any baseline step > 0.5 pt, so a tilted 补打
 * interleaved with table lines comes out as 补 … 打), while invisible text
 * extracts, searches and copies as one word.
 */
export function drawStamp(
	doc: Pdf,
	text: string,
	at?: { cx: number; cy: number; size: number }
): void {
	const s = state(doc);
	const { left, width, top } = contentBox(doc);
	const bottom = Math.max(doc.y, s.bottom, top + 60);
	// `at`: a place the caller keeps free (a stamp that must not cover figures); else over the content.
	const cx = at?.cx ?? left + width / 2;
	const cy = at?.cy ?? (top + bottom) / 2;
	const size =
		at?.size ?? Math.min(s.spec.roll ? 40 : 60, (width * 0.5) / Math.max(text.length, 1));
	const { x, y } = doc;
	doc.fontSize(size);
	const textWidth = doc.widthOfString(text);
	const boxW = textWidth + size * 0.8;
	const boxH = size * 1.5;
	const textTop = cy - size * 0.78; // optical centre of CJK glyphs in the line box

	doc.save();
	doc
		.rotate(-18, { origin: [cx, cy] })
		.opacity(0.85)
		.strokeColor(STAMP_RED);
	doc
		.lineWidth(size * 0.06)
		.roundedRect(cx - boxW / 2, cy - boxH / 2, boxW, boxH, size * 0.12)
		.stroke();
	const inset = size * 0.12;
	doc.lineWidth(size * 0.02);
	doc
		.roundedRect(
			cx - boxW / 2 + inset,
			cy - boxH / 2 + inset,
			boxW - 2 * inset,
			boxH - 2 * inset,
			size * 0.08
		)
		.stroke();
	if (s.fontkit) {
		outlineText(doc, s.fontkit, text, cx - textWidth / 2, textTop, size);
	} else {
		doc
			.lineWidth(size * 0.03)
			.text(text, cx - textWidth / 2, textTop, { lineBreak: false, stroke: true, fill: false });
	}
	doc.restore();

	if (s.fontkit) {
		doc.save();
		doc.addContent('3 Tr'); // invisible; pdfkit writes no Tr of its own for plain filled text
		doc.text(text, cx - textWidth / 2, textTop, { lineBreak: false });
		doc.restore();
	}
	doc.fontSize(s.spec.fontSize);
	doc.x = x;
	doc.y = y;
	markBottom(doc, cy + boxH / 2);
}

/** Strokes the outlines of `text` placed as `doc.text(text, x, top)` would place it. */
function outlineText(
	doc: Pdf,
	font: FontkitFont,
	text: string,
	x: number,
	top: number,
	size: number
): void {
	const scale = size / font.unitsPerEm;
	const run = font.layout(text);
	doc
		.translate(x, top + font.ascent * scale)
		.scale(scale, -scale)
		.lineWidth((size * 0.03) / scale);
	run.glyphs.forEach((glyph, i) => {
		let px = 0;
		let py = 0;
		for (const { command, args: a } of glyph.path.commands) {
			if (command === 'moveTo') doc.moveTo(a[0], a[1]);
			else if (command === 'lineTo') doc.lineTo(a[0], a[1]);
			else if (command === 'bezierCurveTo') doc.bezierCurveTo(a[0], a[1], a[2], a[3], a[4], a[5]);
			else if (command === 'quadraticCurveTo') {
				// pdfkit's quadraticCurveTo emits `v`, a cubic with the wrong control
				// points; convert the quadratic to the equivalent cubic ourselves.
				const [qx, qy, ex, ey] = a;
				doc.bezierCurveTo(
					px + (2 / 3) * (qx - px),
					py + (2 / 3) * (qy - py),
					ex + (2 / 3) * (qx - ex),
					ey + (2 / 3) * (qy - ey),
					ex,
					ey
				);
			} else if (command === 'closePath') doc.closePath();
			if (command !== 'closePath') [px, py] = a.slice(-2);
		}
		doc.stroke();
		doc.translate(run.positions[i].xAdvance, 0);
	});
}

/**
 * A QR code `size` pt square with its top-left corner at (x, y), drawn as vector
 * rectangles (one per run of dark modules; no bitmap). Error correction M.
 * Leave a blank quiet zone of ≥ 4 modules (≈ size / 7 for short texts) around it.
 * Does not move doc.y.
 */
export function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const m = size / n;
	const bleed = m * 0.04; // slight overlap so anti-aliased viewers show no seams
	doc.save();
	for (let r = 0; r < n; r++) {
		let c = 0;
		while (c < n) {
			if (!modules.get(r, c)) {
				c++;
				continue;
			}
			const start = c;
			while (c < n && modules.get(r, c)) c++;
			doc.rect(x + start * m, y + r * m, (c - start) * m + bleed, m + bleed);
		}
	}
	doc.fillColor(INK).fill();
	doc.restore();
	markBottom(doc, y + size);
}

/**
 * Footer line: on A4/A5 centred in the bottom margin of every page, with
 * 第 n 页 / 共 m 页 when there is more than one; on the roll, centred after the
 * content. Call once, after everything else.
 */
export function drawFooter(doc: Pdf, text: string): void {
	const s = state(doc);
	const fs = s.spec.fontSize * 0.8;
	const { left, width } = contentBox(doc);
	if (s.spec.roll) {
		const y = Math.max(doc.y, s.bottom) + s.spec.fontSize * 0.6;
		doc.fontSize(fs).fillColor(MUTED).text(text, left, y, { width, align: 'center' });
		doc.fontSize(s.spec.fontSize).fillColor(INK);
		doc.x = left;
		return;
	}
	const { start, count } = doc.bufferedPageRange();
	const { x, y } = doc;
	for (let i = start; i < start + count; i++) {
		doc.switchToPage(i);
		const page = doc.page;
		const line = count > 1 ? `${text}　第 ${i - start + 1} 页 / 共 ${count} 页` : text;
		doc.fontSize(fs).fillColor(MUTED);
		const ty = page.height - page.margins.bottom / 2 - doc.currentLineHeight() / 2;
		// lineBreak: false — text in the bottom margin must not trigger a page break.
		const w = doc.widthOfString(line);
		doc.text(line, left + Math.max(0, (width - w) / 2), ty, { lineBreak: false });
	}
	doc.fontSize(s.spec.fontSize).fillColor(INK);
	doc.x = x;
	doc.y = y;
}
