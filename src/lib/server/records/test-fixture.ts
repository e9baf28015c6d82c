// Tests' 过户 between the fixture's units and owners (as its manager), so each test reads as its story.
import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { transferOwnership } from './commands';

/** Transfers fixture unit `unit` to fixture owner `newOwner` on `date`; the household stays. */
export function transferInFixture(
	db: Db,
	f: Fixture,
	t: { unit: number; date: string; newOwner: number },
	nowMs: number
) {
	return transferOwnership(
		db,
		{ id: f.managerId, communityId: f.communityId },
		{
			unitId: f.unitIds[t.unit],
			date: t.date,
			newOwnerId: f.ownerIds[t.newOwner],
			newPerson: null,
			endHousehold: false,
			reason: '过户'
		},
		nowMs
	);
}
