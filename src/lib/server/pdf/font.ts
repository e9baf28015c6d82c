import { readFileSync } from 'node:fs';
import { findUp } from '../paths';

const FONT_FILE = 'NotoSansSC-Regular.ttf';

/**
 * The CJK font every PDF embeds: Noto Sans SC Regular (glyf-outline TTF, OFL, see
 * static/fonts/OFL.txt). Read from a real file path, never a Vite asset URL, found from this
 * module's location whatever the working directory: static/fonts/ of the project under
 * `vite dev`, Vitest and the scripts; the build's own copy (build/client/fonts/) under
 * `node build`. FONT_PATH overrides it.
 */
export function cjkFontPath(): string {
	return (
		process.env.FONT_PATH ??
		findUp(import.meta.url, [`static/fonts/${FONT_FILE}`, `client/fonts/${FONT_FILE}`]) ??
		`static/fonts/${FONT_FILE}`
	);
}

let bytes: Buffer | null = null;

/** The font file's bytes, read once per process on first use (≈10.5 MB, kept in memory). */
export function cjkFontBytes(): Buffer {
	if (!bytes) {
		const path = cjkFontPath();
		try {
			bytes = readFileSync(path);
		} catch (err) {
			throw new Error(`PDF font not found at ${path} (set FONT_PATH)`, { cause: err });
		}
	}
	return bytes;
}
