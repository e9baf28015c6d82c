/**
 * One app instance of the two-instance PostgreSQL bench (scripts/bench/pg.ts): opens its own
 * connection with openDb(url), takes its share of units and cashiers, prints "ready", waits for
 * "go" on stdin, runs the case and prints its result (or its error) as JSON. Progress goes to stderr.
 */
import { once } from 'node:events';
import { openDb } from '../../src/lib/server/db/index.ts';
import { benchCases, benchUnits, type BenchContext } from './cases.ts';
import { rng } from './dataset.ts';
import type { InstanceJob, InstanceResult } from './pg.ts';

const job = JSON.parse(process.argv[2]) as InstanceJob;
const mine = <T>(list: readonly T[]) => list.filter((_, i) => i % job.of === job.instance);
const c = benchCases.find((b) => b.id === job.caseId);

// The result, or the error, is the last thing on stdout: the runner reports either.
try {
	const db = openDb(job.url);
	const ctx: BenchContext = {
		db,
		info: { ...job.info, cashierIds: mine(job.info.cashierIds) },
		units: mine(benchUnits(db, job.info)),
		random: rng(42 + job.instance),
		samples: job.samples,
		receipts: [],
		log: (line) => console.error(line)
	};
	process.stdout.write('ready\n');
	await once(process.stdin, 'data');
	if (!c) throw new Error(`no bench case ${job.caseId}`);
	const startedAt = Date.now();
	const result = await c.run(ctx);
	const out: InstanceResult = { ...result, startedAt, endedAt: Date.now() };
	db.$client.close();
	process.stdout.write(JSON.stringify(out));
	process.exit(0);
} catch (e) {
	console.error(e);
	process.stdout.write(JSON.stringify({ error: (e as Error).message }));
	process.exit(1);
}
