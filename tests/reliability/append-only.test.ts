import { beforeAll, describe, expect, inject, test } from 'vitest';
import type Database from 'better-sqlite3';
import { openDb } from '../../src/lib/server/db/index';
import { APPEND_ONLY_TABLES } from '../../src/lib/server/db/append-only';
import { freshDb } from './lib/server';
import { onPg } from './lib/pg';

/*
 * Proof that the financial tables are insert-only: on a migrated copy of the demo database (with
 * rows in every one of them), every way of rewriting or removing a row is refused by SQLite itself.
 */

/** Tables that hold amounts but are workflow state, with the append-only table that books the money. */
const MONEY_TABLES_NOT_APPEND_ONLY: Record<string, string> = {
	waiver_requests:
		'the decision is also written to waiver_events and the waived amount to waiver_entries (both append-only)',
	paid_services:
		'the wall price list, edited in place (audited); a charge copies its price into charges and bills (both append-only)',
	open_bills:
		'an index of the bills that may still owe, kept by triggers (migrations 0024, 0026); its principal_fen is a copy of the insert-only bills row, ' +
		'its settled_fen, late_settled_fen and last_fee_fen the running sums of the insert-only ledger rows naming the bill'
};

let sqlite: Database.Database;

interface Col {
	name: string;
	type: string;
	notnull: number;
	dflt_value: unknown;
	pk: number;
}

