/**
 * npm run bench [-- --rebuild] [-- --units 2000] [-- --only lookup,receipt]
 *
 * Measures the counter's hot paths on a generated community (10,000 units, 5 years of monthly
 * bills ≈ 1.2 M bills, their payments; built once and cached under bench-out/) and prints a table
 * with each figure's target and PASS/FAIL. It reports, it does not gate: the exit code is 0
 * unless the bench itself breaks. The cases live in scripts/bench/cases.ts; the head-office
 * dashboard (`--only company-dashboard`) runs on its own company data set (scripts/bench/company.ts).
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { benchDatabase, DEFAULT_DATASET, rng } from './bench/dataset.ts';
import { benchCases, type BenchContext, type BenchUnit } from './bench/cases.ts';
import { formatTable, passed, type CaseResult } from './bench/report.ts';
import { kioskAlone, kioskCase } from './bench/kiosk.ts';
import { companyDashboardCase } from './bench/company.ts';
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
const only = args.only ? new Set(args.only.split(',')) : null;
const selected = [...benchCases, kioskCase].filter((c) => !only || only.has(c.id));
const standalone = [companyDashboardCase].filter((c) => !only || only.has(c.id));
const results: CaseResult[] = [];
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
}

console.log('\n' + formatTable(results));
for (const r of results) if (r.note) console.log(`· ${r.title}: ${r.note}`);
const figures = results.flatMap((r) => r.figures);
const failed = figures.filter((f) => passed(f) === false).length;
const checked = figures.filter((f) => passed(f) !== null).length;
console.log(
	`\n${checked - failed}/${checked} targets met; total ${((performance.now() - started) / 1000).toFixed(1)} s (bench-out/run.db is a scratch copy)`
);

async function communityCases(): Promise<void> {
	const { db, info, built } = benchDatabase(options, { rebuild: args.rebuild, log });
	log(
		`data: ${info.counts.units.toLocaleString('en')} units, ${info.counts.bills.toLocaleString('en')} bills, ` +
			`${info.counts.payments.toLocaleString('en')} payments, ${info.counts.lines.toLocaleString('en')} payment lines; ` +
			`today ${info.today} (${info.timeZone})${built ? `; built in ${info.buildSeconds.toFixed(1)} s` : ''}`
	);
	log(machine());

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

	for (const c of selected) {
		process.stdout.write(`… ${c.title}\n`);
		try {
			results.push({ title: c.title, ...(await c.run(ctx)) });
		} catch (e) {
			console.error(e);
			results.push({ title: c.title, figures: [], skipped: `error: ${(e as Error).message}` });
		}
	}

	db.$client.close();
}
