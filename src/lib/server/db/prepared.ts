import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from './index';

/**
 * A drizzle query prepared once per connection: the hot paths (counter look-up, posting, the
 * daily report) then pay only for execution. `build` returns `query.prepare()` with
 * `sql.placeholder('name')` for every input; call the result with the connection, then
 * `.get({ name })` / `.all({ name })`, typed by the query.
 */
export function prepared<Q>(build: (db: Db) => Q): (db: Db) => Q {
	const cache = new WeakMap<Db['$client'], Q>();
	return (db) => {
		let q = cache.get(db.$client);
		if (q === undefined) {
			q = build(db);
			cache.set(db.$client, q);
		}
		return q;
	};
}

/**
 * The ids of a placeholder holding a JSON array (`JSON.stringify(ids)`), as a subquery for
 * `inArray(column, idsOf('ids'))`: one prepared statement for any number of ids. The only
 * dialect-specific fragment of the prepared queries (PostgreSQL: `unnest(...)` of an array).
 */
export function idsOf(name: string): SQL {
	return sql`(SELECT value FROM json_each(${sql.placeholder(name)}))`;
}

/** `SUM(x)` as a number (PostgreSQL answers a bigint sum as a string). */
export function sumOf(column: SQL | Column): SQL<number> {
	return sql<number>`SUM(${column})`.mapWith(Number);
}

/**
 * How many rows meet `condition`, 0 for none: `sum(condition)` counts on SQLite only (a boolean
 * is not a number on PostgreSQL), so the sum is of CASE.
 */
export function countWhere(condition: SQL): SQL<number> {
	return sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`.mapWith(Number);
}

/**
 * `{ field: sql.placeholder(prefix + field) }` for every field: the values of a prepared insert.
 * Typed loosely on purpose (a placeholder stands for any value); the call site names the fields.
 */
export function placeholders<F extends string>(
	fields: readonly F[],
	prefix = ''
): Record<F, ReturnType<typeof sql.placeholder>> {
	return Object.fromEntries(fields.map((f) => [f, sql.placeholder(prefix + f)])) as Record<
		F,
		ReturnType<typeof sql.placeholder>
	>;
}

/**
 * An area's raw SQL fragment with `?` parameters (from its `sql.ts`) inside a drizzle query, each
 * `?` taking the next of `params` (values or placeholders): one written rule serves both kinds of
 * query, e.g. the records' "tie in force on a date".
 */
export function rawFragment(text: string, ...params: unknown[]): SQL {
	const parts = text.split('?');
	if (parts.length !== params.length + 1)
		throw new Error(`${parts.length - 1} parameters in "${text}", ${params.length} given`);
	return sql.join(
		parts.flatMap((p, i) => (i < params.length ? [sql.raw(p), sql`${params[i]}`] : [sql.raw(p)]))
	);
}
