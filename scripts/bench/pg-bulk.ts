/**
 * A table-for-table copy of a generated SQLite data set into an empty, migrated PostgreSQL
 * database, ids kept, for the company data set (≈ 12 M bills): `move-to-postgres` gives every row
 * a new id through the triggers and verifies it all, which is right for a real centre and hours
 * at that size. Here the derived tables (open_bills, principal_postings) are copied as they are,
 * with triggers off (`session_replication_role = replica`: the owner's URL the bench is given),
 * in batches of one INSERT … SELECT FROM unnest(…) each.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { readSourceTables } from '../../src/lib/server/move/source.ts';
import { SKIPPED_TABLES } from '../../src/lib/server/move/plan.ts';

const BATCH = 20_000;

/** Copies every table of `sqlite` (but the skipped ones) into `client`'s database, in one transaction. */
export async function bulkCopy(
	sqlite: Database.Database,
	client: pg.ClientBase,
	log: (line: string) => void
): Promise<void> {
	const { rows: columns } = await client.query<{ table: string; column: string; udt: string }>(
		`SELECT table_name AS table, column_name AS column, udt_name AS udt
		 FROM information_schema.columns WHERE table_schema = 'public'`
	);
	const typeOf = new Map(columns.map((c) => [`${c.table}.${c.column}`, c.udt]));
	await client.query('BEGIN');
	try {
		await client.query('SET LOCAL session_replication_role = replica');
		for (const t of readSourceTables(sqlite)) {
			if (t.name in SKIPPED_TABLES) continue;
			const started = performance.now();
			const types = t.columns.map((c) => {
				const udt = typeOf.get(`${t.name}.${c}`);
				if (!udt) throw new Error(`${t.name}.${c} has no column in PostgreSQL`);
				return udt;
			});
			const insert = `INSERT INTO ${t.name} (${t.columns.join(', ')}) SELECT * FROM unnest(${types
				.map((udt, i) => `$${i + 1}::${udt}[]`)
				.join(', ')})`;
			// SQLite keeps booleans as 0/1.
			const bools = types.map((udt) => udt === 'bool');
			let batch: unknown[][] = t.columns.map(() => []);
			let n = 0;
			const flush = async () => {
				if (batch[0].length) await client.query(insert, batch);
				batch = t.columns.map(() => []);
			};
			const select = sqlite.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.name}`).raw();
			for (const row of select.iterate() as IterableIterator<unknown[]>) {
				for (let i = 0; i < row.length; i++)
					batch[i].push(bools[i] && row[i] !== null ? row[i] === 1 : row[i]);
				if (++n % BATCH === 0) await flush();
			}
			await flush();
			if (t.hasId && n > 0)
				await client.query(
					`SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), (SELECT max(id) FROM ${t.name}))`
				);
			if (n >= 100_000)
				log(
					`  ${t.name}: ${n.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`
				);
		}
		// What move-to-postgres sets for a centre moved in: each year's last receipt number.
		await client.query(
			`INSERT INTO receipt_counters (community_id, year, last_seq)
			 SELECT community_id, receipt_year, max(receipt_seq) FROM payments GROUP BY community_id, receipt_year
			 ON CONFLICT DO NOTHING`
		);
		await client.query('COMMIT');
	} catch (e) {
		await client.query('ROLLBACK');
		throw e;
	}
}
