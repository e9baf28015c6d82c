import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsDir, openDb } from './index';

/** A process that opens `file` (applying pending migrations) at the wall-clock moment `at`. */
function openAt(file: string, at: number): Promise<{ code: number | null; output: string }> {
	const index = resolve(import.meta.dirname, 'index.ts');
	const script = `
		const { openDb } = await import(${JSON.stringify(index)});
		while (Date.now() < ${at}); // both instances read the applied migrations together
		openDb(${JSON.stringify(file)}).$client.close();`;
	return new Promise((done) => {
		const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		p.stdout.on('data', (b) => (output += b));
		p.stderr.on('data', (b) => (output += b));
		p.once('exit', (code) => done({ code, output }));
	});
}

describe('several app instances starting after an upgrade', () => {
	it('both start: the one that waited for the other’s migration does not apply it again', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'frontdesk-instances-'));
		// The database as the previous release left it: every migration but the last.
		const previous = join(dir, 'drizzle');
		cpSync(migrationsDir(), previous, { recursive: true });
		const journal = join(previous, 'meta', '_journal.json');
		const j = JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] };
		writeFileSync(journal, JSON.stringify({ ...j, entries: j.entries.slice(0, -1) }));
		const file = join(dir, 'app.db');
		process.env.MIGRATIONS_DIR = previous;
		try {
			openDb(file).$client.close();
		} finally {
			delete process.env.MIGRATIONS_DIR;
		}
		const at = Date.now() + 4000; // past both processes' start-up
		const runs = await Promise.all([openAt(file, at), openAt(file, at)]);
		expect(runs.map((r) => (r.code === 0 ? 'ok' : r.output))).toEqual(['ok', 'ok']);
		const db = openDb(file);
		const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
		expect(applied).toEqual({
			n: readMigrationFiles({ migrationsFolder: migrationsDir() }).length
		});
	}, 30_000);
});
