import type pg from 'pg';
import {
	foreignKeyLine,
	normaliseDefault,
	triggerLine,
	uniqueKey,
	type SchemaShape,
	type TableShape,
	type TypeFamily
} from './schema-shape';

/** The shape of the PostgreSQL database behind `client` (its current schema only). */
export async function pgShape(client: pg.ClientBase): Promise<SchemaShape> {
	return {
		tables: await tables(client),
		indexes: await indexes(client),
		foreignKeys: await foreignKeys(client),
		triggers: await triggers(client),
		views: (
			await client.query<{ name: string }>(
				`SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema()`
			)
		).rows.map((r) => r.name)
	};
}

function family(typname: string): TypeFamily {
	if (['int2', 'int4', 'int8'].includes(typname)) return 'integer';
	if (typname === 'bool') return 'boolean';
	if (['text', 'varchar', 'bpchar'].includes(typname)) return 'text';
	if (['float4', 'float8', 'numeric'].includes(typname)) return 'real';
	if (typname === 'bytea') return 'blob';
	return `other:${typname}`;
}

// The current schema's tables; every query below is limited to them through this.
const OWN_TABLES = `SELECT c.oid FROM pg_class c
	WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')`;

async function tables(client: pg.ClientBase): Promise<Record<string, TableShape>> {
	const out: Record<string, TableShape> = {};
	const cols = await client.query<{
		table: string;
		name: string;
		typname: string;
		notnull: boolean;
		dflt: string | null;
	}>(
		`SELECT c.relname AS table, a.attname AS name, t.typname, a.attnotnull AS notnull,
			pg_get_expr(d.adbin, d.adrelid) AS dflt
		 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
		 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		 WHERE a.attrelid IN (${OWN_TABLES}) AND a.attnum > 0 AND NOT a.attisdropped
		 ORDER BY c.relname, a.attnum`
	);
	for (const c of cols.rows) {
		out[c.table] ??= { columns: {}, primaryKey: [], checks: [] };
		const type = family(c.typname);
		out[c.table].columns[c.name] = {
			type,
			notNull: c.notnull,
			default: normaliseDefault(c.dflt, type)
		};
	}
	const keys = await client.query<{ table: string; columns: string[] }>(
		`SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.n) AS columns
		 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
		 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
		 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
		 WHERE i.indisprimary AND i.indrelid IN (${OWN_TABLES})
		 GROUP BY c.relname`
	);
	for (const k of keys.rows) out[k.table].primaryKey = k.columns;
	const checks = await client.query<{ table: string; def: string }>(
		`SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def
		 FROM pg_constraint WHERE contype = 'c' AND conrelid IN (${OWN_TABLES})`
	);
	for (const c of checks.rows) out[c.table].checks.push(checkExpression(c.def));
	return out;
}

/** `CHECK ((a > 0)) NOT VALID` → `((a > 0))`, as pg_get_constraintdef prints every CHECK. */
function checkExpression(def: string): string {
	return def.replace(/^CHECK\s*/, '').replace(/\s+NOT VALID$/, '');
}

async function indexes(client: pg.ClientBase): Promise<SchemaShape['indexes']> {
	const { rows } = await client.query<{
		name: string;
		table: string;
		columns: string[];
		unique: boolean;
		constraint: boolean;
		where: string | null;
	}>(
		`SELECT ic.relname AS name, tc.relname AS table, i.indisunique AS unique,
			EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype = 'u') AS constraint,
			pg_get_expr(i.indpred, i.indrelid) AS where,
			(SELECT array_agg(coalesce(a.attname::text, '<expression>')
				|| CASE WHEN i.indoption[k.n - 1] & 1 = 1 THEN ' desc' ELSE '' END ORDER BY k.n)
			 FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
			 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
			 WHERE k.n <= i.indnkeyatts) AS columns
		 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
		 WHERE NOT i.indisprimary AND i.indrelid IN (${OWN_TABLES})`
	);
	const out: SchemaShape['indexes'] = {};
	for (const r of rows)
		out[r.constraint ? uniqueKey(r.table, r.columns) : r.name] = {
			table: r.table,
			columns: r.columns,
			unique: r.unique,
			where: r.where
		};
	return out;
}

const FK_ACTIONS: Record<string, string> = {
	a: 'no action',
	r: 'restrict',
	c: 'cascade',
	n: 'set null',
	d: 'set default'
};

