import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import {
	foreignKeyLine,
	normaliseDefault,
	triggerLine,
	uniqueKey,
	type IndexShape,
	type SchemaShape,
	type TableShape,
	type TypeFamily
} from './schema-shape';

/**
 * The shape of a migrated SQLite database. Partial-index conditions and CHECKs come out as SQLite
 * wrote them; pg-shape.ts's `printedByPg` turns them into PostgreSQL's spelling before comparing.
 */
export function sqliteShape(sqlite: Database.Database): SchemaShape {
	const booleans = booleanColumns();
	const shape: SchemaShape = { tables: {}, indexes: {}, foreignKeys: [], triggers: [], views: [] };
	const objects = sqlite
		.prepare(
			`SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master
			 WHERE name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'`
		)
		.all() as { type: string; name: string; tableName: string; sql: string }[];
	for (const o of objects) {
		if (o.type === 'table') {
			shape.tables[o.name] = table(sqlite, o.name, o.sql, booleans.get(o.name));
			indexes(sqlite, o.name, shape.indexes);
			shape.foreignKeys.push(...foreignKeys(sqlite, o.name));
		} else if (o.type === 'trigger') shape.triggers.push(trigger(o.sql, o.name, o.tableName));
		else if (o.type === 'view') shape.views.push(o.name);
	}
	return shape;
}

/** drizzle's boolean columns: SQLite stores them as integers, PostgreSQL as boolean. */
function booleanColumns(): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const value of Object.values(schema)) {
		if (!is(value, SQLiteTable)) continue;
		const config = getTableConfig(value);
		out.set(
			config.name,
			new Set(config.columns.filter((c) => c.columnType === 'SQLiteBoolean').map((c) => c.name))
		);
	}
	return out;
}

function family(declared: string, isBoolean: boolean): TypeFamily {
	const t = declared.toLowerCase();
	if (t === 'integer') return isBoolean ? 'boolean' : 'integer';
	if (t === 'text' || t === 'real' || t === 'blob') return t;
	return `other:${t}`;
}

function table(
	sqlite: Database.Database,
	name: string,
	sql: string,
	booleans = new Set<string>()
): TableShape {
	const cols = sqlite.prepare(`PRAGMA table_info(${name})`).all() as {
		name: string;
		type: string;
		notnull: number;
		dflt_value: string | null;
		pk: number;
	}[];
	const shape: TableShape = {
		columns: {},
		primaryKey: cols
			.filter((c) => c.pk > 0)
			.sort((a, b) => a.pk - b.pk)
			.map((c) => c.name),
		checks: [...sql.matchAll(/\bCHECK\s*(\((?:[^()]|\([^()]*\))*\))/gi)].map((m) => m[1])
	};
	for (const c of cols) {
		const type = family(c.type, booleans.has(c.name));
		// A primary key is never null, whether or not SQLite's table says so.
		shape.columns[c.name] = {
			type,
			notNull: c.notnull === 1 || c.pk > 0,
			default: normaliseDefault(c.dflt_value, type)
		};
	}
	return shape;
}

function indexes(sqlite: Database.Database, table: string, into: Record<string, IndexShape>) {
	const list = sqlite.prepare(`PRAGMA index_list(${table})`).all() as {
		name: string;
		unique: number;
		origin: 'c' | 'u' | 'pk';
		partial: number;
	}[];
	for (const i of list) {
		if (i.origin === 'pk') continue;
		const columns = (
			sqlite.prepare(`PRAGMA index_xinfo(${i.name})`).all() as {
				name: string | null;
				desc: number;
				key: number;
			}[]
		)
			.filter((c) => c.key === 1)
			.map((c) => (c.name ?? '<expression>') + (c.desc ? ' desc' : ''));
		const sql = i.partial
			? (sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(i.name) as {
					sql: string;
				})
			: null;
		const shape: IndexShape = {
			table,
			columns,
			unique: i.unique === 1,
			where: sql ? sql.sql.slice(sql.sql.search(/\sWHERE\s/i) + 1).replace(/^WHERE\s+/i, '') : null
		};
		into[i.origin === 'u' ? uniqueKey(table, columns) : i.name] = shape;
	}
}

function foreignKeys(sqlite: Database.Database, table: string): string[] {
	const rows = sqlite.prepare(`PRAGMA foreign_key_list(${table})`).all() as {
		id: number;
		seq: number;
		table: string;
		from: string;
		to: string | null;
		on_update: string;
		on_delete: string;
	}[];
	const byId = new Map<number, typeof rows>();
	for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
	return [...byId.values()].map((parts) => {
		parts.sort((a, b) => a.seq - b.seq);
		const { table: target, on_delete, on_update } = parts[0];
		// `REFERENCES t` without columns means t's primary key.
		const to = parts.some((p) => p.to === null)
			? (sqlite.prepare(`PRAGMA table_info(${target})`).all() as { name: string; pk: number }[])
					.filter((c) => c.pk > 0)
					.sort((a, b) => a.pk - b.pk)
					.map((c) => c.name)
			: parts.map((p) => p.to as string);
		return foreignKeyLine(
			table,
			parts.map((p) => p.from),
			target,
			to,
			on_delete,
			on_update
		);
	});
}

function trigger(sql: string, name: string, table: string): string {
	const m =
		/\b(BEFORE|AFTER|INSTEAD\s+OF)?\s*(INSERT|UPDATE|DELETE)\b(?:\s+OF\s+[^]*?)?\s+ON\s/i.exec(sql);
	// SQLite's default timing is BEFORE.
	return triggerLine(
		name,
		table,
		(m?.[1] ?? 'before').replace(/\s+/, ' '),
		m?.[2] ?? 'unknown event'
	);
}
