/**
 * What the kiosk's public information pages read (公示信息): the fee rates in force and the list
 * of management staff. Only what may be shown to anyone at the kiosk leaves this module.
 */
import type { Db } from '../db';
import { feeItems } from '../db/schema';
import { listDirectory } from '../directory';
import type { Presence } from '../../domain/directory';
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
	position: string;
	extension: string;
	presence: Presence;
}

/**
 * 管理处管理人员一览表: the staff directory's people shown in the hall, in wall order, with where
 * they are now. People, never the system accounts; nothing but name, number, position, extension.
 */
export function publicStaffList(db: Db, communityId: number, nowMs: number): PublicStaff[] {
	return listDirectory(db, communityId, nowMs, { activeOnly: true }).map((p) => ({
		name: p.name,
		workNo: p.workNo,
		position: p.position,
		extension: p.extension,
		presence: p.presence
	}));
}
