/**
 * npm run bench [-- --rebuild] [-- --units 2000] [-- --only lookup,receipt] [-- --db postgres://…]
 *   [-- --instances 2]
 *
 * Measures the counter's hot paths on a generated community (10,000 units, 5 years of monthly
 * bills ≈ 1.2 M bills, their payments; built once and cached under bench-out/) and prints a table
 * with each figure's target and PASS/FAIL. It reports, it does not gate: the exit code is 0
 * unless the bench itself breaks. The cases live in scripts/bench/cases.ts; the head-office
 * dashboard (`--only company-dashboard`) runs on its own company data set (scripts/bench/company.ts).
 * `--db postgres://owner@host/postgres` (issue 22) also runs the cases on PostgreSQL, the look-up
 * and payment by two instances at once (`--instances 1` for one, to compare), and prints both side
 * by side (scripts/bench/pg.ts).
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { benchDatabase, DEFAULT_DATASET, rng } from './bench/dataset.ts';
import { benchCases, benchUnits, type BenchCase, type BenchContext } from './bench/cases.ts';
import {
	formatSideBySide,
	formatTable,
	passed,
	type CaseResult,
	type PairedResult
} from './bench/report.ts';
import { kioskAlone, kioskCase } from './bench/kiosk.ts';
import { companyDashboardCase } from './bench/company.ts';
import { openDb, type Db } from '../src/lib/server/db/index.ts';
import type { DatasetInfo } from './bench/dataset.ts';
import {
	loadPgDataset,
	pgRunDatabase,
	pgSettings,
	runInstances,
	sameIds,
	INSTANCE_CASES
} from './bench/pg.ts';

const { values: args } = parseArgs({
	options: {
		rebuild: { type: 'boolean', default: false },
		units: { type: 'string' },
		only: { type: 'string' },
		samples: { type: 'string' },
		db: { type: 'string' },
		instances: { type: 'string', default: '2' }
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
if (args.db && !/^postgres(ql)?:\/\//.test(args.db)) {
	console.error('--db takes a postgres:// URL (an owner, who may create databases)');
	process.exit(2);
}
const started = performance.now();
const only = args.only ? new Set(args.only.split(',')) : null;
const selected = [...benchCases, kioskCase].filter((c) => !only || only.has(c.id));
const standalone = [companyDashboardCase].filter((c) => !only || only.has(c.id));
const results: CaseResult[] = [];
/** With --db: the PostgreSQL side of each case, by title (none: not run there). */
const onPg = new Map<string, Omit<PairedResult, 'title' | 'sqlite'>>();
// Timings are only as good as the machine is quiet: print the load so a reader can judge.
const machine = () =>
	`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}\n`;
// The community's data set only when a case on it runs (the company case brings its own).
if (selected.length > 0) await communityCases();
for (const c of standalone) {
	log(machine());
	process.stdout.write(`… ${c.title}\n`);
	try {
		results.push({ title: c.title, ...c.run({ rebuild: args.rebuild, log }) });
	} catch (e) {
		console.error(e);
		results.push({ title: c.title, figures: [], skipped: `error: ${(e as Error).message}` });
	}
	if (args.db && c.pg) {
		process.stdout.write(`… ${c.title} (PostgreSQL)\n`);
		try {
			onPg.set(c.title, { pg: await c.pg({ ownerUrl: args.db, rebuild: args.rebuild, log }) });
		} catch (e) {
			console.error(e);
			onPg.set(c.title, { pg: { figures: [], skipped: `error: ${(e as Error).message}` } });
		}
	}
}

console.log(
	'\n' +
		(args.db
			? formatSideBySide(results.map((r) => ({ title: r.title, sqlite: r, ...onPg.get(r.title) })))
			: formatTable(results))
);
for (const r of results) if (r.note) console.log(`· ${r.title}: ${r.note}`);
for (const [title, r] of onPg) {
	if (r.pg?.skipped)
		console.log(`· ${title} on PostgreSQL skipped: ${r.pg.skipped.replace(/\s+/g, ' ')}`);
	else if (r.pg?.note) console.log(`· ${title} on PostgreSQL: ${r.pg.note}`);
}
const figures = [...results, ...[...onPg.values()].flatMap((r) => r.pg ?? [])].flatMap(
	(r) => r.figures
);
const failed = figures.filter((f) => passed(f) === false).length;
const checked = figures.filter((f) => passed(f) !== null).length;
console.log(
	`\n${checked - failed}/${checked} targets met; total ${((performance.now() - started) / 1000).toFixed(1)} s (bench-out/run.db is a scratch copy)`
);

