import type Database from 'better-sqlite3';
import type { SourceTable } from './plan';

/** The tables of a migrated SQLite file, with their integer ids and foreign keys. */
export function readSourceTables(sqlite: Database.Database): SourceTable[] {
	const names = (
		sqlite
			.prepare(
				`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
			)
			.all() as { name: string }[]
	).map((r) => r.name);
	return names.map((name) => {
		const cols = sqlite.prepare(`PRAGMA table_info(${name})`).all() as {
			name: string;
			type: string;
			pk: number;
		}[];
		const fks = sqlite.prepare(`PRAGMA foreign_key_list(${name})`).all() as {
			from: string;
			table: string;
		}[];
		const pk = cols.filter((c) => c.pk > 0);
		return {
			name,
			columns: cols.map((c) => c.name),
			hasId: pk.length === 1 && pk[0].name === 'id' && pk[0].type.toUpperCase() === 'INTEGER',
			foreignKeys: fks.map((f) => ({ column: f.from, table: f.table }))
		};
	});
}
