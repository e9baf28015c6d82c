import { and, asc, eq, inArray } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { feeItems, feeRates, staffUsers } from '../db/schema';
import { audit } from '../audit';
import { LedgerError } from '../ledger';
import { isValidMonth } from '../../dates';
import { MAX_RATE_FEN, type FeeBasis } from '../../domain/billing';
import { nowMs } from '../clock';

export const PROPERTY_ITEM = 'property';
export const PARKING_ITEM = 'parking';

export type FeeItemRow = typeof feeItems.$inferSelect;
export type FeeRateRow = typeof feeRates.$inferSelect;

/** The standard items every community starts with, and their opening rates. */
const DEFAULT_ITEMS: {
	code: string;
	nameZh: string;
	nameEn: string;
	basis: FeeBasis;
	vacancyApplies: boolean;
	sort: number;
	rateFen: number;
}[] = [
	{
		code: PROPERTY_ITEM,
		nameZh: '物业服务费',
		nameEn: 'Property service fee',
		basis: 'per_area',
		vacancyApplies: true,
		sort: 1,
		rateFen: 265
	},
	{
		code: PARKING_ITEM,
		nameZh: '车位物业服务费',
		nameEn: 'Parking service fee',
		basis: 'per_space',
		vacancyApplies: false,
		sort: 2,
		rateFen: 8000
	}
];
export const DEFAULT_RATES_FROM = '2021-01';

/**
 * Creates the property and parking fee items (with their opening rates from 2021-01) when a
 * community has none of that code yet. Idempotent; returns the community's items by sort order.
 */
export function ensureFeeItems(db: Db, communityId: number): FeeItemRow[] {
	return tx(db, () => {
		const now = nowMs();
		for (const d of DEFAULT_ITEMS) {
			const exists = db
				.select({ id: feeItems.id })
				.from(feeItems)
				.where(and(eq(feeItems.communityId, communityId), eq(feeItems.code, d.code)))
				.get();
			if (exists) continue;
			const item = db
				.insert(feeItems)
				.values({
					communityId,
					code: d.code,
					nameZh: d.nameZh,
					nameEn: d.nameEn,
					basis: d.basis,
					vacancyApplies: d.vacancyApplies,
					sort: d.sort,
					createdAt: now
				})
				.returning({ id: feeItems.id })
				.get();
			db.insert(feeRates)
				.values({
					feeItemId: item.id,
					fromMonth: DEFAULT_RATES_FROM,
					rateFen: d.rateFen,
					createdBy: null,
					createdAt: now
				})
				.run();
		}
		return listFeeItems(db, communityId);
	});
}

export function listFeeItems(db: Db, communityId: number): FeeItemRow[] {
	return db
		.select()
		.from(feeItems)
		.where(eq(feeItems.communityId, communityId))
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.all();
}

/** A fee item of this community, or null (another community's id is simply not found). */
export function feeItemOf(db: Db, communityId: number, feeItemId: number): FeeItemRow | null {
	return (
		db
			.select()
			.from(feeItems)
			.where(and(eq(feeItems.id, feeItemId), eq(feeItems.communityId, communityId)))
			.get() ?? null
	);
}

export interface RateHistoryRow extends FeeRateRow {
	createdByName: string | null;
}

/** Items with their whole rate history (oldest first), for the manager's rate table. */
export function feeItemsWithRates(
	db: Db,
	communityId: number
): (FeeItemRow & { rates: RateHistoryRow[] })[] {
	const items = listFeeItems(db, communityId);
	if (items.length === 0) return [];
	const rates = db
		.select({ rate: feeRates, createdByName: staffUsers.displayName })
		.from(feeRates)
		.leftJoin(staffUsers, eq(staffUsers.id, feeRates.createdBy))
		.where(
			inArray(
				feeRates.feeItemId,
				items.map((i) => i.id)
			)
		)
		.orderBy(asc(feeRates.fromMonth), asc(feeRates.id))
		.all();
	return items.map((item) => ({
		...item,
		rates: rates
			.filter((r) => r.rate.feeItemId === item.id)
			.map((r) => ({ ...r.rate, createdByName: r.createdByName }))
	}));
}

/**
 * Sets a new rate from `fromMonth` on (insert-only: earlier rows stay as history). Bills already
 * created keep their amounts; only bills created afterwards for months ≥ fromMonth use it.
 * Refuses a malformed month ('bad_month') and a rate that is not an integer in 1…MAX_RATE_FEN ('bad_amount').
 */
export function setRate(
	db: Db,
	feeItemId: number,
	fromMonth: string,
	rateFen: number,
	actorId: number
): FeeRateRow {
	if (!isValidMonth(fromMonth)) throw new LedgerError('bad_month');
	if (!Number.isSafeInteger(rateFen) || rateFen <= 0 || rateFen > MAX_RATE_FEN)
		throw new LedgerError('bad_amount');
	return tx(db, () => {
		const item = db.select().from(feeItems).where(eq(feeItems.id, feeItemId)).get();
		if (!item) throw new LedgerError('not_found');
		const now = nowMs();
		const row = db
			.insert(feeRates)
			.values({ feeItemId, fromMonth, rateFen, createdBy: actorId, createdAt: now })
			.returning()
			.get();
		audit(
			db,
			{
				communityId: item.communityId,
				actorId,
				action: 'fees.rate',
				targetType: 'fee_item',
				targetId: item.code,
				detail: { fromMonth, rateFen }
			},
			now
		);
		return row;
	});
}
