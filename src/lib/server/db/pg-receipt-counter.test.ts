/**
 * receipt_counters (drizzle-pg/0000) gives gap-free receipt numbers per community and year with
 * several app instances, as docs/company-deployment.md §1.3 plans: the payment transaction locks
 * the row, so a second payment waits, and a rolled-back payment gives its number back.
 * Needs PostgreSQL (PG_TEST_URL; see pg-test-db.ts).
 */
import type pg from 'pg';
import { expect, it } from 'vitest';
import { describePg } from './pg-test-db';

/** The statements the payment transaction will send (the data layer is not built yet). */
async function takeNumber(c: pg.Client, community: number, year: number): Promise<number> {
	await c.query(`INSERT INTO receipt_counters VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`, [
		community,
		year
	]);
	const { rows } = await c.query<{ seq: number }>(
		`SELECT last_seq + 1 AS seq FROM receipt_counters WHERE community_id = $1 AND year = $2 FOR UPDATE`,
		[community, year]
	);
	await c.query(`UPDATE receipt_counters SET last_seq = $3 WHERE community_id = $1 AND year = $2`, [
		community,
		year,
		rows[0].seq
	]);
	return rows[0].seq;
}

describePg('PostgreSQL receipt counter', (db, connect) => {
	it('numbers one community-year without gaps across sessions, rollbacks included', async () => {
		await db().query(
			`INSERT INTO communities (id, code, name, centre_name, created_at) VALUES (1, 'A', 'a', 'a', 0)`
		);
		const [a, b] = [await connect(), await connect()];
		await a.query('BEGIN');
		expect(await takeNumber(a, 1, 2026)).toBe(1);
		await b.query('BEGIN');
		let bGot: number | undefined;
		const bTakes = takeNumber(b, 1, 2026).then((n) => (bGot = n));
		await new Promise((r) => setTimeout(r, 200));
		expect(bGot, 'the second payment waits for the first').toBeUndefined();
		await a.query('ROLLBACK');
		expect(await bTakes, 'the rolled-back number is given again').toBe(1);
		await b.query('COMMIT');

		const sessions = await Promise.all(Array.from({ length: 8 }, () => connect()));
		const numbers = await Promise.all(
			sessions.map(async (s) => {
				await s.query('BEGIN');
				const n = await takeNumber(s, 1, 2026);
				await s.query('COMMIT');
				return n;
			})
		);
		expect(numbers.sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
		expect(await takeNumber(db(), 1, 2027), 'a new year starts at 1').toBe(1);
	});

	it('refuses a negative counter and a community that does not exist', async () => {
		await expect(
			db().query(`UPDATE receipt_counters SET last_seq = -1 WHERE community_id = 1`)
		).rejects.toMatchObject({ code: '23514' });
		await expect(
			db().query(`INSERT INTO receipt_counters VALUES (99, 2026, 0)`)
		).rejects.toMatchObject({ code: '23503' });
	});
});
