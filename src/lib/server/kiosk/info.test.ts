import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { feeItems, feeRates, staffUsers } from '../db/schema';
import { eq } from 'drizzle-orm';
import { publicStaffList, ratesInForce } from './info';

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

	it('lists active staff of the community by work number, with nothing but name, number and role', () => {
		db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, f.clerk2Id)).run();
		const list = publicStaffList(db, f.communityId);
		expect(list).toEqual([
			{ name: 'admin', workNo: 'ADMIN', role: 'admin' },
			{ name: 'clerk', workNo: 'CLERK', role: 'clerk' },
			{ name: 'manager', workNo: 'MANAGER', role: 'manager' }
		]);
	});
});
