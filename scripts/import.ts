/**
 * Import a register from the command line, on the same code path as /admin/import:
 * `npm run import -- FILE [--community CODE] [--dry-run] [--kind units|people|spaces|vehicles|
 * opening_bills|opening_credits] [--encoding utf-8|gb18030]`. Prints the preview (rows to add,
 * to change with old → new, refused with the row and reason); without --dry-run then writes it
 * in one transaction. Re-running the same file writes nothing. Uses DATABASE_URL.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openDb } from '../src/lib/server/db/index.ts';
import { ensureFeeItems } from '../src/lib/server/fees/index.ts';
import { analyseImport, confirmImport, ImportError } from '../src/lib/server/import/service.ts';
import { failureMessage, kindName, refusalText } from '../src/lib/server/import/labels.ts';
import { ENCODINGS, type Encoding } from '../src/lib/server/import/read.ts';
import { IMPORT_KINDS, type ImportKind } from '../src/lib/domain/import.ts';
import { todayIn } from '../src/lib/dates.ts';
import { formatYuan } from '../src/lib/money.ts';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i !== -1) return process.argv[i + 1];
	const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
	return eq?.slice(name.length + 3);
}

const USAGE =
	'usage: npm run import -- FILE [--community CODE] [--dry-run] [--kind KIND] [--encoding utf-8|gb18030]';
const valued = new Set(['--community', '--kind', '--encoding']);
const file = process.argv
	.slice(2)
	.find((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1] ?? ''));
const kind = arg('kind');
const encoding = arg('encoding');
if (
	!file ||
	(kind && !IMPORT_KINDS.includes(kind as ImportKind)) ||
	(encoding && !ENCODINGS.includes(encoding as Encoding))
) {
	console.error(USAGE);
	process.exit(2);
}
const dryRun = process.argv.includes('--dry-run');
let bytes: Uint8Array;
try {
	bytes = new Uint8Array(readFileSync(file));
} catch (e) {
	console.error(`cannot read ${file}: ${(e as Error).message}`);
	process.exit(1);
}

const db = openDb(process.env.DATABASE_URL ?? 'data/frontdesk.db');
const code = arg('community');
const community = db.$client
	.prepare(
		code
			? 'SELECT id, code, name, time_zone AS tz FROM communities WHERE code = ?'
			: 'SELECT id, code, name, time_zone AS tz FROM communities ORDER BY id LIMIT 1'
	)
	.get(...(code ? [code] : [])) as
	{ id: number; code: string; name: string; tz: string } | undefined;
if (!community) {
	console.error(code ? `no community with code ${code}` : 'no community in the database');
	process.exit(1);
}
ensureFeeItems(db, community.id);
const now = Date.now();
const today = todayIn(community.tz, now);
const upload = {
	bytes,
	fileName: basename(file),
	encoding: (encoding as Encoding) ?? null,
	kind: (kind as ImportKind) ?? null
};

try {
	const t = performance.now();
	const a = await analyseImport(db, community.id, upload, today, (done, total) => {
		if (process.stderr.isTTY) process.stderr.write(`\rchecking ${done}/${total}`);
	});
	if (process.stderr.isTTY) process.stderr.write('\n');
	console.log(
		`${community.code} ${community.name} · ${upload.fileName}: ${kindName(a.kind)}, ${a.format}` +
			`${a.encoding ? ` (${a.encoding})` : ''}, ${a.rows} rows (${Math.round(performance.now() - t)} ms)`
	);
	for (const i of a.change)
		console.log(
			`  ~ row ${i.row} ${i.key}: ${i.changes.map((c) => `${c.header} ${c.from || '—'} → ${c.to || '—'}`).join('; ')}`
		);
	for (const r of a.refused) console.log(`  ! row ${r.row}: ${refusalText(r)}`);
	console.log(
		`add ${a.add.length}, change ${a.change.length}, unchanged ${a.same}, refused ${a.refused.length}` +
			(a.kind.startsWith('opening') ? `, total ${formatYuan(a.addFen, { symbol: true })}` : '')
	);
	if (dryRun) console.log('dry run: nothing written');
	else if (a.add.length + a.change.length === 0) console.log('nothing to write');
	else {
		const r = await confirmImport(db, community.id, upload, { id: null }, today, now, a.digest);
		console.log(
			`written in one transaction: batch ${r.batchId}, added ${r.added}, changed ${r.changed}`
		);
	}
} catch (e) {
	if (e instanceof ImportError) {
		console.error(failureMessage(e.failure));
		process.exitCode = 1;
	} else throw e;
} finally {
	db.$client.close();
}
