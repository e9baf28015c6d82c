/**
 * The PDF speed-up: one parsed font, shared glyphs and shaped runs for every document of the
 * process. It reaches into pdfkit and fontkit internals (`_font`, `_glyphs`, `_decode`,
 * `layoutCached`), which is why pdfkit is pinned to an exact version in package.json: the tests in
 * document.test.ts ("… extracts …", glyph sharing) are the gate for any pdfkit upgrade. If pdfkit's
 * internals move, `parseOnce` finds no fontkit Font and every document parses the font itself
 * (slower, still correct).
 */
import PDFDocument from 'pdfkit';
import { cjkFontBytes } from './font.ts';

type Pdf = PDFKit.PDFDocument;

/** The name every document registers the CJK font under. */
export const CJK = 'cjk';

/**
 * pdfkit parses a font with fontkit every time a document first uses it: ~15 ms
 * for this 10.5 MB TTF, the bulk of a receipt's cost. pdfkit ≥ 0.20 accepts an
 * already-parsed fontkit Font, so we parse once per process (with pdfkit's own
 * fontkit, taken from a throw-away document) and hand every document that Font.
 *
 * Shaping a string and decoding a glyph's outline (fontkit needs it for the
 * metrics) was then most of what was left, so both are kept across documents too:
 * - Glyphs are cached by glyph id AND code points. fontkit's own cache is by id
 *   alone and keeps the code points of the first look-up, which pdfkit writes into
 *   the ToUnicode map: one document's '•' would make every later '·' (same glyph
 *   in Noto Sans SC) extract as '•'; likewise the 291 Kangxi radicals that share
 *   glyphs with ordinary ideographs.
 * - Shaped runs are cached by their text (pdfkit keeps such a cache per document);
 *   a run's glyphs carry that text's own code points, so sharing it is safe. The
 *   cache is bounded: text such as names and amounts varies without end.
 */
interface FontkitGlyph {
	path: { commands: { command: string; args: number[] }[] };
	_decode(): unknown;
}
export interface FontkitFont {
	unitsPerEm: number;
	ascent: number;
	layout(text: string): {
		glyphs: FontkitGlyph[];
		positions: { xAdvance: number }[];
		advanceWidth: number;
	};
	getGlyph(id: number, codePoints?: number[]): FontkitGlyph | null;
	_glyphs: Record<number, FontkitGlyph>;
	_cmapProcessor?: unknown;
	directory: { tables: Record<string, unknown> };
}
/** pdfkit's EmbeddedFont (internal): the per-document wrapper of the fontkit Font. */
interface EmbeddedFont {
	font?: FontkitFont;
	layoutRun?: (text: string) => unknown;
	layoutCached?: (text: string) => unknown;
}
let parsedFont: FontkitFont | null | undefined;
const LAYOUT_CACHE_LIMIT = 5_000;
const sharedRuns = new Map<string, unknown>();

function parseOnce(): FontkitFont | null {
	if (parsedFont === undefined) {
		const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
		probe.font(cjkFontBytes());
		const font = fontkitOf(probe);
		if (font) {
			void font._cmapProcessor; // decode the cmap once, here
			shareGlyphs(font);
		}
		parsedFont = font; // null: pdfkit internals changed; fall back to parsing per document
	}
	return parsedFont;
}

/** Makes `font.getGlyph` return one Glyph per (id, code points) for the whole process. */
function shareGlyphs(font: FontkitFont): void {
	const fontkitGetGlyph = font.getGlyph;
	const variable = 'fvar' in font.directory.tables; // variations transform decoded outlines in place
	const glyphs = new Map<string, FontkitGlyph | null>();
	font.getGlyph = function (id: number, codePoints: number[] = []) {
		const key = codePoints.length ? `${id}:${codePoints.join(',')}` : `${id}`;
		let glyph = glyphs.get(key);
		if (glyph === undefined) {
			this._glyphs = {}; // so fontkit builds a Glyph with these code points, not a cached one
			glyph = fontkitGetGlyph.call(this, id, codePoints);
			if (glyph && !variable) memoDecode(glyph);
			glyphs.set(key, glyph);
		}
		return glyph;
	};
}

/**
 * fontkit decodes a glyph's outline again each time a subset is written (to find
 * the parts of composite glyphs). The decoded record is only read (this font has
 * no variations that would transform it), so keep it.
 */
function memoDecode(glyph: FontkitGlyph): void {
	const decode = glyph._decode;
	let decoded: unknown;
	let done = false;
	glyph._decode = function () {
		if (!done) {
			decoded = decode.call(this);
			done = true;
		}
		return decoded;
	};
}

/** Points the document's font at the process-wide cache of shaped runs. */
export function shareRuns(doc: Pdf): void {
	const embedded = (doc as unknown as { _font?: EmbeddedFont })._font;
	const layoutRun = embedded?.layoutRun;
	if (!embedded || typeof layoutRun !== 'function' || typeof embedded.layoutCached !== 'function')
		return;
	embedded.layoutCached = (text: string) => {
		let run = sharedRuns.get(text);
		if (run === undefined) {
			run = layoutRun.call(embedded, text);
			if (sharedRuns.size >= LAYOUT_CACHE_LIMIT) sharedRuns.clear();
			sharedRuns.set(text, run);
		}
		return run;
	};
}

/** The fontkit Font behind the document's current font (pdfkit-internal field). */
export function fontkitOf(doc: Pdf): FontkitFont | null {
	const font = (doc as unknown as { _font?: EmbeddedFont })._font?.font;
	return typeof font?.layout === 'function' ? font : null;
}

/** The process-wide parsed font, or the raw bytes as a fallback. */
export function cjkFontSource(): FontkitFont | Buffer {
	return parseOnce() ?? cjkFontBytes();
}

/** Whether documents share the process-wide font (false when pdfkit's internals moved). */
export function isFontShared(): boolean {
	return parseOnce() !== null;
}
