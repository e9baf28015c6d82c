/**
 * The triggers rewritten in PL/pgSQL keep the same rows as SQLite's: the arrears triggers
 * (open_bills, principal_postings: drizzle/0024, 0026 → drizzle-pg/0000), played through one ledger
 * story on both databases and compared after every step, and the settings version (drizzle/0042 →
 * drizzle-pg/0001).
 * Needs PostgreSQL (PG_TEST_URL; see pg-test-db.ts).
 */
import { expect, it } from 'vitest';
import { describePg } from './pg-test-db';
import { createTestDb } from './test-db';

const SETUP = [
	`INSERT INTO communities (id, code, name, centre_name, created_at) VALUES (1, 'T', 't', 't', 0)`,
	`INSERT INTO units (id, community_id, building, entrance, room, code, area_centi, created_at)
	 VALUES (1, 1, '1', '1', '101', '1-1-101', 10000, 0)`,
	`INSERT INTO fee_items (id, community_id, code, name_zh, name_en, basis, created_at)
	 VALUES (1, 1, 'PM', '物业费', 'Property fee', 'area', 0)`,
	`INSERT INTO staff_users (id, community_id, username, display_name, work_no, role, password_hash, created_at)
	 VALUES (1, 1, 'c', 'c', '1', 'cashier', 'x', 0)`
];

function bill(id: number, month: string, fen: number) {
	return `INSERT INTO bills (id, community_id, unit_id, fee_item_id, month, due_date, principal_fen, full_fen, rate_fen, created_at)
		VALUES (${id}, 1, 1, 1, '${month}', '${month}-28', ${fen}, ${fen}, 100, 0)`;
}

function payment(id: number, date: string, totalFen: number) {
	return `INSERT INTO payments (id, community_id, receipt_no, receipt_year, receipt_seq, purpose, payer_name, method,
			total_fen, cashier_id, idempotency_key, verify_code, local_date, created_at)
		VALUES (${id}, 1, 'SF-2026-${id}', 2026, ${id}, 'property_fee', 'p', 'cash', ${totalFen}, 1, 'k${id}', 'v${id}', '${date}', 0)`;
}

function line(
	id: number,
	paymentId: number,
	billId: number,
	kind: string,
	fen: number,
	detail = '{}'
) {
	return `INSERT INTO payment_lines (id, payment_id, kind, bill_id, item_code, amount_fen, detail)
		VALUES (${id}, ${paymentId}, '${kind}', ${billId}, 'PM', ${fen}, '${detail}')`;
}

/** Each step: what happens at the counter, in SQL both dialects take. */
const STORY: [string, string[]][] = [
	[
		'four bills',
		[
			bill(1, '2026-01', 10000),
			bill(2, '2026-02', 10000),
			bill(3, '2026-03', 10000),
			bill(4, '2026-04', 5000)
		]
	],
	['bill 1 paid on time', [payment(1, '2026-01-20', 10000), line(1, 1, 1, 'principal', 10000)]],
	[
		'bill 2 paid late, with 100 of its 300 late fee',
		[
			payment(2, '2026-03-15', 10100),
			line(2, 2, 2, 'principal', 10000),
			line(3, 2, 2, 'late_fee', 100, '{"lateFeeFen":300}')
		]
	],
	['bill 3 paid in part', [payment(3, '2026-03-10', 4000), line(4, 3, 3, 'principal', 4000)]],
	[
		'bill 3 credited the rest (空置减免)',
		[
			`INSERT INTO vacancy_credits (id, community_id, unit_id, source_bill_id, bill_id, amount_fen, vacancy_percent, local_date, created_at)
			 VALUES (1, 1, 1, 3, 3, 6000, 40, '2026-03-12', 0)`
		]
	],
	[
		"the rest of bill 2's late fee waived",
		[
			`INSERT INTO waiver_entries (id, bill_id, amount_fen, approved_by, local_date, created_at)
			 VALUES (1, 2, 200, 1, '2026-03-16', 0)`
		]
	],
	[
		'the waiver reversed: bill 2 owes again',
		[
			`INSERT INTO waiver_entries (id, bill_id, amount_fen, approved_by, local_date, created_at, reverses_id)
			 VALUES (2, 2, -200, 1, '2026-03-17', 0, 1)`
		]
	],
	[
		// Lines of one payment in one statement, as postPayment writes them (PostgreSQL runs its
		// trigger once per statement, drizzle-pg/0002): bill 2's late fee settled; bill 4 paid late,
		// its second late-fee line (the last of the day) naming the fee still owed, so it stays open.
		'bill 2 and bill 4 in one statement',
		[
			payment(4, '2026-05-20', 5350),
			`INSERT INTO payment_lines (id, payment_id, kind, bill_id, item_code, amount_fen, detail) VALUES
				(5, 4, 'late_fee', 2, 'PM', 200, '{"lateFeeFen":300}'),
				(6, 4, 'principal', 4, 'PM', 5000, '{}'),
				(7, 4, 'late_fee', 4, 'PM', 100, '{"lateFeeFen":150}'),
				(8, 4, 'late_fee', 4, 'PM', 50, '{"lateFeeFen":400}')`
		]
	],
	[
		'payment 1 voided: bill 1 owes again',
		[
			`INSERT INTO payment_voids (id, payment_id, reason, voided_by, local_date, created_at)
			 VALUES (1, 1, 'wrong unit', 1, '2026-03-20', 0)`
		]
	]
];

