import Database from 'better-sqlite3';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readlinkSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../errors';
import { inspect, inspectFile, tableChecksums, type DbReport } from './verify';

export {
	inspect,
	inspectFile,
	tableChecksums,
	checkLedger,
	integrity,
	openReadOnly,
	formatFigures,
	type DbReport,
	type LedgerFigures
} from './verify';

/*
 * Online backup and offline restore of the SQLite file. The backup uses SQLite's backup API
 * (better-sqlite3 `db.backup()`), which copies a consistent snapshot while the server keeps
 * writing; the restore swaps files, so the server must be stopped (it is refused otherwise).
 */

/** A refused backup or restore; the scripts print its (English, operator-facing) message. */
export class BackupError extends AppError<'refused'> {
	constructor(message: string) {
		super('backup', 'refused', {}, 409, message);
		this.name = 'BackupError';
	}
}

/** A file-name friendly stamp, e.g. 20261123-090000. */
export function stamp(at = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

function sameFile(a: string, b: string): boolean {
	if (resolve(a) === resolve(b)) return true;
	try {
		const sa = statSync(a);
		const sb = statSync(b);
		return sa.ino === sb.ino && sa.dev === sb.dev;
	} catch {
		return false;
	}
}

export interface BackupResult {
	file: string;
	bytes: number;
	ms: number;
	report: DbReport;
}

/**
 * Copies `source` to `dest` online. Written to `dest.partial` first and renamed when complete and
 * verified, so a file under the final name is always a whole, checked backup.
 */
export async function backupDatabase(
	source: string,
	dest: string,
	opts: { force?: boolean } = {}
): Promise<BackupResult> {
	if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
	if (sameFile(source, dest))
		throw new BackupError('the backup file cannot be the database itself');
	if (existsSync(dest) && !opts.force)
		throw new BackupError(`${dest} exists (use --force to replace it)`);
	mkdirSync(dirname(resolve(dest)), { recursive: true });
	const partial = `${dest}.partial`;
	rmSync(partial, { force: true });
	const started = Date.now();
	const db = new Database(source, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		// A write by another connection between two steps restarts the copy; after the first step
		// ask for every remaining page at once, so a busy counter cannot keep the backup going forever.
		await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	} finally {
		db.close();
	}
	// The copy keeps the source's WAL mode; a rollback-journal file is self-contained (no -wal/-shm
	// beside it, whoever opens it), and the server switches it back to WAL when it opens it.
	const copy = new Database(partial, { fileMustExist: true });
	let report: DbReport;
	try {
		copy.pragma('journal_mode = DELETE');
		report = inspect(copy);
	} finally {
		copy.close();
	}
	if (report.integrity !== 'ok') {
		rmSync(partial, { force: true });
		throw new BackupError(`the copy failed its integrity check: ${report.integrity}`);
	}
	renameSync(partial, dest);
	return { file: dest, bytes: statSync(dest).size, ms: Date.now() - started, report };
}

export interface InUse {
	inUse: boolean;
	/** Processes that have the file open (Linux /proc), e.g. "1234 node build". */
	holders: string[];
}

/** Other processes holding `file` open, read from /proc (Linux; elsewhere an empty list). */
function processesHolding(file: string): string[] {
	const paths = new Set([file, `${file}-wal`, `${file}-shm`].map((f) => resolve(f)));
	const out: string[] = [];
	let pids: string[] = [];
	try {
		pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
	} catch {
		return out;
	}
	for (const pid of pids) {
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		const holds = fds.some((fd) => {
			try {
				return paths.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
			} catch {
				return false;
			}
		});
		if (holds) {
			let cmd = '';
			try {
				cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
			} catch {
				/* gone meanwhile */
			}
			out.push(`${pid} ${cmd}`.trim());
		}
	}
	return out;
}

/**
 * Whether another connection has the database open. SQLite's own answer: an EXCLUSIVE lock in
 * exclusive locking mode is refused while any other connection (even an idle server) has the
 * WAL database open. /proc names who, where it can.
 */
export function databaseInUse(file: string): InUse {
	const holders = processesHolding(file);
	if (!existsSync(file)) return { inUse: holders.length > 0, holders };
	let locked = false;
	const db = new Database(file, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 0');
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.exec('COMMIT');
	} catch (e) {
		if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
		locked = true;
	} finally {
		db.close();
	}
	return { inUse: locked || holders.length > 0, holders };
}

export interface RestoreResult {
	/** Where the replaced database was kept (null when there was none). */
	keptCopy: string | null;
	report: DbReport;
}

/**
 * Puts `backup` in place of `target`. Refuses while the target is in use or when the backup
 * fails its checks; keeps a copy of the replaced database (`<target>.replaced-<stamp>`), with
 * whatever its WAL held, before anything is overwritten.
 */
export function restoreDatabase(
	backup: string,
	target: string,
	opts: { at?: Date } = {}
): RestoreResult {
	if (!existsSync(backup)) throw new BackupError(`no backup at ${backup}`);
	if (sameFile(backup, target)) throw new BackupError('the backup is the database itself');
	const before = inspectFile(backup);
	if (before.integrity !== 'ok')
		throw new BackupError(`the backup failed its integrity check: ${before.integrity}`);
	const src = new Database(backup, { readonly: true, fileMustExist: true });
	const isApp = !!src
		.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'payments'`)
		.get();
	const wanted = tableChecksums(src);
	src.close();
	if (!isApp) throw new BackupError(`${backup} is not a front-desk database`);

	let keptCopy: string | null = null;
	if (existsSync(target)) {
		const use = databaseInUse(target);
		if (use.inUse)
			throw new BackupError(
				`the database is in use${use.holders.length ? ` by ${use.holders.join('; ')}` : ''}: stop the server first`
			);
		keptCopy = `${target}.replaced-${stamp(opts.at)}`;
		// Through SQLite, not a file copy: committed data still in the WAL (after a crash) is kept too.
		const old = new Database(target, { fileMustExist: true });
		try {
			old.exec(`VACUUM INTO '${keptCopy.replaceAll("'", "''")}'`);
			old.pragma('wal_checkpoint(TRUNCATE)');
		} finally {
			old.close();
		}
	} else {
		mkdirSync(dirname(resolve(target)), { recursive: true });
	}

	// A WAL left beside the new file would be replayed into it: remove both before the swap.
	const incoming = join(dirname(resolve(target)), `.${basename(target)}.restoring`);
	copyFileSync(backup, incoming);
	for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
	renameSync(incoming, target);

	const db = new Database(target, { fileMustExist: true });
	try {
		const report = inspect(db);
		const got = tableChecksums(db);
		const differ = Object.keys({ ...wanted, ...got }).filter((t) => wanted[t] !== got[t]);
		if (report.integrity !== 'ok' || differ.length)
			throw new BackupError(
				`the restored file does not match the backup (${report.integrity}; tables ${differ.join(', ')})`
			);
		return { keptCopy, report };
	} finally {
		db.close();
	}
}
