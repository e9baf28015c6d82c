/**
 * npm run bench [-- --rebuild] [-- --units 2000] [-- --only lookup,receipt]
 *
 * Measures the counter's hot paths on a generated community (10,000 units, 5 years of monthly
 * bills ≈ 1.2 M bills, their payments; built once and cached under bench-out/) and prints a table
 * with each figure's target and PASS/FAIL. It reports, it does not gate: the exit code is 0
 * unless the bench itself breaks. The cases live in scripts/bench/cases.ts.
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { benchDatabase, DEFAULT_DATASET, rng } from './bench/dataset.ts';
import { benchCases, type BenchContext, type BenchUnit } from './bench/cases.ts';
import { formatTable, passed, type CaseResult } from './bench/report.ts';
import { kioskAlone, kioskCase } from './bench/kiosk.ts';
import { tieInForceSql, tieParams } from '../src/lib/server/records/sql.ts';

const { values: args } = parseArgs({
	options: {
		rebuild: { type: 'boolean', default: false },
		units: { type: 'string' },
		only: { type: 'string' },
		samples: { type: 'string' }
	}
});

// The kiosk case runs the built app in Chromium on its own seeded database (scripts/bench/kiosk.ts).
if (args.only === 'kiosk') {
	await kioskAlone();
	process.exit(0);
}

// The app's settings (late-fee rate, due day) come from the community row; the clock is passed
// explicitly to every call, so nothing here depends on the machine's date.
const log = (line: string) => console.log(line);
const options = {
	...DEFAULT_DATASET,
	...(args.units ? { units: Math.max(100, Number(args.units)) } : {})
};
const started = performance.now();
const { db, info, built } = benchDatabase(options, { rebuild: args.rebuild, log });
log(
	`data: ${info.counts.units.toLocaleString('en')} units, ${info.counts.bills.toLocaleString('en')} bills, ` +
		`${info.counts.payments.toLocaleString('en')} payments, ${info.counts.lines.toLocaleString('en')} payment lines; ` +
		`today ${info.today} (${info.timeZone})${built ? `; built in ${info.buildSeconds.toFixed(1)} s` : ''}`
);
// Timings are only as good as the machine is quiet: print the load so a reader can judge.
log(
	`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}\n`
);

const units = db.$client
	.prepare(
		`SELECT u.id, u.code, o.name AS ownerName, o.phone FROM units u
		JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id
		WHERE u.community_id = ? AND uo.role = 'owner' AND ${tieInForceSql()} ORDER BY u.id`
	)
	.all(info.communityId, ...tieParams(info.today)) as BenchUnit[];

const n = args.samples ? Math.max(10, Number(args.samples)) : undefined;
const ctx: BenchContext = {
	db,
	info,
	units,
	random: rng(42),
	samples: { lookups: n ?? 250, payments: n ?? 200, pdfs: n ? Math.min(n, 50) : 50 },
	receipts: [],
	log
};

const only = args.only ? new Set(args.only.split(',')) : null;
const results: CaseResult[] = [];
for (const c of [...benchCases, kioskCase]) {
	if (only && !only.has(c.id)) continue;
	process.stdout.write(`… ${c.title}\n`);
	try {
		results.push({ title: c.title, ...(await c.run(ctx)) });
	} catch (e) {
		console.error(e);
		results.push({ title: c.title, figures: [], skipped: `error: ${(e as Error).message}` });
	}
}

console.log('\n' + formatTable(results));
for (const r of results) if (r.note) console.log(`· ${r.title}: ${r.note}`);
const figures = results.flatMap((r) => r.figures);
const failed = figures.filter((f) => passed(f) === false).length;
const checked = figures.filter((f) => passed(f) !== null).length;
console.log(
	`\n${checked - failed}/${checked} targets met; total ${((performance.now() - started) / 1000).toFixed(1)} s (bench-out/run.db is a scratch copy)`
);
db.$client.close();
