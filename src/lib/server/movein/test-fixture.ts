import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { bills, feeItems } from '../db/schema';

/**
 * The move-in's property-fee bills as the tests need them: the `property` item (created on first
 * use) and one bill of `principalFen` for each of `months` on the unit. Returns the bill ids.
 */
export function moveInBills(
	db: Db,
	communityId: number,
	unitId: number,
	months: readonly string[],
	principalFen: number,
	now: number
): number[] {
	let item = db.select().from(feeItems).where(eq(feeItems.code, 'property')).get();
	item ??= db
		.insert(feeItems)
		.values({
			communityId,
			code: 'property',
			nameZh: '物业服务费',
			nameEn: 'Property fee',
			basis: 'per_area',
			vacancyApplies: true,
			createdAt: now
		})
		.returning()
		.get();
	return months.map(
		(month) =>
			db
				.insert(bills)
				.values({
					communityId,
					unitId,
					feeItemId: item.id,
					month,
					dueDate: `${month}-20`,
					principalFen,
					fullFen: principalFen,
					rateFen: 300,
					source: 'movein',
					createdAt: now
				})
				.returning()
				.get().id
	);
}
