import { describe, it, expect, beforeEach } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { checkpointNow, checkpointOffCommitPath, openDb, tx, type Db } from './index';
import { createSqliteTestDb } from './test-db';
import { APPEND_ONLY_TABLES } from './append-only';
import { communities, owners, staffUsers, unitOwners, units } from './schema';

const NOW = Date.parse('2026-11-23T01:00:00Z');

function tempFile(name = 'db.sqlite') {
	return join(mkdtempSync(join(tmpdir(), 'frontdesk-db-')), 'nested', 'dir', name);
}

function tableNames(db: Db): string[] {
	return (
		db.$client
			.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
			.all() as { name: string }[]
	).map((r) => r.name);
}

function addCommunity(db: Db, code = 'C1') {
	return db
		.insert(communities)
		.values({ code, name: '测试', centreName: '测试管理处', createdAt: NOW })
		.returning()
		.get();
}

describe('migrations', () => {
	it('apply to an empty file (creating its directory) and record every journal entry', () => {
		const file = tempFile();
		expect(existsSync(file)).toBe(false);
		const db = openDb(file);
		expect(existsSync(file)).toBe(true);
		const tables = tableNames(db);
		for (const t of [
			'communities',
			'units',
			'owners',
			'unit_owners',
			'staff_users',
			'sessions',
			'login_attempts',
			'audit_log',
			'bills',
			'payments'
		]) {
			expect(tables).toContain(t);
		}
		const journal = JSON.parse(readFileSync(resolve('drizzle/meta/_journal.json'), 'utf8')) as {
			entries: unknown[];
		};
		const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
			n: number;
		};
		expect(applied.n).toBe(journal.entries.length);
		db.$client.close();
	});

	it('are not applied twice when the file is opened again, and data survives', () => {
		const file = tempFile();
		const first = openDb(file);
		addCommunity(first);
		first.$client.close();
		const again = openDb(file);
		const applied = again.$client
			.prepare('SELECT count(*) AS n FROM __drizzle_migrations')
			.get() as { n: number };
		const journal = JSON.parse(readFileSync(resolve('drizzle/meta/_journal.json'), 'utf8')) as {
			entries: unknown[];
		};
		expect(applied.n).toBe(journal.entries.length);
		expect(again.select().from(communities).all()).toHaveLength(1);
		again.$client.close();
	});

	it('opening the module does not touch the database (nothing happens during vite build)', async () => {
		const file = tempFile('never.db');
		const before = process.env.DATABASE_URL;
		process.env.DATABASE_URL = file;
		try {
			await import('./index');
			expect(existsSync(file)).toBe(false);
		} finally {
			if (before === undefined) delete process.env.DATABASE_URL;
			else process.env.DATABASE_URL = before;
		}
	});
});

