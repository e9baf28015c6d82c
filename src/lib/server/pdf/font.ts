import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The CJK font every PDF embeds: Noto Sans SC Regular (glyf-outline TTF, OFL, see
 * static/fonts/OFL.txt). Read from a real file path, never a Vite asset URL: the
 * path is relative to the working directory, which is the project root both for
 * `vite dev`/Vitest/scripts and for `node build`. Deployments elsewhere set FONT_PATH.
 */
export function cjkFontPath(): string {
	return process.env.FONT_PATH ?? resolve('static/fonts/NotoSansSC-Regular.ttf');
}

let bytes: Buffer | null = null;

/** The font file's bytes, read once per process on first use (≈10.5 MB, kept in memory). */
export function cjkFontBytes(): Buffer {
	if (!bytes) {
		const path = cjkFontPath();
		try {
			bytes = readFileSync(path);
		} catch (err) {
			throw new Error(
				`PDF font not found at ${path} (run from the project root or set FONT_PATH)`,
				{ cause: err }
			);
		}
	}
	return bytes;
}