async function foreignKeys(client: pg.ClientBase): Promise<string[]> {
	const { rows } = await client.query<{
		table: string;
		from: string[];
		target: string;
		to: string[];
		del: string;
		upd: string;
	}>(
		`SELECT k.conrelid::regclass::text AS table, k.confrelid::regclass::text AS target,
			k.confdeltype AS del, k.confupdtype AS upd,
			(SELECT array_agg(a.attname::text ORDER BY n) FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, n)
			 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) AS from,
			(SELECT array_agg(a.attname::text ORDER BY n) FROM unnest(k.confkey) WITH ORDINALITY AS x(attnum, n)
			 JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.attnum) AS to
		 FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid IN (${OWN_TABLES})`
	);
	return rows.map((r) =>
		foreignKeyLine(r.table, r.from, r.target, r.to, FK_ACTIONS[r.del], FK_ACTIONS[r.upd])
	);
}

// pg_trigger.tgtype's bits (src/include/catalog/pg_trigger.h).
const TIMING_BEFORE = 1 << 1;
const TIMING_INSTEAD = 1 << 6;
const EVENTS: [number, string][] = [
	[1 << 2, 'insert'],
	[1 << 3, 'delete'],
	[1 << 4, 'update'],
	[1 << 5, 'truncate']
];

async function triggers(client: pg.ClientBase): Promise<string[]> {
	const { rows } = await client.query<{ name: string; table: string; type: number }>(
		`SELECT t.tgname AS name, c.relname AS table, t.tgtype AS type
		 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		 WHERE NOT t.tgisinternal AND t.tgrelid IN (${OWN_TABLES})`
	);
	return rows.flatMap((r) => {
		const timing =
			r.type & TIMING_INSTEAD ? 'instead of' : r.type & TIMING_BEFORE ? 'before' : 'after';
		// One line per event, as SQLite has one trigger per event.
		return EVENTS.filter(([bit]) => r.type & bit).map(([, event]) =>
			triggerLine(r.name, r.table, timing, event)
		);
	});
}

/**
 * SQLite's partial-index conditions and CHECKs in PostgreSQL's spelling: each is put on its
 * table in PostgreSQL (in a transaction rolled back) and read back, so both sides are printed by
 * the same deparser and `x IN ('a')` meets `(x = ANY (ARRAY['a'::text]))`. A boolean column's
 * `= 0`/`= 1` becomes `= false`/`= true`. One PostgreSQL cannot read is kept, marked, so the
 * comparison shows it.
 */
export async function printedByPg(
	client: pg.ClientBase,
	sqlite: SchemaShape
): Promise<SchemaShape> {
	const out: SchemaShape = structuredClone(sqlite);
	await client.query('BEGIN');
	try {
		for (const index of Object.values(out.indexes)) {
			if (index.where === null) continue;
			const where = pgBooleans(index.where, out.tables[index.table]);
			index.where = await reprint(
				client,
				`CREATE INDEX pg_shape_probe ON ${index.table} (${index.columns[0]}) WHERE ${where}`,
				`SELECT pg_get_expr(indpred, indrelid) AS expr FROM pg_index
				 WHERE indexrelid = 'pg_shape_probe'::regclass`,
				where
			);
		}
		for (const [name, table] of Object.entries(out.tables))
			for (let i = 0; i < table.checks.length; i++) {
				const check = pgBooleans(table.checks[i], table);
				table.checks[i] = await reprint(
					client,
					`ALTER TABLE ${name} ADD CONSTRAINT pg_shape_probe CHECK ${check} NOT VALID`,
					`SELECT pg_get_constraintdef(oid) AS expr FROM pg_constraint
					 WHERE conname = 'pg_shape_probe' AND conrelid = '${name}'::regclass`,
					check
				).then((expr) => checkExpression(expr));
			}
	} finally {
		await client.query('ROLLBACK');
	}
	return out;
}

async function reprint(
	client: pg.ClientBase,
	create: string,
	read: string,
	original: string
): Promise<string> {
	await client.query('SAVEPOINT probe');
	try {
		await client.query(create);
		const { rows } = await client.query<{ expr: string }>(read);
		return rows[0].expr;
	} catch (e) {
		return `unreadable by PostgreSQL (${(e as Error).message}): ${original}`;
	} finally {
		await client.query('ROLLBACK TO SAVEPOINT probe');
	}
}

function pgBooleans(sql: string, table: TableShape | undefined): string {
	let out = sql.replace(/`/g, '"');
	for (const [col, c] of Object.entries(table?.columns ?? {}))
		if (c.type === 'boolean')
			out = out.replace(
				new RegExp(`("?${col}"?\\s*=\\s*)([01])\\b`, 'g'),
				(_m, lhs: string, v: string) => lhs + (v === '1' ? 'true' : 'false')
			);
	return out;
}
