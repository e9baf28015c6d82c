/**
 * Restores a backup in place of the database. Stop the server first: the restore is refused while
 * any process has the database open. The replaced database is kept beside it as
 * `<database>.replaced-YYYYMMDD-HHMMSS`.
 * Usage: npm run restore -- backup.db      (DATABASE_URL: the database, default data/frontdesk.db)
 */
import { BackupError, formatFigures, restoreDatabase } from '../src/lib/server/backup/index.ts';

const backup = process.argv.slice(2).find((a) => !a.startsWith('--'));
const target = process.env.DATABASE_URL ?? 'data/frontdesk.db';
if (!backup) {
	console.error('usage: npm run restore -- <backup.db>   (DATABASE_URL = the database to replace)');
	process.exit(64);
}
try {
	const r = restoreDatabase(backup, target);
	console.log(`restored ${backup} → ${target}`);
	if (r.keptCopy) console.log(`the replaced database was kept as ${r.keptCopy}`);
	console.log(`integrity_check: ${r.report.integrity}`);
	console.log(formatFigures(r.report.figures));
	if (r.report.problems.length) {
		console.error(
			`WARNING: ledger problems in the restored database:\n  ${r.report.problems.join('\n  ')}`
		);
		process.exitCode = 2;
	}
} catch (e) {
	console.error(`restore refused: ${e instanceof BackupError ? e.message : e}`);
	process.exitCode = 1;
}
