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
export function pdfInfo(buffer: Buffer | Uint8Array): { pages: number; width: number; height: number } {
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
