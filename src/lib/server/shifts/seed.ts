import type { Db } from '../db';
import { getCommunity } from '../community';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import { closeShift, openShift } from './commands';
import { shiftCash } from './queries';

/**
 * Demo data (a seed hook): yesterday's shift of clerk2, 08:30–17:30 with a ¥500.00 float, handed
 * over to clerk ¥5.00 over, so the demo's daily report of yesterday has a handover to show.
 * Idempotent: does nothing once the community has any shift.
 */
export function seedShifts(db: Db, ctx: { communityId: number; today: Date }): void {
	const { communityId } = ctx;
	if (db.$client.prepare('SELECT 1 FROM cashier_shifts WHERE community_id = ? LIMIT 1').get(communityId)) return;
	const staff = (username: string) => (db.$client.prepare('SELECT id FROM staff_users WHERE community_id = ? AND username = ?').get(communityId, username) as { id: number } | undefined)?.id;
	const cashier = staff('clerk2');
	const successor = staff('clerk');
	if (!cashier) return;
	const tz = getCommunity(db, communityId).timeZone;
	const yesterday = addDays(todayIn(tz, ctx.today), -1);
	const shift = openShift(db, { communityId, cashierId: cashier, openingFloatFen: 50000, idempotencyKey: `seed-shift-${communityId}`, now: localToEpochMs(yesterday, '08:30', tz) });
	const closeAt = localToEpochMs(yesterday, '17:30', tz);
	closeShift(db, {
		communityId,
		cashierId: cashier,
		shiftId: shift.id,
		countedFen: shiftCash(db, shift, closeAt).expectedFen + 500,
		note: '长款 5 元，已登记待查',
		successorId: successor ?? null,
		idempotencyKey: `seed-shift-close-${communityId}`,
		now: closeAt
	});
}
