import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppServer, freshDb } from './lib/server';
import { Client } from './lib/http';
import { prepayNextMonth, type Prepaid } from './lib/fees';
import { ROOT, PASSWORD } from './lib/env';
import { clerkUnitCodes, dbChecksum, inspectFile, withDb } from './lib/db';
import { messages } from './lib/messages';
import { onPg } from './lib/pg';
import { APPEND_ONLY_TABLES } from '../../src/lib/server/db/append-only';

/*
 * `npm run backup -- out.db` while the server takes payments, then `npm run restore -- out.db`
 * with the server stopped (and refused while it runs). The backup must be a consistent snapshot:
 * the ledger is append-only, so every row it holds must be in the live database unchanged.
 */

const zh = messages('zh-CN');
let server: AppServer;
let db: string;
let dir: string;

function npm(
	script: 'backup' | 'restore',
	args: string[],
	env: Record<string, string>
): Promise<{ code: number; out: string }> {
	return new Promise((done) => {
		const p = spawn('npm', ['run', '-s', script, '--', ...args], {
			cwd: ROOT,
			env: { ...process.env, ...env }
		});
		let out = '';
		p.stdout.on('data', (b) => (out += b));
		p.stderr.on('data', (b) => (out += b));
		p.on('exit', (code) => done({ code: code ?? -1, out }));
	});
}

/** Keeps two clerks taking payments until stopped; returns what they were answered. */
function keepPaying(url: string) {
	let stop = false;
	const paid: Prepaid[] = [];
	const months = new Map<string, number>();
	const units = clerkUnitCodes(db);
	let i = 0;
	const run = Promise.all(
		['clerk', 'clerk2'].map(async (who, w) => {
			const c = new Client(url);
			await c.login(who);
			while (!stop) {
				const unit = units[(i++ * 7 + w) % units.length];
				paid.push(await prepayNextMonth(c, unit, randomUUID(), months, zh.ledger_nothing_selected));
			}
		})
	);
	return {
		paid,
		async stop() {
			stop = true;
			await run;
		}
	};
}

beforeAll(async () => {
	db = freshDb(inject('templateDb'), inject('workDir'), 'backup');
	dir = dirname(db);
	server = await AppServer.start({ dbFile: db, logFile: join(dir, 'server.log') });
});

afterAll(async () => {
	await server?.close();
});

