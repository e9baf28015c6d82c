import type { Db } from '../db';
import { feeItems, feeRates } from '../db/schema';
import { postFeePayment, type FeePaymentInput } from './pay';

/**
 * A per-unit fee item (物业服务费, code `flat`, no vacancy rule) with one rate from `fromMonth`, due
 * on the community's due day: every unit's bill is exactly `rateFen`, so worked examples stay round.
 */
export function flatFeeItem(
	db: Db,
	communityId: number,
	rateFen: number,
	fromMonth: string
): typeof feeItems.$inferSelect {
	const item = db
		.insert(feeItems)
		.values({
			communityId,
			code: 'flat',
			nameZh: '物业服务费',
			nameEn: 'Property service fee',
			basis: 'per_unit',
			vacancyApplies: false,
			sort: 1,
			createdAt: 0
		})
		.returning()
		.get();
	db.insert(feeRates).values({ feeItemId: item.id, fromMonth, rateFen, createdAt: 0 }).run();
	return item;
}

/** What a test payment names; the rest is a resident paying by WeChat in full, late fees too. */
export type TestPayment = Pick<
	FeePaymentInput,
	'communityId' | 'unitId' | 'billIds' | 'cashierId' | 'now'
> &
	Partial<FeePaymentInput>;

/** 张伟 pays the bills by WeChat (a fresh reference and form key unless given). */
export function payByWeChat(db: Db, input: TestPayment): ReturnType<typeof postFeePayment> {
	return postFeePayment(db, {
		includeLateFees: true,
		method: 'wechat',
		methodRef: 'WX' + Math.random().toString(36).slice(2, 10),
		tenderedFen: null,
		payerName: '张伟',
		idempotencyKey: crypto.randomUUID(),
		...input
	});
}
