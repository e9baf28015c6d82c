/**
 * A database schema reduced to what must agree between the SQLite and the PostgreSQL migrations
 * (issue 22): tables and columns, indexes, foreign keys, triggers, views. Each side is read by its
 * own module (sqlite-shape.ts, pg-shape.ts) into this form; `compareShapes` lists the differences.
 */

/** Column types compared as families: PostgreSQL's bigint and SQLite's integer are one family. */
export type TypeFamily = 'integer' | 'boolean' | 'text' | 'real' | 'blob' | `other:${string}`;

export interface ColumnShape {
	type: TypeFamily;
	notNull: boolean;
	/** The default as a literal (`0`, `false`, `'{}'`), or null for none. */
	default: string | null;
}

export interface TableShape {
	columns: Record<string, ColumnShape>;
	primaryKey: string[];
	/** CHECK expressions, as PostgreSQL prints them (pg-shape.ts reads SQLite's through it). */
	checks: string[];
}

export interface IndexShape {
	table: string;
	columns: string[];
	unique: boolean;
	/** The partial index's condition, as PostgreSQL prints it; null for a full index. */
	where: string | null;
}

export interface SchemaShape {
	tables: Record<string, TableShape>;
	/** By name; a table's UNIQUE constraint has no name in SQLite, so both sides key it by its columns. */
	indexes: Record<string, IndexShape>;
	/** `payments(unit_id) → units(id) on delete no action on update no action` */
	foreignKeys: string[];
	/** `bills_no_update on bills: before update` */
	triggers: string[];
	views: string[];
}

/** The key of an unnamed UNIQUE constraint (both dialects name its index differently). */
export function uniqueKey(table: string, columns: readonly string[]): string {
	return `unique ${table}(${columns.join(', ')})`;
}

/** One foreign key as both readers print it. */
export function foreignKeyLine(
	table: string,
	from: readonly string[],
	target: string,
	to: readonly string[],
	onDelete: string,
	onUpdate: string
): string {
	return `${table}(${from.join(', ')}) → ${target}(${to.join(', ')}) on delete ${onDelete.toLowerCase()} on update ${onUpdate.toLowerCase()}`;
}

/** One trigger as both readers print it. */
export function triggerLine(name: string, table: string, timing: string, event: string): string {
	return `${name} on ${table}: ${timing.toLowerCase()} ${event.toLowerCase()}`;
}

/** A literal default in one spelling: PostgreSQL's casts dropped, a boolean's 0/1 as false/true. */
export function normaliseDefault(raw: string | null, type: TypeFamily): string | null {
	if (raw === null) return null;
	const bare = raw.replace(/::[a-z ]+$/i, '').trim();
	if (type === 'boolean') {
		if (bare === '0' || bare.toLowerCase() === 'false') return 'false';
		if (bare === '1' || bare.toLowerCase() === 'true') return 'true';
	}
	return bare;
}

/** What one side may have that the other lacks, with the reason kept next to it by the caller. */
export interface Allowances {
	/** Tables only PostgreSQL has (bookkeeping, the receipt counter). */
	pgOnlyTables: readonly string[];
	/** Triggers only PostgreSQL has, e.g. TRUNCATE guards SQLite has no statement for. */
	pgOnlyTrigger: (trigger: string) => boolean;
}

function sideBySide(
	what: string,
	sqlite: readonly string[],
	pg: readonly string[],
	out: string[],
	pgOnly: (name: string) => boolean = () => false
) {
	const inPg = new Set(pg);
	const inSqlite = new Set(sqlite);
	for (const s of [...inSqlite].sort()) if (!inPg.has(s)) out.push(`${what} only in SQLite: ${s}`);
	for (const p of [...inPg].sort())
		if (!inSqlite.has(p) && !pgOnly(p)) out.push(`${what} only in PostgreSQL: ${p}`);
}

function show(value: unknown): string {
	return JSON.stringify(value);
}

function compareTable(name: string, s: TableShape, p: TableShape, out: string[]) {
	sideBySide(
		'column',
		Object.keys(s.columns).map((c) => `${name}.${c}`),
		Object.keys(p.columns).map((c) => `${name}.${c}`),
		out
	);
	for (const [col, sc] of Object.entries(s.columns)) {
		const pc = p.columns[col];
		if (!pc) continue;
		for (const key of ['type', 'notNull', 'default'] as const)
			if (sc[key] !== pc[key])
				out.push(
					`column ${name}.${col}: ${key} is ${show(sc[key])} in SQLite, ${show(pc[key])} in PostgreSQL`
				);
	}
	if (s.primaryKey.join() !== p.primaryKey.join())
		out.push(
			`table ${name}: primary key (${s.primaryKey.join(', ')}) in SQLite, (${p.primaryKey.join(', ')}) in PostgreSQL`
		);
	sideBySide(
		'check',
		s.checks.map((c) => `${name}: ${c}`),
		p.checks.map((c) => `${name}: ${c}`),
		out
	);
}

/** Every difference between the two schemas, one readable line each; empty when they agree. */
export function compareShapes(sqlite: SchemaShape, pg: SchemaShape, allow: Allowances): string[] {
	const out: string[] = [];
	const pgOnlyTables = new Set(allow.pgOnlyTables);
	sideBySide('table', Object.keys(sqlite.tables), Object.keys(pg.tables), out, (t) =>
		pgOnlyTables.has(t)
	);
	for (const [name, s] of Object.entries(sqlite.tables)) {
		const p = pg.tables[name];
		if (p) compareTable(name, s, p, out);
	}
	const ofPgOnlyTable = (table: string) => pgOnlyTables.has(table);
	sideBySide('index', Object.keys(sqlite.indexes), Object.keys(pg.indexes), out, (i) =>
		ofPgOnlyTable(pg.indexes[i].table)
	);
	for (const [name, s] of Object.entries(sqlite.indexes)) {
		const p = pg.indexes[name];
		if (!p) continue;
		for (const key of ['table', 'columns', 'unique', 'where'] as const)
			if (show(s[key]) !== show(p[key]))
				out.push(
					`index ${name}: ${key} is ${show(s[key])} in SQLite, ${show(p[key])} in PostgreSQL`
				);
	}
	sideBySide('foreign key', sqlite.foreignKeys, pg.foreignKeys, out, (fk) =>
		ofPgOnlyTable(fk.slice(0, fk.indexOf('(')))
	);
	sideBySide('trigger', sqlite.triggers, pg.triggers, out, allow.pgOnlyTrigger);
	sideBySide('view', sqlite.views, pg.views, out);
	return out;
}
