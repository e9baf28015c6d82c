import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { installAppendOnlyTriggers } from './append-only';
import { findUp } from '../paths';
import { isPgUrl, PgDatabase } from './pg-client';
import { pendingPgMigrations } from './pg-migrate';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export { schema };

/**
 * Opens the database: a `postgres://` URL (the company's PostgreSQL, migrated beforehand with
 * `npm run pg:migrate`), else a SQLite file with the pragmas money needs and its pending
 * migrations applied.
 */
export function openDb(file: string, opts: { migrate?: boolean } = {}): Db {
	if (isPgUrl(file)) return openPg(file, opts);
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('busy_timeout = 5000');
	// Without this, INSERT OR REPLACE deletes a conflicting ledger row without firing its
	// append-only DELETE trigger (SQLite fires delete triggers for REPLACE only when recursive).
	sqlite.pragma('recursive_triggers = ON');
	const db = drizzle(sqlite, { schema }) as Db;
	if (opts.migrate !== false) {
		migrateShared(db, process.env.MIGRATIONS_DIR ?? migrationsDir());
		installAppendOnlyTriggers(sqlite);
	}
	return db;
}

/**
 * PostgreSQL through the synchronous bridge, in better-sqlite3's shape, so drizzle's SQLite
 * builder and every call site work unchanged (SQL translated by pg-sql.ts). Its schema is a
 * deploy step run by the schema's owner, never by the app's role: an instance refuses to start on
 * a database that lacks a migration rather than apply it.
 */
function openPg(url: string, opts: { migrate?: boolean }): Db {
	const client = new PgDatabase(url);
	if (opts.migrate !== false) {
		const pending = pendingPgMigrations(client);
		if (pending.length) {
			client.close();
			throw new Error(
				`PostgreSQL database not migrated (${pending.join(', ')}): run npm run pg:migrate -- <url>`
			);
		}
	}
	return drizzle(client as unknown as Database.Database, { schema }) as Db;
}

/** The database behind `db` is PostgreSQL. */
export function isPg(db: Db): boolean {
	return (db.$client as unknown) instanceof PgDatabase;
}

/**
 * The same value between two calls inside one transaction while nothing it can read changed (on
 * PostgreSQL, `PgDatabase.txMark`); otherwise undefined, which says "read again". SQLite answers
 * undefined: its reads are too cheap to be worth remembering.
 */
export function txMark(db: Db): string | undefined {
	const client = db.$client as unknown;
	return client instanceof PgDatabase ? client.txMark : undefined;
}

/**
 * Applies pending migrations when several app instances may start on the file at once. drizzle
 * reads which migrations ran before it takes the write lock, so the instance that waited for
 * another's migration would run it a second time ("duplicate column") and fail to start; its
 * transaction rolls back, and a second pass, reading again, finds nothing left to do. A migration
 * that is itself broken fails again and is thrown.
 */
export function migrateShared(db: Db, migrationsFolder: string, attempts = 3) {
	for (let i = 1; ; i++) {
		try {
			migrate(db, { migrationsFolder });
			return;
		} catch (e) {
			if (i >= attempts) throw e;
		}
	}
}

/**
 * The project's `drizzle/` folder, found from this module's location (src/lib/server/db in
 * development, build/server/chunks once built), not from the working directory.
 */
export function migrationsDir(): string {
	const journal = findUp(import.meta.url, ['drizzle/meta/_journal.json']);
	if (!journal)
		throw new Error(
			`migrations (drizzle/meta/_journal.json) not found above ${import.meta.url}; set MIGRATIONS_DIR`
		);
	return resolve(journal, '../..');
}

let instance: Db | undefined;
let stopCheckpoints: (() => void) | undefined;

/** How often the server folds the WAL back into the database file. */
export const CHECKPOINT_EVERY_MS = 5_000;

/**
 * Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the commit
 * that takes the WAL past 1000 pages, so one payment in a dozen or so paid for copying every page
 * (about 10 ms at p95 on the bench); the long-running server turns it off and checkpoints on a
 * timer, between requests. PASSIVE never waits for readers; whatever it cannot copy yet stays in
 * the WAL, which is as durable as the file (synchronous=FULL). Returns the stop function.
 */
export function checkpointOffCommitPath(db: Db, everyMs = CHECKPOINT_EVERY_MS): () => void {
	if (isPg(db)) return () => {};
	db.$client.pragma('wal_autocheckpoint = 0');
	const timer = setInterval(() => checkpointNow(db), everyMs);
	timer.unref();
	return () => clearInterval(timer);
}

/** One PASSIVE checkpoint (a closed connection is left alone). */
export function checkpointNow(db: Db): void {
	if (db.$client.open) db.$client.pragma('wal_checkpoint(PASSIVE)');
}

/** The process-wide database: `DATABASE_URL` (a file or `postgres://…`), default data/frontdesk.db. */
export function databaseFile(): string {
	return process.env.DATABASE_URL ?? 'data/frontdesk.db';
}

/** The process-wide database, opened on first use. */
export function getDb(): Db {
	if (!instance) {
		instance = openDb(databaseFile());
		stopCheckpoints = checkpointOffCommitPath(instance);
	}
	return instance;
}

/** Closes the process-wide database; the next `getDb()` opens the file again. */
export function closeDb() {
	stopCheckpoints?.();
	stopCheckpoints = undefined;
	instance?.$client.close();
	instance = undefined;
}

/** Runs `fn` in one IMMEDIATE transaction (takes the write lock up front, so no upgrade deadlocks). */
export function tx<T>(db: Db, fn: () => T): T {
	return db.$client.transaction(fn).immediate();
}
