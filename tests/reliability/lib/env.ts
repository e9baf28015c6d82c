import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Where the project lives (the suite and the scripts run from its root). */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** The app clock of every server the suite starts: a Monday morning in Shanghai (like the e2e runs). */
export const START_AT = '2026-11-23T09:00:00+08:00';
/** Password of the demo accounts in the suite's databases. */
export const PASSWORD = 'reliability-Passw0rd!';
/** First port of the suite's servers; it uses this one and the next three. */
export const BASE_PORT = Number(process.env.RELIABILITY_PORT ?? 4212);

export function buildDir(): string {
	return resolve(ROOT, process.env.BUILD_DIR ?? 'build');
}

/** Builds the app into BUILD_DIR unless a build is already there (CI builds before the suite). */
export function ensureBuild(): string {
	const dir = buildDir();
	if (existsSync(resolve(dir, 'index.js'))) return dir;
	console.log(`[reliability] no build in ${dir}: building it (npx vite build)`);
	const r = spawnSync('npx', ['vite', 'build'], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, BUILD_DIR: dir }
	});
	if (r.status !== 0 || !existsSync(resolve(dir, 'index.js')))
		throw new Error(`vite build failed (exit ${r.status})`);
	return dir;
}

/** Seeds a fresh demo database (the same data as `npm run seed`) into `file` (or a migrated PostgreSQL URL). */
export function seedDatabase(file: string): string {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: {
			...process.env,
			DATABASE_URL: file,
			DEMO_PASSWORD: PASSWORD,
			FRONTDESK_START_AT: START_AT,
			NODE_ENV: 'development'
		}
	});
	if (r.status !== 0) throw new Error(`seeding ${file} failed:\n${r.stdout}\n${r.stderr}`);
	return file;
}
