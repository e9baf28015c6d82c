import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { APPEND_ONLY_TABLES } from './append-only';
import { findUp } from '../paths';

/** A migration file of drizzle-pg/: `NNNN_name.sql`, applied in name order. */
export const PG_MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/** Where the runner records what it applied (name and checksum), in the migrated database. */
export const PG_MIGRATIONS_TABLE = 'schema_migrations';

// Any constant will do: two app instances starting together must not both apply a file.
const MIGRATION_LOCK = 22_0000_22;

/** The project's `drizzle-pg/` folder, found from this module's location like `migrationsDir`. */
export function pgMigrationsDir(): string {
	if (process.env.PG_MIGRATIONS_DIR) return resolve(process.env.PG_MIGRATIONS_DIR);
	const first = findUp(import.meta.url, ['drizzle-pg/0000_baseline.sql']);
	if (!first)
		throw new Error(
			`PostgreSQL migrations (drizzle-pg/) not found above ${import.meta.url}; set PG_MIGRATIONS_DIR`
		);
	return resolve(first, '..');
}

interface MigrationFile {
	name: string;
	sql: string;
	sha256: string;
}

function readMigrations(dir: string): MigrationFile[] {
	return readdirSync(dir)
		.filter((f) => PG_MIGRATION_FILE.test(f))
		.sort()
		.map((name) => {
			const sql = readFileSync(join(dir, name), 'utf8');
			return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
		});
}

/** Runs `fn` in one transaction on `client`: committed if it returns, rolled back if it throws. */
async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
	await client.query('BEGIN');
	try {
		const result = await fn();
		await client.query('COMMIT');
		return result;
	} catch (e) {
		await client.query('ROLLBACK');
		throw e;
	}
}

/**
 * Applies the pending files of drizzle-pg/ to the database behind `client` (connected as the
 * schema's owner), one transaction per file, and records each in `schema_migrations`; then
 * installs the insert-only triggers, as openDb does on SQLite. Refuses to go on if a file that
 * already ran has changed since: its twin in production would differ from the tested schema.
 * Returns the names of the files it applied.
 */
export async function migratePg(
	client: pg.ClientBase,
	dir: string = pgMigrationsDir()
): Promise<string[]> {
	const files = readMigrations(dir);
	await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
	try {
		await client.query(`CREATE TABLE IF NOT EXISTS ${PG_MIGRATIONS_TABLE} (
			name text PRIMARY KEY,
			sha256 text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
		const { rows } = await client.query<{ name: string; sha256: string }>(
			`SELECT name, sha256 FROM ${PG_MIGRATIONS_TABLE}`
		);
		const done = new Map(rows.map((r) => [r.name, r.sha256]));
		for (const [name, sha256] of done) {
			const file = files.find((f) => f.name === name);
			if (file && file.sha256 !== sha256)
				throw new Error(`PostgreSQL migration ${name} changed after it was applied`);
		}
		const applied: string[] = [];
		for (const file of files.filter((f) => !done.has(f.name))) {
			await inTransaction(client, async () => {
				try {
					await client.query(file.sql);
				} catch (e) {
					throw new Error(`PostgreSQL migration ${file.name} failed: ${(e as Error).message}`, {
						cause: e
					});
				}
				await client.query(`INSERT INTO ${PG_MIGRATIONS_TABLE} (name, sha256) VALUES ($1, $2)`, [
					file.name,
					file.sha256
				]);
			});
			applied.push(file.name);
		}
		await inTransaction(client, () => installPgAppendOnlyTriggers(client));
		return applied;
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
	}
}

/**
 * The files of drizzle-pg/ not yet applied to the database behind `client` (a synchronous
 * connection, as the app holds): what keeps an instance from starting on an old schema.
 */
export function pendingPgMigrations(
	client: { prepare(sql: string): { all(): unknown[] } },
	dir: string = pgMigrationsDir()
): string[] {
	const exists = client
		.prepare(
			`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = '${PG_MIGRATIONS_TABLE}'`
		)
		.all();
	const done = new Set(
		exists.length
			? (client.prepare(`SELECT name FROM ${PG_MIGRATIONS_TABLE}`).all() as { name: string }[]).map(
					(r) => r.name
				)
			: []
	);
	return readMigrations(dir)
		.map((f) => f.name)
		.filter((n) => !done.has(n));
}

/**
 * The PostgreSQL form of installAppendOnlyTriggers: the same trigger names on the same list of
 * tables, calling refuse_change() (drizzle-pg/0000). TRUNCATE skips row triggers, so each table
 * also gets a statement trigger for it. Only missing triggers are made: creating one locks its
 * table against writes, and every instance runs this at start while others take payments.
 */
export async function installPgAppendOnlyTriggers(
	client: pg.ClientBase,
	tables: readonly string[] = APPEND_ONLY_TABLES
): Promise<void> {
	const { rows } = await client.query<{ name: string; existing: string[] }>(
		`SELECT c.relname AS name,
			array(SELECT t.tgname::text FROM pg_trigger t WHERE t.tgrelid = c.oid) AS existing
		 FROM pg_class c
		 WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname = ANY($1)`,
		[tables]
	);
	for (const { name, existing } of rows) {
		const wanted = [
			[`${name}_no_update`, 'UPDATE', 'ROW'],
			[`${name}_no_delete`, 'DELETE', 'ROW'],
			[`${name}_no_truncate`, 'TRUNCATE', 'STATEMENT']
		];
		for (const [trigger, event, level] of wanted)
			if (!existing.includes(trigger))
				await client.query(
					`CREATE TRIGGER ${trigger} BEFORE ${event} ON ${name}
					 FOR EACH ${level} EXECUTE FUNCTION refuse_change()`
				);
	}
}
