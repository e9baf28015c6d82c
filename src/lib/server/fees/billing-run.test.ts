import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { units } from '../db/schema';
import { forgetCommunity } from '../community';
import { ensureFeeItems, generateMonthlyBills } from './index';
import { billsInMonth, buildingsWithUnits, unitIdsInBuilding } from './billing-run';

let db: Db;
let f: Fixture;

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	const now = Date.parse('2026-11-23T01:00:00Z');
	// Buildings 2 and 10 as well, to check the natural order (a text sort puts 10 before 2).
	for (const code of ['10-1-101', '2-1-101', '2-1-102']) {
		const [building, entrance, room] = code.split('-');
		db.insert(units)
			.values({
				communityId: f.communityId,
				building,
				entrance,
				room,
				code,
				areaCenti: 8000,
				occupancy: 'occupied',
				parkingSpaces: 0,
				createdAt: now
			})
			.run();
	}
});

describe('billing page queries', () => {
	it('lists buildings in natural order with their unit counts, this community only', () => {
		expect(buildingsWithUnits(db, f.communityId)).toEqual([
			{ building: '1', units: 3 },
			{ building: '2', units: 2 },
			{ building: '10', units: 1 }
		]);
		expect(buildingsWithUnits(db, f.otherCommunityId)).toEqual([{ building: '9', units: 1 }]);
	});

	it('gives the units of one building', () => {
		expect(unitIdsInBuilding(db, f.communityId, '1').sort()).toEqual([...f.unitIds].sort());
		expect(unitIdsInBuilding(db, f.communityId, '9')).toEqual([]);
		expect(unitIdsInBuilding(db, f.otherCommunityId, '9')).toEqual([f.otherUnitId]);
	});

	it('counts the bills a month already has', () => {
		ensureFeeItems(db, f.communityId);
		expect(billsInMonth(db, f.communityId, '2026-11')).toBe(0);
		const r = generateMonthlyBills(db, f.communityId, '2026-11', { actorId: f.managerId });
		expect(r.created).toBeGreaterThan(0);
		expect(billsInMonth(db, f.communityId, '2026-11')).toBe(r.created);
		expect(billsInMonth(db, f.communityId, '2026-10')).toBe(0);
		expect(billsInMonth(db, f.otherCommunityId, '2026-11')).toBe(0);
	});
});
