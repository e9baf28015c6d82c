import type Database from 'better-sqlite3';
import type pg from 'pg';
import { PG_MIGRATIONS_TABLE } from '../db/pg-migrate';
import { readSourceTables } from './source';
import {
	copyOrder,
	REBUILT_TABLES,
	rewriteRow,
	SKIPPED_TABLES,
	TRIGGER_FILLED_TABLES,
	type IdMaps,
	type SourceTable
} from './plan';
import { verifyMove, type MoveCheck } from './verify';

/** The move cannot start: nothing was written. */
export class MoveRefused extends Error {}

/** The copy did not match the file: rolled back, nothing was written. */
export class MoveVerificationFailed extends Error {
	constructor(readonly checks: MoveCheck[]) {
		super(
			`verification failed, rolled back:\n${checks
				.filter((c) => !c.ok)
				.map((c) => `  ✗ ${c.name}: file ${c.source}, PostgreSQL ${c.target}`)
				.join('\n')}`
		);
	}
}

export interface MoveOptions {
	/** Progress lines (table by table). */
	log?: (line: string) => void;
	/** Where the rows came from, for the record of the move in the audit log. */
	sourceName?: string;
	/** Runs after the copy and before verification, inside the transaction (tests break it here). */
	beforeVerify?: (client: pg.ClientBase, maps: IdMaps) => Promise<void>;
}

export interface MoveResult {
	communities: { code: string; oldId: number; newId: number }[];
	tables: { name: string; rows: number }[];
	checks: MoveCheck[];
	/** Ids held outside foreign keys that were kept as they were, and rights not carried over. */
	left: string[];
}

// Multi-row INSERTs stay under PostgreSQL's 65 535 parameters.
const MAX_PARAMS = 30_000;

/**
 * Copies every community of the SQLite file `sqlite` into the PostgreSQL database behind `client`
 * (migrated with drizzle-pg/) in one transaction: new ids from PostgreSQL's sequences, every id
 * rewritten through the old → new maps, codes kept. Verifies counts, ledger balances, receipt
 * numbers and the trigger-kept tables before COMMIT, and rolls back on any difference. Refuses when
 * a code or username of the file is already in the database (which is also a second run).
 */
export async function moveToPostgres(
	sqlite: Database.Database,
	client: pg.ClientBase,
	opts: MoveOptions = {}
): Promise<MoveResult> {
	const log = opts.log ?? (() => {});
	const tables = readSourceTables(sqlite);
	const byName = new Map(tables.map((t) => [t.name, t]));
	const targetTypes = await targetColumns(client);
	checkSchemas(tables, targetTypes);

	await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
	try {
		// One move (or community creation) at a time: the code check below must stay true to COMMIT.
		await client.query('LOCK TABLE communities IN SHARE ROW EXCLUSIVE MODE');
		await refuseExisting(sqlite, client);

		const order = copyOrder(tables);
		const counted = [...order, ...TRIGGER_FILLED_TABLES];
		const before = new Map<string, number>();
		for (const name of counted) before.set(name, await countRows(client, name));

		const maps: IdMaps = new Map();
		const left: string[] = [];
		const ctx: CopyContext = { sqlite, client, maps, types: targetTypes, left };
		const copied: MoveResult['tables'] = [];
		for (const name of order) {
			const t = byName.get(name) as SourceTable;
			const rows = (REBUILT_TABLES as readonly string[]).includes(name)
				? await rebuild(ctx, t)
				: await copyTable(ctx, t);
			copied.push({ name, rows });
			log(`${name}: ${rows}`);
		}

		const communities = sqlite
			.prepare(`SELECT id, code, settings_version FROM communities ORDER BY id`)
			.all() as { id: number; code: string; settings_version: number }[];
		for (const c of communities) {
			// Copying setting_changes bumped it once per row; the cache only needs it to move on.
			await client.query(`UPDATE communities SET settings_version = $1 WHERE id = $2`, [
				c.settings_version,
				maps.get('communities')!.get(c.id)
			]);
		}
		await setReceiptCounters(sqlite, client, maps);

		await opts.beforeVerify?.(client, maps);
		const checks = await verifyMove(sqlite, client, {
			tables: counted,
			before,
			codes: communities.map((c) => c.code),
			maps,
			byName
		});
		for (const c of checks) log(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.source} = ${c.target}`);
		if (checks.some((c) => !c.ok)) throw new MoveVerificationFailed(checks);

		const moved = communities.map((c) => ({
			code: c.code,
			oldId: c.id,
			newId: maps.get('communities')!.get(c.id)!
		}));
		for (const c of moved)
			await client.query(
				`INSERT INTO audit_log (community_id, actor_id, actor_kind, action, target_type, target_id, detail, at)
				 VALUES ($1, NULL, 'system', 'community.moved_in', 'community', $2, $3, $4)`,
				[
					c.newId,
					String(c.newId),
					JSON.stringify({ from: opts.sourceName ?? '', oldId: c.oldId, tables: copied }),
					Date.now()
				]
			);
		await client.query('COMMIT');
		return { communities: moved, tables: copied, checks, left };
	} catch (e) {
		await client.query('ROLLBACK');
		throw e;
	}
}

/** table → column → is boolean, for the current schema of PostgreSQL. */
async function targetColumns(client: pg.ClientBase): Promise<Map<string, Map<string, boolean>>> {
	const { rows } = await client.query<{ table: string; column: string; type: string }>(
		`SELECT table_name AS table, column_name AS column, data_type AS type
		 FROM information_schema.columns WHERE table_schema = current_schema()`
	);
	const out = new Map<string, Map<string, boolean>>();
	for (const r of rows) {
		if (!out.has(r.table)) out.set(r.table, new Map());
		out.get(r.table)!.set(r.column, r.type === 'boolean');
	}
	return out;
}

function checkSchemas(tables: SourceTable[], target: Map<string, Map<string, boolean>>) {
	if (!target.has(PG_MIGRATIONS_TABLE))
		throw new MoveRefused(
			'the PostgreSQL database has no schema yet: run `npm run pg:migrate -- postgres://…` first'
		);
	const missing: string[] = [];
	for (const t of tables) {
		if (t.name in SKIPPED_TABLES) continue;
		const cols = target.get(t.name);
		if (!cols) missing.push(`table ${t.name}`);
		else for (const c of t.columns) if (!cols.has(c)) missing.push(`column ${t.name}.${c}`);
	}
	if (missing.length)
		throw new MoveRefused(
			`the PostgreSQL schema lacks ${missing.join(', ')}: migrate it (npm run pg:migrate) to the version of the file`
		);
}

