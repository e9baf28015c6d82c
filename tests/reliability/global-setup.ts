import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuild, seedDatabase } from './lib/env';
import { makePgTemplate, onPg } from './lib/pg';

declare module 'vitest' {
	export interface ProvidedContext {
		/**
		 * A seeded demo database, each file copies it (seeding takes ~10 s, a copy a few ms): a
		 * file, or with RELIABILITY_DB=postgres the URL of a template database.
		 */
		templateDb: string;
		/** Scratch folder of this run, removed at the end (set RELIABILITY_KEEP=1 to keep it). */
		workDir: string;
	}
}

export default async function setup(project: TestProject) {
	ensureBuild();
	const workDir = mkdtempSync(join(tmpdir(), 'frontdesk-reliability-'));
	const pg = onPg() ? await makePgTemplate() : null;
	const templateDb = pg ? pg.url : seedDatabase(join(workDir, 'template.db'));
	project.provide('templateDb', templateDb);
	project.provide('workDir', workDir);
	return async () => {
		if (process.env.RELIABILITY_KEEP !== '1') {
			await pg?.drop();
			rmSync(workDir, { recursive: true, force: true });
		} else console.log(`[reliability] kept ${workDir}${pg ? ` and the databases ${pg.url}*` : ''}`);
	};
}