const SNAPSHOT = {
	open_bills: `SELECT * FROM open_bills ORDER BY bill_id`,
	principal_postings: `SELECT * FROM principal_postings ORDER BY id`,
	bill_settlement: `SELECT * FROM bill_settlement ORDER BY bill_id`,
	settled_bills: `SELECT * FROM settled_bills ORDER BY bill_id`
};

/** Rows as text: PostgreSQL hands bigint and numeric back as strings, SQLite as numbers. */
function asText(rows: Record<string, unknown>[]): Record<string, string | null>[] {
	return rows.map((r) =>
		Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]))
	);
}

describePg('PostgreSQL arrears triggers', (db) => {
	it('keep open_bills and principal_postings as SQLite does, step by step', async () => {
		const sqlite = createTestDb().$client;
		const pg = db();
		for (const sql of SETUP) {
			sqlite.exec(sql);
			await pg.query(sql);
		}
		const open: string[] = [];
		for (const [step, statements] of STORY) {
			await pg.query('BEGIN');
			for (const sql of statements) {
				sqlite.exec(sql);
				await pg.query(sql);
			}
			await pg.query('COMMIT');
			for (const [name, sql] of Object.entries(SNAPSHOT)) {
				const expected = asText(sqlite.prepare(sql).all() as Record<string, unknown>[]);
				const actual = asText((await pg.query(sql)).rows);
				expect(actual, `${name} after "${step}"`).toEqual(expected);
				if (name === 'open_bills') open.push(actual.map((r) => r.bill_id).join(' '));
			}
		}
		sqlite.close();
		// The story moved bills in and out (an unchanging open_bills would prove nothing).
		expect(open).toEqual(['1 2 3 4', '2 3 4', '2 3 4', '2 3 4', '2 4', '4', '2 4', '4', '1 4']);
	});

	it('bump the settings version as SQLite does', async () => {
		const sqlite = createTestDb().$client;
		const pg = db();
		const statements = [
			`INSERT INTO communities (id, code, name, centre_name, created_at) VALUES (2, 'S', 's', 's', 0)`,
			`UPDATE communities SET name = 'renamed' WHERE id = 2`,
			`UPDATE communities SET settings = '{"dueDay":10}' WHERE id = 2`,
			`INSERT INTO setting_changes (community_id, key, value, effective_from, created_at)
			 VALUES (2, 'lateFeeRate', '5', '2026-01-01', 0)`
		];
		const version = `SELECT settings_version FROM communities WHERE id = 2`;
		const seen: [number, number][] = [];
		for (const sql of statements) {
			sqlite.exec(sql);
			await pg.query(sql);
			const s = (sqlite.prepare(version).get() as { settings_version: number }).settings_version;
			seen.push([s, (await pg.query(version)).rows[0].settings_version]);
		}
		sqlite.close();
		expect(seen).toEqual([
			[0, 0],
			[1, 1],
			[2, 2],
			[3, 3]
		]);
	});
});