async function communityCases(): Promise<void> {
	const { db, info, built, key, file } = benchDatabase(options, { rebuild: args.rebuild, log });
	log(
		`data: ${info.counts.units.toLocaleString('en')} units, ${info.counts.bills.toLocaleString('en')} bills, ` +
			`${info.counts.payments.toLocaleString('en')} payments, ${info.counts.lines.toLocaleString('en')} payment lines; ` +
			`today ${info.today} (${info.timeZone})${built ? `; built in ${info.buildSeconds.toFixed(1)} s` : ''}`
	);
	// Moved from the fresh copy, before the SQLite cases write to it.
	const pgName = `frontdesk_bench_${options.units}u_${options.months}m`;
	if (args.db)
		await loadPgDataset(args.db, { file, key, name: pgName }, { rebuild: args.rebuild, log });
	log(machine());

	const n = args.samples ? Math.max(10, Number(args.samples)) : undefined;
	const samples = { lookups: n ?? 250, payments: n ?? 200, pdfs: n ? Math.min(n, 50) : 50 };
	for (const r of await runCases(db, info, selected, samples)) results.push(r);
	if (args.db) await pgCases(args.db, pgName, db, info, samples);
	db.$client.close();
}

/** Runs `cases` in order on one database; a case that throws is reported as skipped. */
async function runCases(
	db: Db,
	info: DatasetInfo,
	cases: BenchCase[],
	samples: BenchContext['samples']
): Promise<CaseResult[]> {
	const ctx: BenchContext = {
		db,
		info,
		units: benchUnits(db, info),
		random: rng(42),
		samples,
		receipts: [],
		log
	};
	const out: CaseResult[] = [];
	for (const c of cases) {
		process.stdout.write(`… ${c.title}\n`);
		try {
			out.push({ title: c.title, ...(await c.run(ctx)) });
		} catch (e) {
			console.error(e);
			out.push({ title: c.title, figures: [], skipped: `error: ${(e as Error).message}` });
		}
	}
	return out;
}

/**
 * The same cases on a fresh copy of the data set in PostgreSQL: look-up and payment by
 * `--instances` app processes at once, the others here (the kiosk drives its own server on SQLite: not run).
 */
async function pgCases(
	ownerUrl: string,
	dataset: string,
	sqlite: Db,
	info: DatasetInfo,
	samples: BenchContext['samples']
): Promise<void> {
	const url = await pgRunDatabase(ownerUrl, dataset);
	const db = openDb(url);
	const pgInfo = sameIds(sqlite, db, info);
	log(`\n${pgSettings(db)}\n${machine()}`);
	const cases = selected.filter((c) => c.id !== 'kiosk');
	const processes = Math.max(1, Number(args.instances) || 2);
	for (const c of cases.filter((c) => INSTANCE_CASES.includes(c.id))) {
		process.stdout.write(`… ${c.title} (PostgreSQL, ${processes} instance(s) at once)\n`);
		try {
			const { combined, instances } = await runInstances({
				url,
				caseId: c.id,
				info: pgInfo,
				of: processes,
				samples
			});
			onPg.set(c.title, { pg: combined, instances });
		} catch (e) {
			console.error(e);
			onPg.set(c.title, { pg: { figures: [], skipped: `error: ${(e as Error).message}` } });
		}
	}
	const rest = cases.filter((c) => !INSTANCE_CASES.includes(c.id));
	if (rest.length) process.stdout.write('(PostgreSQL, the other cases: one instance)\n');
	for (const r of await runCases(db, pgInfo, rest, samples)) onPg.set(r.title, { pg: r });
	db.$client.close();
}