describe('pragmas', () => {
	it('are WAL, foreign keys on, synchronous FULL and a busy timeout', () => {
		const db = createSqliteTestDb();
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
		expect(Number(db.$client.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(
			1000
		);
	});
});

describe('constraints', () => {
	let db: Db;
	beforeEach(() => {
		db = createSqliteTestDb();
	});

	const unit = (communityId: number, code = '1-1-101') => ({
		communityId,
		building: '1',
		entrance: '1',
		room: '101',
		code,
		areaCenti: 9000,
		createdAt: NOW
	});
	const staff = (communityId: number, username: string) => ({
		communityId,
		username,
		displayName: 'x',
		workNo: 'W1',
		role: 'clerk' as const,
		passwordHash: 'h',
		createdAt: NOW
	});

	it('community codes are unique', () => {
		addCommunity(db, 'LMXG');
		expect(() => addCommunity(db, 'LMXG')).toThrow(/UNIQUE/);
	});

	it('a room code is unique within a community but may repeat in another', () => {
		const a = addCommunity(db, 'A');
		const b = addCommunity(db, 'B');
		db.insert(units).values(unit(a.id)).run();
		expect(() => db.insert(units).values(unit(a.id)).run()).toThrow(/UNIQUE/);
		expect(() => db.insert(units).values(unit(b.id)).run()).not.toThrow();
	});

	it('staff usernames are unique', () => {
		const c = addCommunity(db);
		db.insert(staffUsers).values(staff(c.id, 'clerk')).run();
		expect(() => db.insert(staffUsers).values(staff(c.id, 'clerk')).run()).toThrow(/UNIQUE/);
	});

	it('an owner is linked to a unit once', () => {
		const c = addCommunity(db);
		const u = db.insert(units).values(unit(c.id)).returning().get();
		const o = db
			.insert(owners)
			.values({ communityId: c.id, name: '张伟', phone: '13800000000', createdAt: NOW })
			.returning()
			.get();
		db.insert(unitOwners).values({ unitId: u.id, ownerId: o.id }).run();
		expect(() => db.insert(unitOwners).values({ unitId: u.id, ownerId: o.id }).run()).toThrow(
			/UNIQUE/
		);
	});

	it('foreign keys refuse rows pointing nowhere and deleting rows still referenced', () => {
		expect(() => db.insert(units).values(unit(999)).run()).toThrow(/FOREIGN KEY/);
		expect(() => db.insert(staffUsers).values(staff(999, 'ghost')).run()).toThrow(/FOREIGN KEY/);
		const c = addCommunity(db);
		db.insert(units).values(unit(c.id)).run();
		expect(() => db.delete(communities).where(eq(communities.id, c.id)).run()).toThrow(
			/FOREIGN KEY/
		);
	});

	it('NOT NULL columns refuse a missing value', () => {
		expect(() =>
			db.$client
				.prepare(`INSERT INTO communities (code, name, created_at) VALUES ('X', 'x', 1)`)
				.run()
		).toThrow(/NOT NULL/);
	});

	it('a failed transaction writes nothing', () => {
		expect(() =>
			tx(db, () => {
				addCommunity(db, 'T');
				addCommunity(db, 'T');
			})
		).toThrow(/UNIQUE/);
		expect(db.select().from(communities).all()).toHaveLength(0);
	});
});

describe('append-only tables', () => {
	/** Inserts one row with a plausible value in every NOT NULL column (FKs off just for this). */
	function insertAnyRow(db: Db, table: string) {
		const cols = db.$client.prepare(`PRAGMA table_info(${table})`).all() as {
			name: string;
			type: string;
			notnull: number;
			dflt_value: unknown;
			pk: number;
		}[];
		const needed = cols.filter(
			(c) => c.notnull && c.dflt_value === null && !(c.pk && /INT/i.test(c.type))
		);
		db.$client.pragma('foreign_keys = OFF');
		try {
			const names = needed.map((c) => `"${c.name}"`).join(', ');
			const values = needed.map((c) => (/INT|REAL|NUM/i.test(c.type) ? '1' : `'x'`)).join(', ');
			db.$client.exec(
				needed.length
					? `INSERT INTO ${table} (${names}) VALUES (${values})`
					: `INSERT INTO ${table} DEFAULT VALUES`
			);
		} finally {
			db.$client.pragma('foreign_keys = ON');
		}
		return cols;
	}

	const db = createSqliteTestDb();
	const existing = new Set(tableNames(db));
	const tables = APPEND_ONLY_TABLES.filter((t) => existing.has(t));

	it('the ledger and the audit log are among them', () => {
		expect(tables).toEqual(
			expect.arrayContaining(['bills', 'payments', 'payment_lines', 'payment_voids', 'audit_log'])
		);
	});

	it.each(tables)('%s refuses UPDATE and DELETE but accepts INSERT', (table) => {
		const count = () =>
			(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
		// Rows derived by triggers (principal_postings) may already be there from earlier inserts.
		const before = count();
		const cols = insertAnyRow(db, table);
		expect(count()).toBe(before + 1);
		const col = cols.find((c) => !c.pk)?.name ?? cols[0].name;
		expect(() => db.$client.exec(`UPDATE ${table} SET "${col}" = "${col}"`)).toThrow(/append-only/);
		expect(() => db.$client.exec(`DELETE FROM ${table}`)).toThrow(/append-only/);
		expect(count()).toBe(before + 1);
	});

	it('ordinary tables can still be updated', () => {
		const fresh = createSqliteTestDb();
		const c = addCommunity(fresh);
		fresh.update(communities).set({ name: '改名' }).where(eq(communities.id, c.id)).run();
		expect(fresh.select().from(communities).get()?.name).toBe('改名');
	});
});

describe('checkpoints off the commit path', () => {
	it('turns the automatic checkpoint off and folds the WAL back when asked', () => {
		const db = createSqliteTestDb();
		const stop = checkpointOffCommitPath(db, 60_000);
		try {
			expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
			const c = db.$client;
			c.exec('CREATE TABLE t (x TEXT)');
			const insert = c.prepare('INSERT INTO t VALUES (?)');
			// Well past 1000 pages: without the automatic checkpoint the WAL keeps every frame.
			c.transaction(() => {
				for (let i = 0; i < 3000; i++) insert.run('x'.repeat(2000));
			})();
			// Nothing copied into the database file yet: the rows live in the WAL alone.
			expect(statSync(c.name).size).toBeLessThan(1_000_000);
			checkpointNow(db);
			expect(statSync(c.name).size).toBeGreaterThan(3000 * 2000);
		} finally {
			stop();
		}
	});
});
