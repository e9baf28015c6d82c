/**
 * What the kiosk's public information pages read (公示信息): the fee rates in force and the list
 * of management staff. Only what may be shown to anyone at the kiosk leaves this module.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { feeItems, staffUsers, type Role } from '../db/schema';
import { feeItemsWithRates } from '../fees';
import { rateForMonth } from '../../domain/billing';

export interface PublicRate {
	nameZh: string;
	nameEn: string;
	basis: (typeof feeItems.$inferSelect)['basis'];
	rateFen: number;
	fromMonth: string;
}

/** Every fee item with a rate in force in `month` (the fees area keeps the history); items without one are left out. */
export function ratesInForce(db: Db, communityId: number, month: string): PublicRate[] {
	return feeItemsWithRates(db, communityId).flatMap((item) => {
		const rate = rateForMonth(item.rates, month);
		return rate
			? [
					{
						nameZh: item.nameZh,
						nameEn: item.nameEn,
						basis: item.basis,
						rateFen: rate.rateFen,
						fromMonth: rate.fromMonth
					}
				]
			: [];
	});
}

export interface PublicStaff {
	name: string;
	workNo: string;
	role: Role;
}

/** 管理处管理人员一览表: active staff of the community by work number; names, numbers and roles only. */
export function publicStaffList(db: Db, communityId: number): PublicStaff[] {
	return db
		.select({ name: staffUsers.displayName, workNo: staffUsers.workNo, role: staffUsers.role })
		.from(staffUsers)
		.where(and(eq(staffUsers.communityId, communityId), eq(staffUsers.active, true)))
		.orderBy(asc(staffUsers.workNo))
		.all();
}
