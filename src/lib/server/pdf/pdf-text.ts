import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test helper: the text of a PDF as `pdftotext -layout` (poppler-utils) extracts
 * it, pages separated by form feeds (\f). Columns come out as runs of spaces, so
 * assert on words and amounts, not on exact spacing.
 */
export function pdfText(buffer: Buffer | Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
	try {
		const file = join(dir, 'doc.pdf');
		writeFileSync(file, buffer);
		return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Test helper: page count and page size in pt (first page) from `pdfinfo`. */
export function pdfInfo(buffer: Buffer | Uint8Array): {
	pages: number;
	width: number;
	height: number;
} {
	const dir = mkdtempSync(join(tmpdir(), 'pdf-info-'));
	try {
		const file = join(dir, 'doc.pdf');
		writeFileSync(file, buffer);
		const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
		const pages = /Pages:\s+(\d+)/.exec(out);
		if (!size || !pages) throw new Error(`unexpected pdfinfo output:\n${out}`);
		return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Test helper: every word of page `page` (1-based) with its box in pt, from `pdftotext -bbox`. */
export function pdfWords(
	buffer: Buffer | Uint8Array,
	page = 1
): { text: string; x0: number; y0: number; x1: number; y1: number }[] {
	const dir = mkdtempSync(join(tmpdir(), 'pdf-words-'));
	try {
		const file = join(dir, 'doc.pdf');
		writeFileSync(file, buffer);
		const html = execFileSync(
			'pdftotext',
			['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'],
			{ encoding: 'utf8' }
		);
		return [
			...html.matchAll(
				/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g
			)
		].map((m) => ({
			text: m[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
			x0: Number(m[1]),
			y0: Number(m[2]),
			x1: Number(m[3]),
			y1: Number(m[4])
		}));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
