import { getLocale } from '$lib/paraglide/runtime.js';
import { error } from '@sveltejs/kit';
import { getDb, type Db } from '$lib/server/db';
import { clockNow } from '$lib/server/clock';
import { communityToday, getCommunity, type Community } from '$lib/server/community';
import { unitAccount, type UnitAccount } from '$lib/server/fees';
import { ownersOfMonths } from '$lib/server/records';
import { maskName } from '$lib/domain/records';
import { formatDateTimeLocal } from '$lib/dates';
import type { ResidentIdentity } from '$lib/server/auth/session';
import type { StatementPdf } from '$lib/server/pdf/statement';

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
	/** The owner of the bill's month, masked (after a 过户, earlier months keep the old owner). */
	ownerName: string;
}

/** What the identified resident's unit owes today (the fees area computes it; the kiosk only shows it). */
export function residentAccount(
	resident: ResidentIdentity,
	db: Db = getDb(),
	now: Date = clockNow()
): {
	community: Community;
	asOf: string;
	account: UnitAccount;
	bills: ResidentBill[];
	/** Today's owner, masked: the statement's name when nothing is due. */
	ownerName: string;
} {
	const community = getCommunity(db, resident.communityId);
	const asOf = communityToday(community, now);
	const account = unitAccount(db, community.id, resident.unitId, asOf);
	if (!account) error(404, 'not_found');
	const monthOwners = ownersOfMonths(
		db,
		resident.unitId,
		account.bills.map((b) => b.month)
	);
	const bills = account.bills.map((b) => ({
		billId: b.billId,
		month: b.month,
		itemNameZh: b.itemNameZh,
		itemNameEn: b.itemNameEn,
		principalDueFen: b.principalDueFen,
		lateFeeDueFen: b.lateFeeDueFen,
		overdueDays: Math.max(0, ...b.working.parts.map((p) => p.days)),
		pendingWaiver: b.pendingWaiver,
		ownerName: maskedNames(monthOwners.get(b.month) ?? [])
	}));
	const ownerName = maskedNames(account.owners.filter((o) => o.role === 'owner'));
	return { community, asOf, account, bills, ownerName };
}

/** The 80 mm statement's content: every unpaid bill with its month's owner (statement.pdf prints it). */
export function residentStatement(
	resident: ResidentIdentity,
	db: Db = getDb(),
	now: Date = clockNow()
): StatementPdf {
	const { community, asOf, account, bills, ownerName } = residentAccount(resident, db, now);
	return {
		communityName: community.name,
		centreName: community.centreName,
		unitCode: resident.unitCode,
		ownerName,
		asOf,
		printedAt: formatDateTimeLocal(now.getTime(), community.timeZone),
		lines: bills,
		principalDueFen: account.totals.principalDueFen,
		lateFeeDueFen: account.totals.lateFeeDueFen,
		totalDueFen: account.totals.totalDueFen,
		lateFeeRatePerMille: community.settings.fees.lateFeeRatePerMille,
		phone: community.settings.kiosk.phone,
		// In the language the kiosk shows (names and amounts stay as they are).
		locale: getLocale()
	};
}

const maskedNames = (people: readonly { name: string }[]) =>
	people.map((p) => maskName(p.name)).join('、');

/** "1234": the last four digits of the first phone on file, to say where we will call back. */
export function phoneTail(account: UnitAccount): string {
	return (account.owners[0]?.phone ?? '').replace(/\D/g, '').slice(-4);
}
