import { describe, expect, it } from 'vitest';
import { createSqliteTestDb, createTestDb } from '../db/test-db';
import { staffUsers } from '../db/schema';
import { seedDemo } from './demo';

const today = new Date('2026-11-23T01:00:00Z');

describe('demo accounts', () => {
	it(
		'in the demo sign in with the printed password; outside it they must choose their own first',
		{ timeout: 300_000 },
		async () => {
			const demo = createTestDb();
			await seedDemo(demo, { password: 'demo-Passw0rd', today });
			const demoUsers = demo.select().from(staffUsers).all();
			expect(demoUsers.map((u) => u.username).sort()).toEqual([
				'admin',
				'clerk',
				'clerk2',
				'hq',
				'hxclerk',
				'manager'
			]);
			expect(demoUsers.every((u) => !u.mustChangePassword)).toBe(true);

			// The second seed on SQLite: the flag is the seed's, and a seed on PostgreSQL through the
			// bridge takes a minute (one statement at a time), once is enough there.
			const live = createSqliteTestDb();
			await seedDemo(live, { password: 'live-Passw0rd', today, mustChangePassword: true });
			const liveUsers = live.select().from(staffUsers).all();
			expect(liveUsers).toHaveLength(6);
			expect(liveUsers.every((u) => u.mustChangePassword)).toBe(true);
		}
	);
});
