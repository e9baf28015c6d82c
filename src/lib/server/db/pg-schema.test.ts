/**
 * The PostgreSQL migrations (drizzle-pg/) build the same schema as the SQLite ones (drizzle/).
 * Needs a PostgreSQL server: PG_TEST_URL, an owner's URL (scripts/pg-cluster.sh prints one); the
 * test makes and drops its own database. Skipped without it, except in CI, where it fails.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, PG_MIGRATIONS_TABLE } from './pg-migrate';
import { pgShape, printedByPg } from './pg-shape';
import { compareShapes, triggerLine, type Allowances } from './schema-shape';
import { sqliteShape } from './sqlite-shape';
import { createTestDb } from './test-db';
import { APPEND_ONLY_TABLES } from './append-only';

const url = process.env.PG_TEST_URL;

/** What PostgreSQL has on purpose that SQLite has not. */
const ALLOW: Allowances = {
	pgOnlyTables: [
		PG_MIGRATIONS_TABLE, // pg-migrate's bookkeeping (drizzle keeps its own in __drizzle_migrations)
		'receipt_counters' // the counter row that makes receipt numbers gap-free across instances
	],
	// TRUNCATE skips row triggers; SQLite has no TRUNCATE.
	pgOnlyTrigger: (t) => /^\w+_no_truncate on \w+: before truncate$/.test(t)
};

if (!url) {
	describe('PostgreSQL schema', () => {
		if (process.env.CI)
			it('has a server to test against in CI', () => {
				expect.fail('PG_TEST_URL is not set: CI must run the PostgreSQL schema test (.ci/run)');
			});
		else it.skip('needs PG_TEST_URL (scripts/pg-cluster.sh start DIR PORT)', () => {});
	});
} else {
	describe('PostgreSQL schema', () => {
		const dbName = `frontdesk_schema_test_${process.pid}_${Date.now()}`;
		const admin = new pg.Client({ connectionString: url });
		let client: pg.Client;

		beforeAll(async () => {
			await admin.connect();
			// C collation: ISO dates and codes compare byte by byte, as in SQLite.
			await admin.query(
				`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
			);
			const target = new URL(url);
			target.pathname = `/${dbName}`;
			client = new pg.Client({ connectionString: target.toString() });
			await client.connect();
		}, 60_000);

		afterAll(async () => {
			await client?.end();
			await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
			await admin.end();
		});

		it('applies every file once, and nothing on a second run', async () => {
			const applied = await migratePg(client);
			expect(applied[0]).toBe('0000_baseline.sql');
			expect(await migratePg(client)).toEqual([]);
		}, 60_000);

		it('matches the SQLite schema: tables, columns, indexes, foreign keys, triggers, views', async () => {
			const sqlite = createTestDb();
			const expected = await printedByPg(client, sqliteShape(sqlite.$client));
			sqlite.$client.close();
			const actual = await pgShape(client);
			// Two empty readings would agree: make sure both read the whole schema.
			for (const shape of [expected, actual]) {
				expect(Object.keys(shape.tables).length).toBeGreaterThan(70);
				expect(Object.keys(shape.indexes).length).toBeGreaterThan(150);
				expect(shape.foreignKeys.length).toBeGreaterThan(100);
				expect(shape.triggers.length).toBeGreaterThan(100);
				expect(shape.views.length).toBe(3);
			}
			const differences = compareShapes(expected, actual, ALLOW);
			expect(differences.join('\n'), 'PostgreSQL (drizzle-pg/) and SQLite (drizzle/) differ').toBe(
				''
			);
		}, 60_000);

		it('keeps money, ids and epoch-ms times in bigint', async () => {
			const { rows } = await client.query<{ col: string; type: string }>(
				`SELECT table_name || '.' || column_name AS col, data_type AS type
				 FROM information_schema.columns
				 WHERE table_schema = current_schema() AND column_name ~ '(^id|_id|_fen|_at|^at)$'
				   AND data_type IN ('integer', 'smallint')`
			);
			expect(rows.map((r) => `${r.col} is ${r.type}`)).toEqual([]);
		});

		it('guards every insert-only table against TRUNCATE too', async () => {
			const shape = await pgShape(client);
			const missing = APPEND_ONLY_TABLES.filter(
				(t) => !shape.triggers.includes(triggerLine(`${t}_no_truncate`, t, 'before', 'truncate'))
			);
			expect(missing).toEqual([]);
		});

		it('refuses to change the ledger, with the error SQLite raises', async () => {
			await client.query(
				`INSERT INTO communities (code, name, centre_name, created_at) VALUES ('T', 't', 't', 0)`
			);
			for (const sql of [
				`UPDATE communities SET name = 'u'`, // a changing table: allowed
				`INSERT INTO audit_log (action, target_type, target_id, at) VALUES ('a', 't', '1', 0)`
			])
				await client.query(sql);
			await expect(client.query(`UPDATE audit_log SET action = 'b'`)).rejects.toMatchObject({
				code: '23001',
				message: 'append-only table: audit_log'
			});
			await expect(client.query(`DELETE FROM audit_log`)).rejects.toMatchObject({
				code: '23001'
			});
			await expect(client.query(`TRUNCATE audit_log CASCADE`)).rejects.toMatchObject({
				code: '23001'
			});
			await client.query(
				`INSERT INTO tickets (community_id, ticket_no, year, seq, kind, source, reporter_name,
					reporter_phone, text, state, received_at, recorded_at, updated_at)
				 SELECT id, 'BS-1', 2026, 1, 'repair', 'counter', 'r', '1', 't', 'open', 0, 0, 0 FROM communities`
			);
			await expect(client.query(`DELETE FROM tickets`)).rejects.toMatchObject({
				message: 'tickets are never deleted'
			});
		});

		it('refuses to run a migration that changed after it was applied', async () => {
			await client.query(`UPDATE ${PG_MIGRATIONS_TABLE} SET sha256 = 'x' WHERE name = $1`, [
				'0000_baseline.sql'
			]);
			await expect(migratePg(client)).rejects.toThrow(/0000_baseline.sql changed/);
		});
	});
}
