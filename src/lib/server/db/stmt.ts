import type Database from 'better-sqlite3';
import type { Db } from './index';

// Prepared statements are compiled once per connection: the hot paths (counter look-up, posting,
// monthly billing of 10 000 units) then pay only for execution.
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
	let perDb = cache.get(db.$client);
	if (!perDb) {
		perDb = new Map();
		cache.set(db.$client, perDb);
	}
	let s = perDb.get(sql);
	if (!s) {
		s = db.$client.prepare(sql);
		perDb.set(sql, s);
	}
	return s;
}

/**
 * SQL that drizzle cannot express well (window functions, big aggregate reports), with its row
 * type: declared once in the area's `sql.ts` next to an exported row type, so callers get typed
 * rows and no cast. Prepared once per connection like `stmt()`.
 */
export interface RawQuery<Row, Params extends unknown[]> {
	readonly text: string;
	all(db: Db, ...params: Params): Row[];
	get(db: Db, ...params: Params): Row | undefined;
	/** The one row an aggregate without GROUP BY always answers. */
	one(db: Db, ...params: Params): Row;
	run(db: Db, ...params: Params): Database.RunResult;
}

export function rawQuery<Row, Params extends unknown[] = []>(text: string): RawQuery<Row, Params> {
	return {
		text,
		all: (db, ...params) => stmt(db, text).all(...params) as Row[],
		get: (db, ...params) => stmt(db, text).get(...params) as Row | undefined,
		one: (db, ...params) => {
			const row = stmt(db, text).get(...params) as Row | undefined;
			if (row === undefined) throw new Error(`no row from: ${text.slice(0, 80)}`);
			return row;
		},
		run: (db, ...params) => stmt(db, text).run(...params)
	};
}
