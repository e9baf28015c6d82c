import { copyFileSync, rmSync } from 'node:fs';
import { closeDb, databaseFile, getDb, isPg } from './index';

/*
 * e2e only (FRONTDESK_TEST_HOOKS=1): each test saves the database as it starts; a retried test puts
 * that copy back, so the retry starts where its failed first attempt did instead of tripping over
 * what that attempt wrote. One snapshot is kept: a retry follows its failed attempt directly.
 */
let saved: { name: string; file: string } | null = null;

export function saveSnapshot(name: string) {
	// PostgreSQL (the e2e smoke) keeps no snapshot: a retry there starts from what the try left.
	if (isPg(getDb())) return;
	const file = `${databaseFile()}.snapshot`;
	rmSync(file, { force: true });
	// VACUUM INTO writes a consistent copy, WAL content included, without stopping the server.
	getDb().$client.prepare('VACUUM INTO ?').run(file);
	saved = { name, file };
}

/** Puts the snapshot saved under `name` back; false if the last snapshot has another name. */
export function restoreSnapshot(name: string): boolean {
	if (!saved || saved.name !== name) return false;
	const db = databaseFile();
	closeDb();
	for (const f of [`${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
	copyFileSync(saved.file, db);
	getDb();
	return true;
}
