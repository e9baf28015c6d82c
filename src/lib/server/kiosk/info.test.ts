import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { feeItems, feeRates } from '../db/schema';
import { publicStaffList, ratesInForce } from './info';
import { savePerson, setPresence } from '../directory';

// Moved from the kiosk's info route into the kiosk area (issue 12: routes never query).
let db: Db;
let f: Fixture;
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
});

describe('kiosk public information', () => {
	it('lists the rate in force this month per item; an item with none yet is left out', () => {
		const item = (
			code: string,
			sort: number,
			basis: 'per_area' | 'per_unit',
			communityId = f.communityId
		) =>
			db
				.insert(feeItems)
				.values({
					communityId,
					code,
					nameZh: code,
					nameEn: code,
					basis,
					vacancyApplies: false,
					sort,
					createdAt: 0
				})
				.returning()
				.get().id;
		const a = item('area', 1, 'per_area');
		db.insert(feeRates)
			.values([
				{ feeItemId: a, fromMonth: '2026-01', rateFen: 250, createdAt: 0 },
				{ feeItemId: a, fromMonth: '2026-10', rateFen: 265, createdAt: 0 },
				{ feeItemId: a, fromMonth: '2027-01', rateFen: 300, createdAt: 0 }
			])
			.run();
		const later = item('later', 2, 'per_unit');
		db.insert(feeRates)
			.values({ feeItemId: later, fromMonth: '2027-01', rateFen: 1000, createdAt: 0 })
			.run();
		const other = item('other', 1, 'per_unit', f.otherCommunityId);
		db.insert(feeRates)
			.values({ feeItemId: other, fromMonth: '2026-01', rateFen: 999, createdAt: 0 })
			.run();
		expect(ratesInForce(db, f.communityId, '2026-11')).toEqual([
			{ nameZh: 'area', nameEn: 'area', basis: 'per_area', rateFen: 265, fromMonth: '2026-10' }
		]);
	});

	it('shows the directory’s people in the hall (never the accounts), in wall order, with where they are', () => {
		const actor = { id: f.managerId, communityId: f.communityId, role: 'manager' as const };
		const T = Date.parse('2026-11-23T02:00:00Z');
		const person = (name: string, workNo: string, sort: number, active = true) =>
			savePerson(
				db,
				actor,
				null,
				{ name, workNo, position: '客服专员', department: '', extension: '801', sort, active },
				T
			);
		expect(publicStaffList(db, f.communityId, T)).toEqual([]);
		const li = person('李静', 'KF002', 20);
		person('王主管', 'KF001', 10);
		person('已离职', 'KF009', 30, false);
		setPresence(db, actor, li, { status: 'out', untilMs: T + 3_600_000, note: '' }, T);
		expect(publicStaffList(db, f.communityId, T + 1)).toEqual([
			{
				name: '王主管',
				workNo: 'KF001',
				position: '客服专员',
				extension: '801',
				presence: 'on_duty'
			},
			{ name: '李静', workNo: 'KF002', position: '客服专员', extension: '801', presence: 'out' }
		]);
		expect(publicStaffList(db, f.communityId, T + 3_600_000)[1].presence).toBe('on_duty');
	});
});
