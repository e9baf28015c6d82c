import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg } from './pg-migrate';

/**
 * A describe block for tests that need PostgreSQL: `PG_TEST_URL`, an owner's URL on loopback
 * (scripts/pg-cluster.sh prints one). Each block gets a fresh database of its own, migrated with
 * drizzle-pg/, dropped afterwards. Without PG_TEST_URL the block is skipped, except in CI, where
 * it fails: CI must never pass by skipping PostgreSQL.
 */
export function describePg(
	name: string,
	fn: (db: () => pg.Client, connect: () => Promise<pg.Client>) => void
) {
	const url = process.env.PG_TEST_URL;
	if (!url) {
		describe(name, () => {
			if (process.env.CI)
				it('has a PostgreSQL server to test against in CI', () => {
					expect.fail('PG_TEST_URL is not set: CI must run the PostgreSQL tests (.ci/run)');
				});
			else it.skip('needs PG_TEST_URL (scripts/pg-cluster.sh start DIR PORT)', () => {});
		});
		return;
	}
	describe(name, () => {
		const dbName = `frontdesk_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
		const admin = new pg.Client({ connectionString: url });
		let client: pg.Client | undefined;
		const extra: pg.Client[] = [];
		let dbUrl = '';

		beforeAll(async () => {
			await admin.connect();
			// C collation: ISO dates and codes compare byte by byte, as in SQLite.
			await admin.query(
				`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
			);
			const target = new URL(url);
			target.pathname = `/${dbName}`;
			dbUrl = target.toString();
			client = new pg.Client({ connectionString: dbUrl });
			await client.connect();
			await migratePg(client);
		}, 60_000);

		afterAll(async () => {
			await Promise.all([client, ...extra].map((c) => c?.end()));
			await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
			await admin.end();
		});

		fn(
			() => {
				if (!client) throw new Error('the PostgreSQL test database is not open yet');
				return client;
			},
			// More sessions on the same database (closed with it), for tests of locking.
			async () => {
				const c = new pg.Client({ connectionString: dbUrl });
				extra.push(c);
				await c.connect();
				return c;
			}
		);
	});
}