async function refuseExisting(sqlite: Database.Database, client: pg.ClientBase) {
	const codes = (sqlite.prepare(`SELECT code FROM communities`).all() as { code: string }[]).map(
		(r) => r.code
	);
	const taken = await client.query<{ code: string }>(
		`SELECT code FROM communities WHERE code = ANY($1) ORDER BY code`,
		[codes]
	);
	if (taken.rows.length)
		throw new MoveRefused(
			`community ${taken.rows.map((r) => r.code).join(', ')} is already in the PostgreSQL database (moved before?): nothing was copied`
		);
	const names = (
		sqlite.prepare(`SELECT username FROM staff_users`).all() as { username: string }[]
	).map((r) => r.username);
	const clash = await client.query<{ username: string }>(
		`SELECT username FROM staff_users WHERE username = ANY($1) ORDER BY username`,
		[names]
	);
	if (clash.rows.length)
		throw new MoveRefused(
			`usernames ${clash.rows.map((r) => r.username).join(', ')} are already taken in the PostgreSQL database: rename them in the file first; nothing was copied`
		);
}

async function countRows(client: pg.ClientBase, table: string): Promise<number> {
	const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`);
	return Number(rows[0].n);
}

function pgValue(v: unknown, isBoolean: boolean | undefined): unknown {
	if (v === null || v === undefined) return null;
	if (isBoolean) return v !== 0 && v !== false;
	if (typeof v === 'bigint') return v.toString();
	return v;
}

async function insertRows(
	client: pg.ClientBase,
	table: string,
	columns: string[],
	rows: Record<string, unknown>[],
	types: Map<string, boolean>
) {
	const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
	for (let i = 0; i < rows.length; i += per) {
		const chunk = rows.slice(i, i + per);
		const params: unknown[] = [];
		const values = chunk.map(
			(r) =>
				`(${columns
					.map((c) => {
						params.push(pgValue(r[c], types.get(c)));
						return `$${params.length}`;
					})
					.join(', ')})`
		);
		await client.query(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
			params
		);
	}
}

/** What copying a table needs: both databases, the id maps so far, PostgreSQL's column types. */
interface CopyContext {
	sqlite: Database.Database;
	client: pg.ClientBase;
	maps: IdMaps;
	types: Map<string, Map<string, boolean>>;
	/** Ids outside foreign keys kept as they were (see rewriteRow). */
	left: string[];
}

/** Copies one table; its rows get ids from its PostgreSQL sequence, in the file's id order. */
async function copyTable(ctx: CopyContext, t: SourceTable): Promise<number> {
	const { sqlite, client, maps } = ctx;
	const rows = sqlite
		.prepare(`SELECT * FROM ${t.name} ORDER BY ${t.hasId ? 'id' : 'rowid'}`)
		.all() as Record<string, unknown>[];
	if (t.hasId) {
		const { rows: ids } = await client.query<{ id: string }>(
			`SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2) ORDER BY 1`,
			[t.name, rows.length]
		);
		// Filled before the rows are rewritten: a row may point at an earlier row of its own table.
		maps.set(t.name, new Map(rows.map((r, i) => [Number(r.id), Number(ids[i].id)])));
	}
	const map = maps.get(t.name);
	const out = rows.map((r) => {
		const row = rewriteRow(t, r, maps, ctx.left);
		if (map) row.id = map.get(Number(r.id));
		return row;
	});
	await insertRows(client, t.name, t.columns, out, ctx.types.get(t.name)!);
	return rows.length;
}

/**
 * open_bills after the ledger's triggers ran in table order: the moved communities' rows are
 * replaced by the file's (it is a trigger-kept table, not an insert-only one).
 */
async function rebuild(ctx: CopyContext, t: SourceTable): Promise<number> {
	await ctx.client.query(`DELETE FROM ${t.name} WHERE community_id = ANY($1)`, [
		[...ctx.maps.get('communities')!.values()]
	]);
	return copyTable(ctx, t);
}

/** receipt_counters (PostgreSQL only): each community and year at the file's highest number. */
async function setReceiptCounters(sqlite: Database.Database, client: pg.ClientBase, maps: IdMaps) {
	const rows = sqlite
		.prepare(
			`SELECT community_id, receipt_year AS year, MAX(receipt_seq) AS seq FROM payments GROUP BY 1, 2`
		)
		.all() as { community_id: number; year: number; seq: number }[];
	for (const r of rows)
		await client.query(
			`INSERT INTO receipt_counters (community_id, year, last_seq) VALUES ($1, $2, $3)`,
			[maps.get('communities')!.get(r.community_id), r.year, r.seq]
		);
}
