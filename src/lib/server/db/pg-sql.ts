/**
 * The app's SQL, written for SQLite (by drizzle's sqlite-core builder or by hand in an area's
 * `sql.ts`), as PostgreSQL runs it: one source of queries for both databases. Only what has no
 * spelling both accept is rewritten here; everything else is written portably at its source
 * (`CASE` instead of two-argument `MAX`, `RETURNING id` instead of `lastInsertRowid`, `flag` and
 * `NOT flag` instead of `= 1` / `= 0`). String literals, quoted names and comments are never
 * touched.
 */

export interface PgSql {
	text: string;
	/** For `@name` / `:name` parameters: the name of `$1`, `$2`, …; empty for `?` parameters. */
	names: string[];
	/** How many `$n` the text has. */
	count: number;
}

type Part = { code: boolean; text: string };

/** Splits SQL into code and the parts never rewritten: '…' literals, "…" names, -- comments. */
function split(sql: string): Part[] {
	const parts: Part[] = [];
	let code = '';
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		const end =
			c === "'" || c === '"'
				? closing(sql, i, c)
				: c === '-' && sql[i + 1] === '-'
					? lineEnd(sql, i)
					: -1;
		if (end < 0) {
			code += c;
			i++;
			continue;
		}
		if (code) parts.push({ code: true, text: code });
		code = '';
		parts.push({ code: false, text: sql.slice(i, end) });
		i = end;
	}
	if (code) parts.push({ code: true, text: code });
	return parts;
}

/** The index after a quoted part opened at `i` (a doubled quote stays inside). */
function closing(sql: string, i: number, q: string): number {
	let j = i + 1;
	for (;;) {
		const k = sql.indexOf(q, j);
		if (k < 0) return sql.length;
		if (sql[k + 1] === q) j = k + 2;
		else return k + 1;
	}
}

function lineEnd(sql: string, i: number): number {
	const k = sql.indexOf('\n', i);
	return k < 0 ? sql.length : k;
}

// `?`, or `@name` / `:name` (not the `::` of a cast).
const PARAM = /\?|(?<![:\w])[@:]([A-Za-z_]\w*)/g;
// A bare camelCase name can only be an alias (the tables' columns are snake_case), and PostgreSQL
// folds bare names to lower case: quoted, `AS unitId` keeps its case as SQLite does.
const CAMEL = /(?<![\w$"])([a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*)(?![\w"])/g;

const REWRITES: [RegExp, string][] = [
	// A JSON array parameter as a list of ids (bigint), or of text when the source casts it. As an
	// array (`= ANY`), so the planner knows its size and probes an index; a set-returning function
	// counts as 100 rows and turns the probe into a scan of the table.
	[
		/\bIN\s*\(\s*SELECT\s+CAST\(value AS TEXT\)\s+FROM\s+json_each\((\$\d+)\)\s*\)/gi,
		'= ANY(ARRAY(SELECT json_array_elements_text($1::json)))'
	],
	[
		/\bIN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\((\$\d+)\)\s*\)/gi,
		'= ANY(ARRAY(SELECT CAST(json_array_elements_text($1::json) AS bigint)))'
	],
	// SQLite's planner hints: CROSS JOIN fixes the join order (PostgreSQL: a plain join with ON),
	// a unary + on a column keeps an index out.
	[/\bCROSS JOIN(\s+\w+\s+\w+\s+ON)\b/gi, 'JOIN$1'],
	[/(^|[\s(,=])\+(?=[a-z_]+\.[a-z_])/gi, '$1'],
	// REAL is a double in SQLite.
	// SQLite's two-argument max, as the floor of a balance: MAX(0, x). An aggregate MAX never
	// starts with the literal 0.
	[/\bMAX\(0, /g, 'GREATEST(0, '],
	[/\bAS\s+REAL\)/gi, 'AS double precision)'],
	// string_agg takes text and always a separator (SQLite's default: a comma).
	[/\bgroup_concat\(([\w.]+)\)/gi, "string_agg(CAST($1 AS TEXT), ',')"],
	[/\bgroup_concat\(([\w.]+),/gi, 'string_agg(CAST($1 AS TEXT),'],
	// SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's does not.
	[/\bLIKE\b/gi, 'ILIKE']
];

// Rewrites that span a quoted part, so they run on the whole text; each matches one exact form.
const WHOLE_REWRITES: [RegExp, (...m: string[]) => string][] = [
	// drizzle's SQLite builder qualifies the conflict target's columns; PostgreSQL wants them bare.
	[/\bon conflict \(([^)]*)\)/g, (_m, cols) => `on conflict (${cols.replace(/"\w+"\./g, '')})`],
	// SQLite reads a code's leading digits as its number ('12A' → 12, 'A' → 0) where PostgreSQL
	// refuses the cast: the natural order of building and room codes. INTEGER is 64-bit in SQLite.
	[
		/\bCAST\(((?:"?\w+"?\.)?"?\w+"?) AS INTEGER\)/gi,
		(_m, ref) =>
			`COALESCE(CAST(substring(CAST(${ref} AS TEXT) from '^\\s*[-+]?[0-9]+') AS bigint), 0)`
	],
	[/\bAS\s+INTEGER\)/gi, () => 'AS bigint)'],
	// SQLite's JSON path argument (`'$.key'`, one level) as PostgreSQL's `->` on the text cast.
	[
		/\bjson_array_length\((\w+), '\$\.(\w+)'\)/g,
		(_m, col, key) => `json_array_length((${col})::json -> '${key}')`
	]
];

