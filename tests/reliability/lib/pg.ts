import pg from 'pg';
import type Database from 'better-sqlite3';
import { PgDatabase } from '../../../src/lib/server/db/pg-client';
import { migratePg } from '../../../src/lib/server/db/pg-migrate';
import { seedDatabase } from './env';

/*
 * The suite on PostgreSQL (`RELIABILITY_DB=postgres`, `PG_TEST_URL` an owner's URL on loopback):
 * the global setup migrates and seeds one template database, each file's database is a copy of it
 * (CREATE DATABASE … TEMPLATE), and every database the run made is dropped at its end.
 */

export function onPg(): boolean {
	return process.env.RELIABILITY_DB === 'postgres';
}

function adminUrl(): string {
	const url = process.env.PG_TEST_URL;
	if (!url)
		throw new Error(
			'RELIABILITY_DB=postgres needs PG_TEST_URL (scripts/pg-cluster.sh start DIR PORT)'
		);
	return url;
}

function urlOf(db: string): string {
	const u = new URL(adminUrl());
	u.pathname = `/${db}`;
	return u.toString();
}

/** The database name of a URL. */
export function pgDbName(url: string): string {
	return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * The run's template: migrated, seeded, with amcheck for `pgIntegrity`. Returns its URL and the
 * teardown that drops it and every copy of it.
 */
export async function makePgTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
	// Per run (pid), so two runs on one server never drop each other's databases.
	const tpl = `frontdesk_rel_${process.pid}`;
	await asAdmin(async (admin) => {
		await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
		// C collation: ISO dates and codes compare byte by byte, as in SQLite.
		await admin.query(
			`CREATE DATABASE ${tpl} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
		);
	});
	const c = new pg.Client({ connectionString: urlOf(tpl) });
	await c.connect();
	try {
		await migratePg(c);
		// PostgreSQL's check of its indexes against their tables (needs a superuser, as the test
		// clusters of scripts/pg-cluster.sh have); without it pgIntegrity says so and fails.
		await c.query('CREATE EXTENSION IF NOT EXISTS amcheck').catch((e: Error) => {
			console.warn(`[reliability] amcheck not installed (${e.message}): integrity checks fail`);
		});
	} finally {
		await c.end();
	}
	const url = urlOf(tpl);
	seedDatabase(url);
	const drop = () =>
		asAdmin(async (admin) => {
			const { rows } = await admin.query<{ datname: string }>(
				`SELECT datname FROM pg_database WHERE datname LIKE $1`,
				[`${tpl}\\_%`]
			);
			for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
			await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
		});
	return { url, drop };
}

async function asAdmin(fn: (admin: pg.Client) => Promise<void>): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl() });
	await admin.connect();
	try {
		await fn(admin);
	} finally {
		await admin.end();
	}
}

let made = 0;

/** A copy of the template as a new database (named after it, so the teardown finds it): its URL. */
export function copyPgDb(templateUrl: string, name: string): string {
	const tpl = pgDbName(templateUrl);
	const db = `${tpl}_${process.pid}_${++made}_${name.replace(/\W/g, '_')}`.toLowerCase();
	const admin = new PgDatabase(adminUrl());
	try {
		admin.exec(`CREATE DATABASE ${db} TEMPLATE ${tpl}`);
	} finally {
		admin.close();
	}
	return urlOf(db);
}

/**
 * What `PRAGMA integrity_check` is to the file: amcheck's check of every B-tree index of the
 * schema against its table ('ok', or what it found).
 */
export function pgIntegrity(db: Database.Database): string {
	const has = db.prepare(`SELECT 1 FROM pg_extension WHERE extname = 'amcheck'`).get();
	if (!has) return 'not checked: the amcheck extension is not installed';
	const indexes = db
		.prepare(
			`SELECT c.oid AS oid, c.relname AS name FROM pg_index i
			 JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
			 JOIN pg_namespace n ON n.oid = c.relnamespace
			 WHERE a.amname = 'btree' AND n.nspname = current_schema() ORDER BY c.relname`
		)
		.all() as { oid: number; name: string }[];
	const problems: string[] = [];
	const check = db.prepare('SELECT bt_index_check(CAST(? AS oid), TRUE)');
	for (const ix of indexes) {
		try {
			check.get(ix.oid);
		} catch (e) {
			problems.push(`${ix.name}: ${(e as Error).message}`);
		}
	}
	return problems.length ? problems.join('; ') : 'ok';
}
