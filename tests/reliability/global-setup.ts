import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuild, seedDatabase } from './lib/env';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A seeded demo database; each file copies it (seeding takes ~10 s, a copy a few ms). */
		templateDb: string;
		/** Scratch folder of this run, removed at the end (set RELIABILITY_KEEP=1 to keep it). */
		workDir: string;
	}
}

export default function setup(project: TestProject) {
	ensureBuild();
	const workDir = mkdtempSync(join(tmpdir(), 'frontdesk-reliability-'));
	const templateDb = seedDatabase(join(workDir, 'template.db'));
	project.provide('templateDb', templateDb);
	project.provide('workDir', workDir);
	return () => {
		if (process.env.RELIABILITY_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
		else console.log(`[reliability] kept ${workDir}`);
	};
}
