import pg from 'pg';
import { PgDatabase } from './pg-client';
import { migratePg } from './pg-migrate';

/**
 * The server tests on PostgreSQL (`TEST_DB=postgres`, `PG_TEST_URL` an owner's URL): the run's
 * global setup migrates one template database, and each test database is a copy of it (CREATE
 * DATABASE … TEMPLATE, tens of milliseconds instead of a migration per test).
 */

/** This run's template: its name is set by the global setup and inherited by the test processes. */
function template(): string {
	const t = process.env.PG_TEST_TEMPLATE;
	if (!t) throw new Error('no PostgreSQL test template: vitest.config.ts runs setupPgTemplate');
	return t;
}

/** Test databases kept open per process; older ones are closed and dropped as new ones come. */
const KEEP_OPEN = 6;

export function testingOnPg(): boolean {
	return process.env.TEST_DB === 'postgres';
}

function adminUrl(): string {
	const url = process.env.PG_TEST_URL;
	if (!url)
		throw new Error('TEST_DB=postgres needs PG_TEST_URL (scripts/pg-cluster.sh start DIR PORT)');
	return url;
}

function urlOf(db: string): string {
	const u = new URL(adminUrl());
	u.pathname = `/${db}`;
	return u.toString();
}

/** Vitest's global setup: a fresh template, migrated, for this run (no-op unless on PostgreSQL). */
export async function setupPgTemplate(): Promise<(() => Promise<void>) | void> {
	if (!testingOnPg()) return;
	// Per run, so two runs on one server (two checkouts, two suites) never drop each other's.
	const tpl = `frontdesk_tpl_${process.pid}`;
	process.env.PG_TEST_TEMPLATE = tpl;
	const admin = new pg.Client({ connectionString: adminUrl() });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
	// C collation: ISO dates and codes compare byte by byte, as in SQLite.
	await admin.query(
		`CREATE DATABASE ${tpl} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
	);
	const c = new pg.Client({ connectionString: urlOf(tpl) });
	await c.connect();
	await migratePg(c);
	await c.end();
	return async () => {
		const { rows } = await admin.query<{ datname: string }>(
			`SELECT datname FROM pg_database WHERE datname LIKE $1`,
			[`${tpl}\\_%`]
		);
		for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
		await admin.query(`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`);
		await admin.end();
	};
}

let admin: PgDatabase | undefined;
const open: { name: string }[] = [];
let made = 0;

/** A new database copied from the template; returns its URL. */
export function freshPgTestDb(): string {
	admin ??= new PgDatabase(adminUrl());
	while (open.length >= KEEP_OPEN) {
		const old = open.shift()!;
		admin.exec(`DROP DATABASE IF EXISTS ${old.name} WITH (FORCE)`);
	}
	const name = `${template()}_${process.pid}_${++made}`;
	admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template()}`);
	open.push({ name });
	return urlOf(name);
}