// npm run backup / restore copy the SQLite file; PostgreSQL's backups are pg_dump's job.
describe.skipIf(onPg())('backup while the server takes payments, restore with it stopped', () => {
	const out = () => join(dir, 'out.db');
	let backupFigures: ReturnType<typeof inspectFile>['figures'];
	let backupSums: Record<string, string>;

	test('npm run backup -- out.db takes a consistent online snapshot', async () => {
		const payer = keepPaying(server.url);
		while (payer.paid.length < 20) await new Promise((r) => setTimeout(r, 50));
		const atStart = payer.paid.length;
		const r = await npm('backup', [out()], { DATABASE_URL: db });
		const during = payer.paid.length - atStart;
		while (payer.paid.length < atStart + during + 20) await new Promise((r) => setTimeout(r, 50));
		await payer.stop();
		console.log(
			`[backup] ${r.out.trim().split('\n')[0]}; ${payer.paid.length} payments taken around it (${during} while it ran)`
		);
		expect(r.code, r.out).toBe(0);
		expect(r.out).toContain('integrity_check: ok');
		expect(existsSync(`${out()}.partial`)).toBe(false);

		const rep = inspectFile(out());
		expect(rep.integrity).toBe('ok');
		expect(rep.problems).toEqual([]);
		backupFigures = rep.figures;
		backupSums = dbChecksum(out(), []).tables;

		// Payments went on after the snapshot: the live database has more than the backup.
		const live = inspectFile(db);
		expect(live.figures.payments).toBeGreaterThan(rep.figures.payments);
		// A consistent snapshot of an append-only ledger is a prefix of the live one, row for row.
		const differ: string[] = [];
		withDb(out(), (b) =>
			withDb(db, (l) => {
				for (const t of APPEND_ONLY_TABLES) {
					if (!b.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(t)) continue;
					const rows = b
						.prepare(`SELECT rowid AS _r, * FROM "${t}" ORDER BY rowid`)
						.all() as Record<string, unknown>[];
					const get = l.prepare(`SELECT rowid AS _r, * FROM "${t}" WHERE rowid = ?`);
					for (const row of rows)
						if (JSON.stringify(get.get(row._r)) !== JSON.stringify(row))
							differ.push(`${t} #${row._r}`);
				}
			})
		);
		expect(differ).toEqual([]);
		// Every payment answered before the backup started is in it.
		const inBackup = withDb(
			out(),
			(b) =>
				new Set(
					(b.prepare('SELECT receipt_no AS r FROM payments').all() as { r: string }[]).map(
						(x) => x.r
					)
				)
		);
		for (const p of payer.paid.slice(0, atStart)) expect(inBackup.has(p.receiptNo)).toBe(true);
	});

	test('the backup refuses to overwrite a file or to back up onto the database', async () => {
		const again = await npm('backup', [out()], { DATABASE_URL: db });
		expect(again.code).toBe(1);
		expect(again.out).toMatch(/exists/);
		const self = await npm('backup', [db, '--force'], { DATABASE_URL: db });
		expect(self.code).toBe(1);
	});

	test('npm run restore refuses while the server has the database open', async () => {
		const before = dbChecksum(db, []).sum;
		const r = await npm('restore', [out()], { DATABASE_URL: db });
		expect(r.code, r.out).toBe(1);
		expect(r.out).toMatch(/in use/);
		expect(dbChecksum(db, []).sum).toBe(before);
		expect(readdirSync(dir).some((f) => f.includes('.replaced-'))).toBe(false);
	});

	test('npm run restore brings the backup back, keeps the replaced file, same balances', async () => {
		await server.stop();
		const replaced = dbChecksum(db, []).tables;
		const r = await npm('restore', [out()], { DATABASE_URL: db });
		expect(r.code, r.out).toBe(0);
		const kept = readdirSync(dir).filter((f) => f.startsWith('app.db.replaced-'));
		expect(kept).toHaveLength(1);
		// The kept copy is the database as it was (payments after the backup included).
		expect(dbChecksum(join(dir, kept[0]), []).tables).toEqual(replaced);

		const rep = inspectFile(db);
		expect(rep.integrity).toBe('ok');
		expect(rep.problems).toEqual([]);
		expect(rep.figures).toEqual(backupFigures);
		expect(dbChecksum(db, []).tables).toEqual(backupSums);

		// The server runs on it and the receipt sequence goes on from the backup's last number.
		await server.restart();
		const c = new Client(server.url);
		await c.login('clerk', PASSWORD);
		const p = await prepayNextMonth(
			c,
			'1-1-101',
			randomUUID(),
			new Map(),
			zh.ledger_nothing_selected
		);
		const last = backupFigures.lastReceipts['1:2026'];
		expect(Number(p.receiptNo.slice(-6))).toBe(Number(last.slice(-6)) + 1);
		await server.stop();
		expect(inspectFile(db).problems).toEqual([]);
	});

	test('a file that is not a sound front-desk database is refused and nothing is replaced', async () => {
		const junk = join(dir, 'junk.db');
		writeFileSync(junk, 'not a database at all'.repeat(100));
		const before = dbChecksum(db, []).sum;
		const r = await npm('restore', [junk], { DATABASE_URL: db });
		expect(r.code).toBe(1);
		expect(dbChecksum(db, []).sum).toBe(before);
		const missing = await npm('restore', [join(dir, 'nope.db')], { DATABASE_URL: db });
		expect(missing.code).toBe(1);
	});
});