const cols = (t: string) => sqlite.prepare(`SELECT * FROM pragma_table_info(?)`).all(t) as Col[];
const count = (t: string) =>
	(sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;

/** Inserts one plausible row into an empty table (parents first), so the proof has something to refuse on. */
function synthesise(table: string, seen = new Set<string>()): void {
	if (count(table) > 0 || seen.has(table)) return;
	seen.add(table);
	const fks = sqlite
		.prepare(`SELECT "from" AS col, "table" AS parent, "to" AS ref FROM pragma_foreign_key_list(?)`)
		.all(table) as { col: string; parent: string; ref: string | null }[];
	const values: Record<string, unknown> = {};
	for (const c of cols(table)) {
		if (c.pk && /INT/i.test(c.type)) continue;
		const fk = fks.find((f) => f.col === c.name);
		if (fk) {
			synthesise(fk.parent, seen);
			const ref = fk.ref ?? 'rowid';
			values[c.name] = (
				sqlite.prepare(`SELECT "${ref}" AS v FROM "${fk.parent}" LIMIT 1`).get() as { v: unknown }
			).v;
		} else if (c.notnull && c.dflt_value === null) {
			values[c.name] = /INT|REAL|NUM/i.test(c.type) ? 1 : `rel-${table}-${c.name}`;
		}
	}
	const names = Object.keys(values);
	sqlite
		.prepare(
			`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
		)
		.run(...names.map((n) => values[n]));
}

beforeAll(() => {
	const file = freshDb(inject('templateDb'), inject('workDir'), 'append-only');
	sqlite = openDb(file).$client;
	// Rows are inserted while the triggers are on: inserting is allowed, that is the point.
	for (const t of APPEND_ONLY_TABLES)
		if (sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t))
			synthesise(t);
});

// SQLite's triggers, read from sqlite_master; PostgreSQL's: src/lib/server/db/pg-triggers.test.ts.
describe.skipIf(onPg())('APPEND_ONLY_TABLES', () => {
	test('names only tables that exist (a typo would silently leave a table unprotected)', () => {
		const tables = new Set(
			(
				sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
					name: string;
				}[]
			).map((r) => r.name)
		);
		expect(APPEND_ONLY_TABLES.filter((t) => !tables.has(t))).toEqual([]);
	});

	test('covers every table that holds money (or says why not)', () => {
		const money = (
			sqlite
				.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
				.all() as { name: string }[]
		)
			.map((r) => r.name)
			.filter((t) => cols(t).some((c) => /_fen$/.test(c.name)));
		const list = new Set<string>(APPEND_ONLY_TABLES);
		expect(money.filter((t) => !list.has(t) && !(t in MONEY_TABLES_NOT_APPEND_ONLY))).toEqual([]);
	});
});

describe.skipIf(onPg()).each([...APPEND_ONLY_TABLES])('%s', (table) => {
	const refused = (sql: string, ...args: unknown[]) => {
		expect(() => sqlite.prepare(sql).run(...args), sql).toThrow(/append-only/);
	};
	const first = () =>
		sqlite.prepare(`SELECT rowid AS r, * FROM "${table}" ORDER BY rowid LIMIT 1`).get() as Record<
			string,
			unknown
		> & { r: number };

	test('has rows and both triggers', () => {
		expect(count(table)).toBeGreaterThan(0);
		const triggers = (
			sqlite
				.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`)
				.all(table) as { name: string }[]
		).map((r) => r.name);
		expect(triggers).toEqual(expect.arrayContaining([`${table}_no_update`, `${table}_no_delete`]));
	});

	test('UPDATE is refused, for one row, every column and all rows', () => {
		const row = first();
		const before = count(table);
		for (const c of cols(table)) {
			refused(`UPDATE "${table}" SET "${c.name}" = "${c.name}" WHERE rowid = ?`, row.r);
			// (SQLite itself refuses a NULL rowid before any trigger runs: any refusal will do there.)
			if (c.pk)
				expect(() =>
					sqlite.prepare(`UPDATE "${table}" SET "${c.name}" = NULL WHERE rowid = ?`).run(row.r)
				).toThrow();
			else refused(`UPDATE "${table}" SET "${c.name}" = NULL WHERE rowid = ?`, row.r);
		}
		refused(`UPDATE "${table}" SET rowid = rowid`);
		expect(first()).toEqual(row);
		expect(count(table)).toBe(before);
	});

	test('DELETE is refused, for one row and the whole table', () => {
		const before = count(table);
		refused(`DELETE FROM "${table}" WHERE rowid = ?`, first().r);
		refused(`DELETE FROM "${table}"`);
		expect(count(table)).toBe(before);
	});

	test('REPLACE and UPSERT (a delete or update in disguise) are refused', () => {
		const row = first();
		const names = cols(table).map((c) => c.name);
		const list = names.map((n) => `"${n}"`).join(', ');
		const marks = names.map(() => '?').join(', ');
		const values = names.map((n) => row[n]);
		refused(`INSERT OR REPLACE INTO "${table}" (${list}) VALUES (${marks})`, ...values);
		refused(`REPLACE INTO "${table}" (${list}) VALUES (${marks})`, ...values);
		// A new row that collides with the old one on a UNIQUE column only (e.g. a receipt number).
		const uniques = sqlite
			.prepare(
				`SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin = 'u' OR ("unique" = 1 AND origin = 'c')`
			)
			.all(table) as { name: string }[];
		for (const u of uniques) {
			const ucols = (
				sqlite.prepare(`SELECT name FROM pragma_index_info(?)`).all(u.name) as { name: string }[]
			).map((c) => c.name);
			if (ucols.some((n) => row[n] === null)) continue; // NULLs never collide: that would be a plain (allowed) insert
			const other = names.filter(
				(n) => !ucols.includes(n) && !cols(table).find((c) => c.name === n)?.pk
			);
			const ins = [...ucols, ...other];
			refused(
				`INSERT OR REPLACE INTO "${table}" (${ins.map((n) => `"${n}"`).join(', ')}) VALUES (${ins.map(() => '?').join(', ')})`,
				...ins.map((n) => row[n])
			);
		}
		const pk = cols(table).find((c) => c.pk);
		if (pk)
			refused(
				`INSERT INTO "${table}" (${list}) VALUES (${marks}) ON CONFLICT("${pk.name}") DO UPDATE SET "${pk.name}" = excluded."${pk.name}"`,
				...values
			);
		expect(first()).toEqual(row);
	});
});
