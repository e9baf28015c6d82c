import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { openShift } from './commands';

/** Long before anything a unit test writes (fixtures use 2026 dates). */
export const TEST_SHIFTS_FROM = Date.parse('2020-01-01T00:00:00Z');

/**
 * Cash is taken only inside an open shift: unit tests that take or pay out cash open one for every
 * staff member of the fixture's community first (no float), so their figures stay as they were.
 */
export function openTestShifts(db: Db, f: Fixture, at = TEST_SHIFTS_FROM): void {
	for (const cashierId of [f.clerkId, f.clerk2Id, f.managerId, f.adminId]) {
		openShift(db, {
			communityId: f.communityId,
			cashierId,
			openingFloatFen: 0,
			idempotencyKey: `test-shift-${f.communityId}-${cashierId}`,
			now: at
		});
	}
}
