import type Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describePg } from '../db/pg-test-db';
import { createSqliteTestDb } from '../db/test-db';
import { seedDemo } from '../seed/demo';
import { moveToPostgres, MoveRefused, MoveVerificationFailed, type MoveResult } from './move';

// The demo's ledger: bills, payments in two years, a void, waivers, renovation deposits and their
// settlement, tickets, key loans, records; two communities (LMXG, HXY).
const today = new Date('2026-11-23T01:00:00Z');

async function count(db: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
	return Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
}

async function totals(db: pg.Client): Promise<number[]> {
	const out: number[] = [];
	for (const t of [
		'communities',
		'bills',
		'payments',
		'payment_lines',
		'principal_postings',
		'audit_log'
	])
		out.push(await count(db, `SELECT COUNT(*) AS n FROM ${t}`));
	return out;
}

describePg('move-to-postgres: a SQLite centre into the company database', (db) => {
	let sqlite: Database.Database;
	let otherId: number;

	beforeAll(async () => {
		// The seed's commands read the app clock: the same day as `today`.
		vi.stubEnv('FRONTDESK_FIXED_NOW', today.toISOString());
		const file = createSqliteTestDb();
		await seedDemo(file, { password: 'demo-Passw0rd', today });
		sqlite = file.$client;
		// The company database already holds a centre: its rows take the first ids.
		const other = await db().query<{ id: string }>(
			`INSERT INTO communities (code, name, centre_name, time_zone, settings, created_at)
			 VALUES ('OTHER', '别的小区', '别的小区管理处', 'Asia/Shanghai', '{}', 0) RETURNING id`
		);
		otherId = Number(other.rows[0].id);
		for (let i = 0; i < 3; i++)
			await db().query(
				`INSERT INTO units (community_id, code, building, entrance, room, area_centi, created_at)
				 VALUES ($1, 'O-' || $2, '1', '1', $2, 9000, 0)`,
				[otherId, String(i)]
			);
	}, 180_000);

	afterAll(() => {
		vi.unstubAllEnvs();
	});

	it('a failing verification rolls everything back', async () => {
		const before = await totals(db());
		const failed = await moveToPostgres(sqlite, db(), {
			// A line the file does not have: the balances differ.
			beforeVerify: async (client, maps) => {
				const line = [...maps.get('payment_lines')!.values()][0];
				const { rows } = await client.query<{ c: string }>(
					`SELECT string_agg(column_name, ', ') AS c FROM information_schema.columns
					 WHERE table_schema = current_schema() AND table_name = 'payment_lines' AND column_name <> 'id'`
				);
				await client.query(
					`INSERT INTO payment_lines (${rows[0].c}) SELECT ${rows[0].c} FROM payment_lines WHERE id = $1`,
					[line]
				);
			}
		}).catch((e) => e);
		expect(failed).toBeInstanceOf(MoveVerificationFailed);
		expect((failed as Error).message).toMatch(
			/✗ LMXG payment_lines: file 5243 rows, \d+ fen, PostgreSQL 5244 rows/
		);
		expect(await totals(db())).toEqual(before);
		expect(await count(db(), `SELECT COUNT(*) AS n FROM communities WHERE code = 'LMXG'`)).toBe(0);
	}, 120_000);

	it('refuses a username the company database already has, writing nothing', async () => {
		const before = await totals(db());
		await db().query(
			`INSERT INTO staff_users (community_id, username, display_name, work_no, role, password_hash, created_at)
			 VALUES ($1, 'clerk2', '别人', 'X1', 'clerk', 'x', 0)`,
			[otherId]
		);
		await expect(moveToPostgres(sqlite, db())).rejects.toThrow(
			/usernames clerk2 are already taken in the PostgreSQL database/
		);
		await db().query(`DELETE FROM staff_users WHERE username = 'clerk2'`);
		expect(await totals(db())).toEqual(before);
	});

	let result: MoveResult;
	it('moves: new ids, codes kept, rows and balances verified', async () => {
		const lines: string[] = [];
		result = await moveToPostgres(sqlite, db(), { log: (l) => lines.push(l), sourceName: 'demo' });
		expect(result.checks.every((c) => c.ok)).toBe(true);
		expect(lines).toContain('bills: 5292');
		const lmxg = result.communities.find((c) => c.code === 'LMXG')!;
		expect(lmxg.newId).not.toBe(lmxg.oldId);
		for (const t of ['bills', 'payments', 'payment_lines', 'tickets', 'waiver_entries'])
			expect(await count(db(), `SELECT COUNT(*) AS n FROM ${t}`)).toBe(
				(sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
			);
		// The centre that was there is untouched.
		expect(
			await count(db(), `SELECT COUNT(*) AS n FROM units WHERE community_id = $1`, [otherId])
		).toBe(3);
		// Every id was mapped; only the file's company-wide rights were dropped.
		expect(result.left).toEqual([
			'staff_users admin: company admin in the file, not in the company (grant it again if meant)',
			'staff_users hq: head-office account deactivated (the company has its own)'
		]);
		const { rows } = await db().query(
			`SELECT username, company_admin, active FROM staff_users WHERE username IN ('admin', 'hq', 'clerk') ORDER BY username`
		);
		expect(rows).toEqual([
			{ username: 'admin', company_admin: false, active: true },
			{ username: 'clerk', company_admin: false, active: true },
			{ username: 'hq', company_admin: false, active: false }
		]);
	}, 120_000);

	it('foreign keys point at the moved rows: a payment line’s bill is of the moved unit', async () => {
		const src = sqlite
			.prepare(
				`SELECT p.receipt_no, u.code AS unit, b.month, l.amount_fen FROM payment_lines l
				 JOIN payments p ON p.id = l.payment_id JOIN bills b ON b.id = l.bill_id JOIN units u ON u.id = b.unit_id
				 JOIN communities c ON c.id = p.community_id WHERE c.code = 'HXY' ORDER BY l.id LIMIT 1`
			)
			.get() as { receipt_no: string; unit: string; month: string; amount_fen: number };
		const { rows } = await db().query(
			`SELECT u.code AS unit, b.month, l.amount_fen, bc.code AS bill_community, uc.code AS unit_community
			 FROM payment_lines l JOIN payments p ON p.id = l.payment_id JOIN communities c ON c.id = p.community_id
			 JOIN bills b ON b.id = l.bill_id JOIN units u ON u.id = b.unit_id
			 JOIN communities bc ON bc.id = b.community_id JOIN communities uc ON uc.id = u.community_id
			 WHERE c.code = 'HXY' AND p.receipt_no = $1 ORDER BY l.id LIMIT 1`,
			[src.receipt_no]
		);
		// HXY's unit codes repeat LMXG's: the bill must be HXY's unit, not LMXG's of the same code.
		expect(rows[0]).toEqual({
			unit: src.unit,
			month: src.month,
			amount_fen: String(src.amount_fen),
			bill_community: 'HXY',
			unit_community: 'HXY'
		});
	});

	it('ids held in JSON and in the audit target are remapped', async () => {
		const src = sqlite
			.prepare(
				`SELECT a.detail, a.target_id, u.code FROM audit_log a JOIN units u ON u.id = CAST(a.target_id AS INTEGER)
				 WHERE a.action = 'records.tie.add' ORDER BY a.id LIMIT 1`
			)
			.get() as { detail: string; target_id: string; code: string };
		const old = JSON.parse(src.detail) as { tieId: number; unitId: number; personId: number };
		const { rows } = await db().query<{ detail: string; target_id: string }>(
			`SELECT detail, target_id FROM audit_log WHERE action = 'records.tie.add' ORDER BY id LIMIT 1`
		);
		const moved = JSON.parse(rows[0].detail) as typeof old;
		expect(moved.tieId).not.toBe(old.tieId);
		const tie = await db().query(
			`SELECT u.code, t.unit_id, t.owner_id FROM unit_owners t JOIN units u ON u.id = t.unit_id WHERE t.id = $1`,
			[moved.tieId]
		);
		expect(tie.rows[0]).toEqual({
			code: src.code,
			unit_id: String(moved.unitId),
			owner_id: String(moved.personId)
		});
		expect(rows[0].target_id).toBe(String(moved.unitId));
		// A waiver's approval names its payment by id.
		const waiver = await db().query<{ detail: string }>(
			`SELECT detail FROM waiver_events WHERE detail LIKE '%paymentId%' LIMIT 1`
		);
		expect(waiver.rows.length).toBe(1);
		const { paymentId } = JSON.parse(waiver.rows[0].detail) as { paymentId: number };
		expect(
			await count(
				db(),
				`SELECT COUNT(*) AS n FROM payments p JOIN communities c ON c.id = p.community_id
				 WHERE p.id = $1 AND c.code IN ('LMXG', 'HXY')`,
				[paymentId]
			)
		).toBe(1);
	});

	it('receipt numbers: the same per year, and the counter at the highest', async () => {
		const { rows } = await db().query<{ year: number; last_seq: number; max: number; n: string }>(
			`SELECT r.year, r.last_seq, MAX(p.receipt_seq) AS max, COUNT(*) AS n FROM receipt_counters r
			 JOIN communities c ON c.id = r.community_id
			 JOIN payments p ON p.community_id = r.community_id AND p.receipt_year = r.year
			 WHERE c.code = 'LMXG' GROUP BY r.year, r.last_seq ORDER BY r.year`
		);
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) {
			expect(r.last_seq).toBe(r.max);
			expect(Number(r.n)).toBe(r.max);
		}
	});

	it('a second run is refused and writes nothing', async () => {
		const before = await totals(db());
		await expect(moveToPostgres(sqlite, db())).rejects.toThrow(MoveRefused);
		await expect(moveToPostgres(sqlite, db())).rejects.toThrow(
			/community HXY, LMXG is already in the PostgreSQL database/
		);
		expect(await totals(db())).toEqual(before);
		expect(
			await count(db(), `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'community.moved_in'`)
		).toBe(2);
	});
});
