import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './index';

/** A fresh, migrated database in a temp file, for tests. */
export function createTestDb(): Db {
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
