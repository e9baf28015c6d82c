/**
 * The PostgreSQL migrations (drizzle-pg/) build the same schema as the SQLite ones (drizzle/).
 * Needs PostgreSQL (PG_TEST_URL; see pg-test-db.ts).
 */
import { expect, it } from 'vitest';
import { migratePg, PG_MIGRATIONS_TABLE } from './pg-migrate';
import { pgShape, printedByPg } from './pg-shape';
import { compareShapes, triggerLine, type Allowances } from './schema-shape';
import { sqliteShape } from './sqlite-shape';
import { createSqliteTestDb } from './test-db';
import { describePg } from './pg-test-db';
import { APPEND_ONLY_TABLES } from './append-only';

/** What PostgreSQL has on purpose that SQLite has not. */
const ALLOW: Allowances = {
	pgOnlyTables: [
		PG_MIGRATIONS_TABLE, // pg-migrate's bookkeeping (drizzle keeps its own in __drizzle_migrations)
		'receipt_counters' // the counter row that makes receipt numbers gap-free across instances
	],
	// TRUNCATE skips row triggers; SQLite has no TRUNCATE.
	pgOnlyTrigger: (t) => /^\w+_no_truncate on \w+: before truncate$/.test(t)
};

describePg('PostgreSQL schema', (db) => {
	it('records each file it applied, and applies nothing on a second run', async () => {
		const { rows } = await db().query(`SELECT name FROM ${PG_MIGRATIONS_TABLE} ORDER BY name`);
		expect(rows[0]).toEqual({ name: '0000_baseline.sql' });
		expect(await migratePg(db())).toEqual([]);
	}, 60_000);

	it('matches the SQLite schema: tables, columns, indexes, foreign keys, triggers, views', async () => {
		const sqlite = createSqliteTestDb();
		const expected = await printedByPg(db(), sqliteShape(sqlite.$client));
		sqlite.$client.close();
		const actual = await pgShape(db());
		// Two empty readings would agree: make sure both read the whole schema.
		for (const shape of [expected, actual]) {
			expect(Object.keys(shape.tables).length).toBeGreaterThan(70);
			expect(Object.keys(shape.indexes).length).toBeGreaterThan(150);
			expect(shape.foreignKeys.length).toBeGreaterThan(100);
			expect(shape.triggers.length).toBeGreaterThan(100);
			expect(shape.views.length).toBe(3);
		}
		const differences = compareShapes(expected, actual, ALLOW);
		expect(
			differences.join('\n'),
			'SQLite (drizzle/) and PostgreSQL (drizzle-pg/) differ: give each change to drizzle/ its twin in a new drizzle-pg/NNNN_name.sql'
		).toBe('');
	}, 60_000);

	it('keeps money, ids and epoch-ms times in bigint', async () => {
		const { rows } = await db().query<{ col: string; type: string }>(
			`SELECT table_name || '.' || column_name AS col, data_type AS type
			 FROM information_schema.columns
			 WHERE table_schema = current_schema() AND column_name ~ '(^id|_id|_fen|_at|^at)$'
			   AND data_type IN ('integer', 'smallint')`
		);
		expect(rows.map((r) => `${r.col} is ${r.type}`)).toEqual([]);
	});

	it('guards every insert-only table against TRUNCATE too', async () => {
		const shape = await pgShape(db());
		const missing = APPEND_ONLY_TABLES.filter(
			(t) => !shape.triggers.includes(triggerLine(`${t}_no_truncate`, t, 'before', 'truncate'))
		);
		expect(missing).toEqual([]);
	});

	it('refuses to change the ledger, with the error SQLite raises', async () => {
		await db().query(
			`INSERT INTO communities (code, name, centre_name, created_at) VALUES ('T', 't', 't', 0)`
		);
		for (const sql of [
			`UPDATE communities SET name = 'u'`, // a changing table: allowed
			`INSERT INTO audit_log (action, target_type, target_id, at) VALUES ('a', 't', '1', 0)`
		])
			await db().query(sql);
		await expect(db().query(`UPDATE audit_log SET action = 'b'`)).rejects.toMatchObject({
			code: '23001',
			message: 'append-only table: audit_log'
		});
		await expect(db().query(`DELETE FROM audit_log`)).rejects.toMatchObject({
			code: '23001'
		});
		await expect(db().query(`TRUNCATE audit_log CASCADE`)).rejects.toMatchObject({
			code: '23001'
		});
		await db().query(
			`INSERT INTO tickets (community_id, ticket_no, year, seq, kind, source, reporter_name,
				reporter_phone, text, state, received_at, recorded_at, updated_at)
			 SELECT id, 'BS-1', 2026, 1, 'repair', 'counter', 'r', '1', 't', 'open', 0, 0, 0 FROM communities`
		);
		await expect(db().query(`DELETE FROM tickets`)).rejects.toMatchObject({
			message: 'tickets are never deleted'
		});
	});

	it('refuses to run a migration that changed after it was applied', async () => {
		await db().query(`UPDATE ${PG_MIGRATIONS_TABLE} SET sha256 = 'x' WHERE name = $1`, [
			'0000_baseline.sql'
		]);
		await expect(migratePg(db())).rejects.toThrow(/0000_baseline.sql changed/);
	});
});
