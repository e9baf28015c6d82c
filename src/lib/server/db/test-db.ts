import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './index';
import { freshPgTestDb, testingOnPg } from './pg-test-template';

/**
 * A fresh, migrated database for tests: a temp SQLite file, or with `TEST_DB=postgres` a new
 * PostgreSQL database copied from the migrated template (the server tests on both databases).
 */
export function createTestDb(): Db {
	return testingOnPg() ? openDb(freshPgTestDb()) : createSqliteTestDb();
}

/** A fresh SQLite file whatever TEST_DB says: for what only SQLite has (its file, its catalogue). */
export function createSqliteTestDb(): Db {
	const dir = mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
	return openDb(join(dir, 'test.db'));
}

/**
 * Two app instances on one database, for tests: a fresh file and two connections to it. Each test
 * also loads the module under test afresh (vi.resetModules) for B, so B has a memory of its own.
 */
export function twoConnections(): { a: Db; b: Db } {
	const a = createTestDb();
	return { a, b: openDb(a.$client.name) };
}
