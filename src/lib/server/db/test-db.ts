import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './index';

/** A fresh, migrated database in a temp file, for tests. */
export function createTestDb(): Db {
	const dir = mkdtempSync(join(tmpdir(), 'frontdesk-test-'));
	return openDb(join(dir, 'test.db'));
}
