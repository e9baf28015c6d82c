/**
 * Applies drizzle-pg/ to a PostgreSQL database (issue 22; the app itself still runs on SQLite).
 * Usage: npm run pg:migrate -- postgres://owner@host/db
 * Connect as the schema's owner, never as the app's role (docs/company-deployment.md §1.5).
 */
import pg from 'pg';
import { migratePg } from '../src/lib/server/db/pg-migrate.ts';

const url = process.argv[2];
if (!url?.startsWith('postgres')) {
	console.error('usage: npm run pg:migrate -- postgres://owner@host/db');
	process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
	const applied = await migratePg(client);
	console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
} finally {
	await client.end();
}
