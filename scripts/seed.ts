/**
 * Demo data: one community (鹿鸣溪谷管理处) with 320 units, owners and staff accounts.
 * Idempotent: a second run changes nothing (except resetting demo passwords to DEMO_PASSWORD).
 * Usage: npm run seed   (DATABASE_URL, DEMO_PASSWORD optional)
 */
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/lib/server/db/index.ts';
import { seedDemo } from '../src/lib/server/seed/demo.ts';
import { clockNow } from '../src/lib/server/clock.ts';

if (process.env.NODE_ENV === 'production' && !process.argv.includes('--force')) {
	console.error(
		'Refusing to load demo data with NODE_ENV=production (use --force if you really mean it).'
	);
	process.exit(1);
}

const file = process.env.DATABASE_URL ?? 'data/frontdesk.db';
const password = process.env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
const db = openDb(file);
// Outside the demo the accounts must choose their own password at first sign-in.
const live = process.env.NODE_ENV === 'production';
const result = await seedDemo(db, { password, today: clockNow(), mustChangePassword: live });
console.log(`database: ${file}`);
console.log(`community: ${result.communityName} (${result.units} units)`);
if (result.createdUsers) {
	console.log(
		`demo accounts: admin (also company admin), manager, clerk, clerk2 (also at 荷香苑), hq (head office, read-only), hxclerk (荷香苑) — password: ${password}${live ? ' (each must choose a new one at first sign-in)' : ''}`
	);
} else if (process.env.DEMO_PASSWORD) {
	console.log(`demo accounts exist; password set to DEMO_PASSWORD`);
} else {
	console.log(
		'demo accounts already exist; their password is unchanged (set DEMO_PASSWORD to reset it)'
	);
}
db.$client.close();
