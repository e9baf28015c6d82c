import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ImportReadError } from './errors';

/**
 * Reading an uploaded register: `.xlsx` through exceljs, `.csv` in UTF-8 (with or without BOM)
 * or GB18030/GBK as Excel and WPS on Chinese Windows save it. The result is a grid of cell texts;
 * what the cells mean is the templates' business (`domain/import.ts`).
 */

/** Largest upload taken (the page says so; larger files are refused before reading). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Data rows in one file: a community's registers fit, a runaway sheet does not. */
export const MAX_ROWS = 50_000;

export const ENCODINGS = ['utf-8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export { ImportReadError, type ReadError } from './errors';

export interface Grid {
	format: 'xlsx' | 'csv';
	/** The text encoding a CSV was read in (null for .xlsx). */
	encoding: Encoding | null;
	rows: string[][];
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip file
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Bytes to text. Valid UTF-8 is read as UTF-8 (a BOM is dropped); anything else as GB18030,
 * which includes GBK and GB2312. `override` forces one when the guess is wrong.
 */
export function decodeText(
	bytes: Uint8Array,
	override?: Encoding | null
): { text: string; encoding: Encoding } {
	const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
	if (override === 'gb18030')
		return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
	if (override === 'utf-8')
		return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
	}
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else cell += ch;
		} else if (ch === '"' && cell === '') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	// Our export (server/csv.ts) guards cells that look like formulas with a leading '.
	return rows.map((r) => r.map((c) => (/^'[=+\-@]/.test(c) ? c.slice(1) : c)));
}

function dateText(d: Date): string {
	// exceljs gives date cells as UTC midnight of the calendar date typed.
	return d.toISOString().slice(0, 10);
}

function cellText(cell: ExcelJS.Cell): string {
	const v = cell.value;
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return dateText(v);
	if (typeof v === 'number') return String(v);
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	if (typeof v === 'string') return v;
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((t) => t.text).join('');
		if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
		if ('error' in v) return String(v.error);
	}
	return String(v);
}

/**
 * Two passes, both through exceljs: the workbook model without its cells (for merged ranges,
 * which the streaming reader skips) and the streaming reader for the cells (four times faster
 * than loading the whole model: a 20 000-row sheet reads in well under a second).
 */
async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
	const buffer = Buffer.from(bytes);
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(buffer as unknown as ArrayBuffer, { ignoreNodes: ['sheetData'] });
	} catch {
		throw new ImportReadError({ code: 'unreadable' });
	}
	const first = wb.worksheets[0];
	if (!first) throw new ImportReadError({ code: 'empty' });
	// Merged cells hide which row a value belongs to: refused, the admin unmerges and fills.
	const merges = (first.model as { merges?: string[] }).merges ?? [];
	if (merges.length) throw new ImportReadError({ code: 'merged', cells: merges[0] });

	const rows: string[][] = [];
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
		sharedStrings: 'cache',
		styles: 'cache', // date cells are told apart by their number format
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	});
	try {
		for await (const sheet of reader) {
			for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
				if (row.number > MAX_ROWS + 1)
					throw new ImportReadError({ code: 'too_many_rows', max: MAX_ROWS });
				const cells: string[] = [];
				row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
					// A formula's value depends on the workbook it came from: the admin pastes values.
					if (cell.type === ExcelJS.ValueType.Formula)
						throw new ImportReadError({ code: 'formula', cell: cell.address });
					cells[colNumber - 1] = cellText(cell);
				});
				rows[row.number - 1] = Array.from(cells, (c) => c ?? '');
			}
			break; // the first sheet only
		}
	} catch (e) {
		if (e instanceof ImportReadError) throw e;
		throw new ImportReadError({ code: 'unreadable' });
	}
	return Array.from(rows, (r) => r ?? []);
}

/** Reads an upload into a grid, or throws ImportReadError with what is wrong with the file. */
export async function readUpload(
	bytes: Uint8Array,
	fileName: string,
	encoding?: Encoding | null
): Promise<Grid> {
	if (bytes.length > MAX_UPLOAD_BYTES)
		throw new ImportReadError({ code: 'too_large', maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
	const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
	if (ext !== 'xlsx' && ext !== 'csv') throw new ImportReadError({ code: 'bad_type' });
	if (bytes.length === 0) throw new ImportReadError({ code: 'empty' });
	let grid: Grid;
	if (ext === 'xlsx') {
		if (!startsWith(bytes, XLSX_MAGIC)) throw new ImportReadError({ code: 'bad_type' });
		grid = { format: 'xlsx', encoding: null, rows: await readXlsx(bytes) };
	} else {
		// A zip, PDF or image renamed to .csv is not text.
		if (startsWith(bytes, XLSX_MAGIC) || bytes.subarray(0, 4096).includes(0))
			throw new ImportReadError({ code: 'bad_type' });
		const decoded = decodeText(bytes, encoding);
		grid = { format: 'csv', encoding: decoded.encoding, rows: parseCsv(decoded.text) };
	}
	while (grid.rows.length && grid.rows[grid.rows.length - 1].every((c) => c.trim() === ''))
		grid.rows.pop();
	if (grid.rows.length === 0) throw new ImportReadError({ code: 'empty' });
	if (grid.rows.length > MAX_ROWS + 1)
		throw new ImportReadError({ code: 'too_many_rows', max: MAX_ROWS });
	return grid;
}
