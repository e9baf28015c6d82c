/**
 * Online backup of the SQLite database while the server runs (SQLite backup API).
 * Usage: npm run backup -- [out.db] [--force]
 *   DATABASE_URL  the database (default data/frontdesk.db)
 *   out.db        where to write (default backups/frontdesk-YYYYMMDD-HHMMSS.db); refused if it
 *                 exists unless --force. The copy is checked (integrity_check, ledger balances)
 *                 before it gets its final name. Exit code 0 only for a complete, checked backup.
 * Back up data/uploads/ (report photos) AFTER this, see README "Backups".
 */
import {
	backupDatabase,
	BackupError,
	formatFigures,
	stamp
} from '../src/lib/server/backup/index.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const positional = args.filter((a) => !a.startsWith('--'));
const source = process.env.DATABASE_URL ?? 'data/frontdesk.db';
const dest = positional[0] ?? `backups/frontdesk-${stamp()}.db`;

try {
	const r = await backupDatabase(source, dest, { force });
	console.log(
		`backup: ${source} → ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.ms} ms)`
	);
	console.log(`integrity_check: ${r.report.integrity}`);
	console.log(formatFigures(r.report.figures));
	if (r.report.problems.length) {
		// The copy is faithful; the problems are in the live database too. Say so loudly.
		console.error(`WARNING: ledger problems in the database:\n  ${r.report.problems.join('\n  ')}`);
		process.exitCode = 2;
	}
} catch (e) {
	console.error(`backup failed: ${e instanceof BackupError ? e.message : e}`);
	process.exitCode = 1;
}
