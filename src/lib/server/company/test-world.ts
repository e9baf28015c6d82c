/**
 * For the head-office tests: the fixture's two communities each bill every unit ¥100.00 a month
 * (a per-unit item from 2026-01, due on the 20th), and the second one has its own clerk and manager.
 */
import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { staffUsers } from '../db/schema';
import { generateMonthlyBills } from '../fees';
import { flatFeeItem, payByWeChat } from '../fees/test-fixture';
import { localToEpochMs } from '../../dates';

/** 10:00 in Shanghai on `date` (or at `time`). */
export const at = (date: string, time = '10:00') => localToEpochMs(date, time, 'Asia/Shanghai');

export function billingWorld(db: Db, f: Fixture, months: readonly string[]) {
	const staff = (username: string, role: 'clerk' | 'manager') =>
		db
			.insert(staffUsers)
			.values({
				communityId: f.otherCommunityId,
				username,
				displayName: username,
				workNo: username.toUpperCase(),
				role,
				passwordHash: 'x',
				createdAt: 0
			})
			.returning()
			.get().id;
	const otherClerk = staff('other', 'clerk');
	const otherManager = staff('othermgr', 'manager');
	for (const communityId of [f.communityId, f.otherCommunityId])
		flatFeeItem(db, communityId, 10000, '2026-01');
	for (const month of months)
		for (const c of [f.communityId, f.otherCommunityId])
			generateMonthlyBills(db, c, month, { now: at(`${month}-01`) });
	const billId = (unitId: number, month: string) =>
		(
			db.$client
				.prepare('SELECT id FROM bills WHERE unit_id = ? AND month = ?')
				.get(unitId, month) as { id: number }
		).id;
	/** `who` pays the bills of `months` in full (late fees too) by WeChat at 10:00 on `date`. */
	const pay = (communityId: number, unitId: number, months: string[], date: string, who: number) =>
		payByWeChat(db, {
			communityId,
			unitId,
			billIds: months.map((mo) => billId(unitId, mo)),
			cashierId: who,
			now: at(date)
		});
	return { otherClerk, otherManager, pay };
}
