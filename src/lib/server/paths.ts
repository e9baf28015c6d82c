import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The first of `candidates` (paths relative to a folder) found in the folder of the module
 * `fromUrl` (its `import.meta.url`) or in one of that folder's ancestors; null when none is.
 *
 * The server's own files are found from where its code is, never from the working directory:
 * the same source runs as src/lib/server/… under `vite dev`, Vitest and the tsx scripts, and as
 * build/server/chunks/… under `node build`, started from any folder (a systemd unit, cron).
 */
export function findUp(fromUrl: string | URL, candidates: readonly string[]): string | null {
	let dir = dirname(fileURLToPath(fromUrl));
	for (;;) {
		for (const c of candidates) {
			const path = join(dir, c);
			if (existsSync(path)) return path;
		}
		const up = dirname(dir);
		if (up === dir) return null;
		dir = up;
	}
}