/** What the translation needs to know of the schema. */
export interface PgSchemaFacts {
	/** Names of the boolean columns (0/1 integers in SQLite, `boolean` in PostgreSQL). */
	booleans: ReadonlySet<string>;
	/** Tables with an `id` column: an insert into one answers it, as SQLite's last rowid. */
	withId: ReadonlySet<string>;
}

const NO_FACTS: PgSchemaFacts = { booleans: new Set(), withId: new Set() };

/** Translates one statement; cached by the caller (a prepared statement keeps its text). */
export function toPgSql(sql: string, facts: PgSchemaFacts = NO_FACTS): PgSql {
	const parts = split(sql);
	const names: string[] = [];
	let count = 0;
	let out = parts
		.map((p) => {
			if (!p.code) return p.text;
			let t = p.text.replace(PARAM, (_m, name: string | undefined) => {
				if (name === undefined) return `$${++count}`;
				let k = names.indexOf(name);
				if (k < 0) {
					names.push(name);
					k = names.length - 1;
					count = names.length;
				}
				return `$${k + 1}`;
			});
			for (const [re, to] of REWRITES) t = t.replace(re, to);
			return t.replace(CAMEL, '"$1"');
		})
		.join('');
	for (const [re, to] of WHOLE_REWRITES) out = out.replace(re, to);
	out = booleanLiterals(out, facts.booleans);
	out = insertDefaults(out);
	out = returningId(out, facts.withId);
	return { text: out, names, count };
}

/**
 * `flag = 0` / `flag = 1` on a boolean column as `flag = FALSE` / `TRUE`: SQLite matches a partial
 * index only on the very expression it was made with (`WHERE late_fee_applies = 0`), so the
 * source keeps SQLite's form and PostgreSQL, which has no boolean = integer, gets its own.
 */
function booleanLiterals(sql: string, booleans: ReadonlySet<string>): string {
	if (!booleans.size) return sql;
	return sql.replace(
		/("?)\b([a-z_]+)\1(\s*(?:=|<>|!=)\s*)([01])\b/g,
		(m, q: string, name: string, op: string, v: string) =>
			booleans.has(name) ? `${q}${name}${q}${op}${v === '1' ? 'TRUE' : 'FALSE'}` : m
	);
}

/**
 * An insert without RETURNING into a table with an id answers the id: better-sqlite3's
 * `lastInsertRowid`, which callers read after `run()`.
 */
function returningId(sql: string, withId: ReadonlySet<string>): string {
	const m = /^\s*insert into "?(\w+)"?/i.exec(sql);
	if (!m || !withId.has(m[1]) || /\breturning\b/i.test(sql)) return sql;
	return `${sql.replace(/;?\s*$/, '')} RETURNING id`;
}

/**
 * drizzle's SQLite inserts give a column without a value a literal `null` (SQLite has no DEFAULT
 * in VALUES, and a null id is its way to a new rowid). PostgreSQL refuses a null identity column:
 * there it is DEFAULT, which is the same value for every other column drizzle leaves out.
 */
function insertDefaults(sql: string): string {
	if (!/^\s*insert into /.test(sql)) return sql;
	const at = sql.indexOf(' values (');
	if (at < 0) return sql;
	const tail = sql.slice(at);
	const stop = tail.search(/ on conflict | returning /);
	const values = stop < 0 ? tail : tail.slice(0, stop);
	const rest = stop < 0 ? '' : tail.slice(stop);
	return sql.slice(0, at) + values.replace(/\bnull\b/g, 'default') + rest;
}
