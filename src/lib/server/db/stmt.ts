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
