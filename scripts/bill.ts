/**
 * Monthly billing from the command line: `npm run bill -- --month 2026-12 [--community LMXG]`.
 * Creates the month's bills for every unit of the community in one transaction; idempotent (a
 * second run creates nothing). Uses DATABASE_URL (default data/frontdesk.db).
 */
import { openDb } from '../src/lib/server/db/index.ts';
import { ensureFeeItems, generateMonthlyBills } from '../src/lib/server/fees/index.ts';
import { isValidMonth } from '../src/lib/dates.ts';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i !== -1) return process.argv[i + 1];
	const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
	return eq?.slice(name.length + 3);
}

const month = arg('month');
if (!month || !isValidMonth(month)) {
	console.error('usage: npm run bill -- --month YYYY-MM [--community CODE]');
	process.exit(2);
}
const file = process.env.DATABASE_URL ?? 'data/frontdesk.db';
const db = openDb(file);
const code = arg('community');
const rows = db.$client
	.prepare(
		code
			? 'SELECT id, code, name FROM communities WHERE code = ?'
			: 'SELECT id, code, name FROM communities ORDER BY id'
	)
	.all(...(code ? [code] : [])) as { id: number; code: string; name: string }[];
if (rows.length === 0) {
	console.error(
		code
			? `no community with code ${code}`
			: 'no community in the database (run npm run seed first)'
	);
	process.exit(1);
}
for (const c of rows) {
	ensureFeeItems(db, c.id);
	const t = performance.now();
	let last = 0;
	const r = generateMonthlyBills(db, c.id, month, {
		onProgress: (done, total) => {
			if (process.stdout.isTTY && (done - last >= 2000 || done === total)) {
				last = done;
				process.stdout.write(`\r${c.code} ${month}: ${done}/${total} units`);
			}
		}
	});
	if (process.stdout.isTTY) process.stdout.write('\n');
	console.log(
		`${c.code} ${c.name} ${month}: created ${r.created}, existing ${r.existing} (${Math.round(performance.now() - t)} ms)`
	);
}
db.$client.close();
