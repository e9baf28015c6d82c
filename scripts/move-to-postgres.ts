/**
 * Moves a centre that started alone on SQLite into the company's PostgreSQL database (issue 22).
 * Usage: npm run move-to-postgres -- --from data/frontdesk.db --to postgres://owner@host/db
 * One transaction: every table copied with new ids (community codes kept), then verified (rows,
 * ledger balances, receipt numbers) before COMMIT; any difference rolls it all back. Refuses when
 * the file's community code is already there, so a second run writes nothing.
 * Exit codes: 0 moved, 1 refused or failed (nothing written), 2 bad usage.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { migrationsDir } from '../src/lib/server/db/index.ts';
import { moveToPostgres } from '../src/lib/server/move/move.ts';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const from = arg('--from');
const to = arg('--to');
if (!from || !to?.startsWith('postgres')) {
	console.error(
		'usage: npm run move-to-postgres -- --from data/frontdesk.db --to postgres://owner@host/db'
	);
	process.exit(2);
}

let sqlite: Database.Database;
try {
	sqlite = new Database(from, { readonly: true, fileMustExist: true });
} catch (e) {
	console.error(`not moved: cannot open ${from}: ${(e as Error).message}`);
	process.exit(1);
}
// The file must be at this version's schema: the app migrates it when it opens it.
const journal = JSON.parse(readFileSync(`${migrationsDir()}/meta/_journal.json`, 'utf8')) as {
	entries: unknown[];
};
const applied = (
	sqlite.prepare(`SELECT COUNT(*) AS n FROM __drizzle_migrations`).get() as { n: number }
).n;
if (applied !== journal.entries.length) {
	console.error(
		`${from} has ${applied} of ${journal.entries.length} migrations: start this version of the app on it once (or npm run backup) before moving it`
	);
	process.exit(1);
}

const client = new pg.Client({ connectionString: to });
await client.connect();
try {
	console.log(`moving ${from} → ${to.replace(/\/\/[^@/]*@/, '//…@')}`);
	const result = await moveToPostgres(sqlite, client, {
		log: (l) => console.log(`  ${l}`),
		sourceName: from
	});
	for (const c of result.communities) console.log(`moved ${c.code}: id ${c.oldId} → ${c.newId}`);
	if (result.left.length) {
		console.log(
			`${result.left.length} notes (ids kept as they were, company-wide rights dropped):`
		);
		for (const l of result.left.slice(0, 50)) console.log(`  ${l}`);
	}
	console.log('done: verified and committed');
	// Rows name their photos by file; the files themselves are not in the database.
	console.log(
		`photos: copy ${join(dirname(resolve(from)), 'uploads')} (or its UPLOADS_DIR) into the company's shared uploads folder`
	);
} catch (e) {
	console.error(`not moved: ${(e as Error).message}`);
	process.exitCode = 1;
} finally {
	await client.end();
	sqlite.close();
}
