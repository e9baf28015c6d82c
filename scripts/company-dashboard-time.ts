/**
 * How long the head-office dashboard (issue 22) takes over a database.
 *   DATABASE_URL=data/frontdesk.db npx tsx scripts/company-dashboard-time.ts [runs]
 * Prints the first (cold: prepared statements, caches) and the warm median and worst wall time
 * of `companyDashboard` over every community, and how many centres and units it covered.
 */
import { openDb } from '../src/lib/server/db/index.ts';
import { companyDashboard } from '../src/lib/server/company/dashboard.ts';

const file = process.env.DATABASE_URL ?? 'data/frontdesk.db';
const runs = Number(process.argv[2] ?? 20);
const db = openDb(file, { migrate: false });
const time = () => {
	const t = performance.now();
	const board = companyDashboard(db);
	return { ms: performance.now() - t, board };
};
const first = time();
const warm = Array.from({ length: runs }, () => time().ms).sort((a, b) => a - b);
const units = (db.$client.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
console.log(
	`company dashboard over ${first.board.centres.length} centres, ${units} units: ` +
		`first ${first.ms.toFixed(1)} ms, warm median ${warm[Math.floor(runs / 2)].toFixed(1)} ms, ` +
		`worst ${warm[runs - 1].toFixed(1)} ms (${runs} runs)`
);
for (const c of first.board.centres)
	console.log(
		`  ${c.code} ${c.asOf}: month ${c.monthFen} fen, rate ${c.rateBp} bp, arrears ${c.arrearsFen} fen`
	);
