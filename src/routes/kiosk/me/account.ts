import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity, type Community } from '$lib/server/community';
import { unitAccount, type UnitAccount } from '$lib/server/fees';
import type { ResidentIdentity } from '$lib/server/auth/session';

export interface ResidentBill {
	billId: number;
	month: string;
	itemNameZh: string;
	itemNameEn: string;
	principalDueFen: number;
	lateFeeDueFen: number;
	/** Days the principal was (or still is) overdue as of today: the late fee's longest run. */
	overdueDays: number;
	pendingWaiver: boolean;
}

/** What the identified resident's unit owes today (the fees area computes it; the kiosk only shows it). */
export function residentAccount(resident: ResidentIdentity): {
	community: Community;
	asOf: string;
	account: UnitAccount;
	bills: ResidentBill[];
} {
	const db = getDb();
	const community = getCommunity(db, resident.communityId);
	const asOf = communityToday(community);
	const account = unitAccount(db, community.id, resident.unitId, asOf);
	if (!account) error(404, 'not_found');
	const bills = account.bills.map((b) => ({
		billId: b.billId,
		month: b.month,
		itemNameZh: b.itemNameZh,
		itemNameEn: b.itemNameEn,
		principalDueFen: b.principalDueFen,
		lateFeeDueFen: b.lateFeeDueFen,
		overdueDays: Math.max(0, ...b.working.parts.map((p) => p.days)),
		pendingWaiver: b.pendingWaiver
	}));
	return { community, asOf, account, bills };
}

/** "1234": the last four digits of the first phone on file, to say where we will call back. */
export function phoneTail(account: UnitAccount): string {
	return (account.owners[0]?.phone ?? '').replace(/\D/g, '').slice(-4);
}
