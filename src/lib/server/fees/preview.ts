import type { Db } from '../db';
import { addMonths } from '../../dates';
import { planBill } from '../../domain/billing';
import {
	billingSettings,
	holdingsOf,
	itemsWithRates,
	unitForItem,
	unitsForBilling
} from './generate';
import { MAX_PREPAY_MONTHS } from './pay';
import { and, eq, gte } from 'drizzle-orm';
import { bills } from '../db/schema';

export interface PrepayMonth {
	month: string;
	/** Bills that prepaying this month would create (items not billed yet for it). */
	newBills: {
		itemCode: string;
		itemNameZh: string;
		itemNameEn: string;
		principalFen: number;
		vacancyPercent: number;
	}[];
}

/**
 * The months a prepayment could cover, from `fromMonth` (`prepayStartMonth`) on, with the bills it
 * would create: the counter shows the amount of "prepay N months" live before the authoritative
 * quote. Months whose bills all exist list nothing (those bills are paid or already listed as due).
 */
export function prepayPreview(
	db: Db,
	communityId: number,
	unitId: number,
	fromMonth: string,
	months = MAX_PREPAY_MONTHS
): PrepayMonth[] {
	const unit = unitsForBilling(db, communityId, [unitId])[0];
	if (!unit) return [];
	const items = itemsWithRates(db, communityId);
	const holdings = holdingsOf(db, communityId, [unit]);
	const existing = new Set(
		db
			.select({ feeItemId: bills.feeItemId, month: bills.month })
			.from(bills)
			.where(and(eq(bills.unitId, unitId), gte(bills.month, fromMonth)))
			.all()
			.map((r) => `${r.feeItemId}:${r.month}`)
	);
	const out: PrepayMonth[] = [];
	for (let i = 0; i < months; i++) {
		const month = addMonths(fromMonth, i);
		const newBills: PrepayMonth['newBills'] = [];
		for (const item of items) {
			if (existing.has(`${item.id}:${month}`)) continue;
			const billed = unitForItem(item, unit, month, holdings);
			const plan =
				billed &&
				planBill(item, item.rates, billed, month, billingSettings(db, communityId, month));
			if (plan)
				newBills.push({
					itemCode: item.code,
					itemNameZh: item.nameZh,
					itemNameEn: item.nameEn,
					principalFen: plan.principalFen,
					vacancyPercent: plan.vacancyPercent
				});
		}
		out.push({ month, newBills });
	}
	return out;
}
