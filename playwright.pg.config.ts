import { defineConfig } from '@playwright/test';
import { e2eServer, e2eSettings } from './playwright.config';

/*
 * The e2e smoke path on PostgreSQL (issue 22): tests/e2e-pg against the built server on a fresh,
 * migrated and seeded PostgreSQL database (scripts/e2e-server.sh with E2E_DB=postgres). Needs
 * PG_TEST_URL, an owner's URL on loopback (scripts/pg-cluster.sh start DIR PORT prints one).
 * Its own port (E2E_PG_PORT), so it can run beside the SQLite suite.
 */
const port = Number(process.env.E2E_PG_PORT ?? 4174);
const pgUrl = process.env.PG_TEST_URL ?? '';
const database = `frontdesk_e2e_${port}`;
// The spec reads its payment back from PostgreSQL: the database's URL reaches it through the
// environment (workers load this file too).
if (pgUrl) {
	const u = new URL(pgUrl);
	u.pathname = `/${database}`;
	process.env.E2E_PG_DATABASE_URL = u.toString();
}
const settings = e2eSettings(port);
const server = e2eServer(port, { E2E_DB: 'postgres', PG_TEST_URL: pgUrl, E2E_PG_DB: database });

export default defineConfig({
	...settings,
	// No retry: the e2e snapshot hook copies a SQLite file, so a retry would find the bills paid.
	retries: 0,
	testDir: 'tests/e2e-pg',
	// Beside the SQLite run's results, not over them (Playwright empties its outputDir first).
	outputDir: 'test-results/e2e-pg',
	reporter: [['list'], ['json', { outputFile: '.test-reports/e2e-pg.json' }]],
	// Migrating and seeding PostgreSQL through the bridge takes longer than a SQLite file.
	webServer: { ...server, timeout: 300_000 }
});
