import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { units as unitsTable } from '../db/schema';
import { forgetCommunity } from '../community';
import { seedFees } from './seed';
import { seedWithShifts } from '../shifts/seed';
import { unitAccount } from './account';

let db: Db;
let f: Fixture;
const today = new Date('2026-11-23T01:00:00Z'); // 09:00 in Shanghai

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	// A floor-3 unit, which the demo leaves owing its last three months.
	db.insert(unitsTable)
		.values({
			communityId: f.communityId,
			building: '1',
			entrance: '1',
			room: '301',
			code: '1-1-301',
			areaCenti: 10000,
			occupancy: 'occupied',
			handoverNoticeDate: '2021-09-01',
			createdAt: 0
		})
		.run();
});

describe('seedFees', () => {
	it('bills 12 months, pays them through postFeePayment, leaves the designated units owing; idempotent', async () => {
		await seedWithShifts(db, { communityId: f.communityId, today }, () =>
			seedFees(db, { communityId: f.communityId, today })
		);
		const q = (sql: string) => db.$client.prepare(sql).get() as Record<string, number | string>;
		expect(
			q(
				`SELECT min(month) AS a, max(month) AS b FROM bills WHERE community_id = ${f.communityId} AND source = 'monthly'`
			)
		).toEqual({ a: '2025-12', b: '2026-11' });
		const owing = unitAccount(
			db,
			f.communityId,
			q(`SELECT id FROM units WHERE code = '1-1-301'`).id as number,
			'2026-11-23'
		)!;
		expect(owing.bills.map((b) => b.month)).toEqual(['2026-09', '2026-10', '2026-11']);
		expect(owing.totals.lateFeeDueFen).toBeGreaterThan(0);
		for (const unitId of f.unitIds)
			expect(unitAccount(db, f.communityId, unitId, '2026-11-23')!.bills, `unit ${unitId}`).toEqual(
				[]
			);
		// Receipts follow the calendar: numbered per year, never dated after the seed's "now".
		expect(q(`SELECT min(receipt_no) AS a FROM payments`).a).toBe('SF-2025-000001');
		expect(q(`SELECT max(created_at) AS t FROM payments`).t as number).toBeLessThanOrEqual(
			today.getTime()
		);
		expect(
			q(
				`SELECT count(*) AS n FROM payments a
				JOIN payments b ON b.receipt_year = a.receipt_year AND b.receipt_seq = a.receipt_seq + 1
				WHERE b.created_at < a.created_at`
			).n
		).toBe(0);
		const counts = q(
			`SELECT (SELECT count(*) FROM bills) AS bills, (SELECT count(*) FROM payments) AS payments`
		);
		// Every cash receipt lies inside a shift of its cashier, handed over with the cash counted right.
		expect(
			q(`SELECT count(*) AS n FROM payments WHERE method = 'cash'`).n as number
		).toBeGreaterThan(0);
		expect(
			q(`SELECT count(*) AS n FROM payments p WHERE p.method = 'cash' AND NOT EXISTS (SELECT 1 FROM cashier_shifts s JOIN shift_closes c ON c.shift_id = s.id
				WHERE s.cashier_id = p.cashier_id AND s.opened_at <= p.created_at AND c.closed_at >= p.created_at)`)
				.n
		).toBe(0);
		expect(q(`SELECT sum(cash_received_fen) AS fen FROM shift_closes`).fen).toBe(
			q(`SELECT sum(total_fen) AS fen FROM payments WHERE method = 'cash'`).fen
		);
		expect(q(`SELECT count(*) AS n FROM shift_closes WHERE difference_fen <> 0`).n).toBe(0);
		await seedWithShifts(db, { communityId: f.communityId, today }, () =>
			seedFees(db, { communityId: f.communityId, today })
		);
		expect(
			q(`SELECT (SELECT count(*) FROM bills) AS bills, (SELECT count(*) FROM payments) AS payments`)
		).toEqual(counts);
	});

	it('outside seedWithShifts its cash is refused: cash only inside a shift', () => {
		expect(() => seedFees(db, { communityId: f.communityId, today })).toThrow(/no_open_shift/);
		expect(db.$client.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 0 });
	});
});
