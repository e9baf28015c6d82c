import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, staffUsers, serialId, communityRef } from './core';
import { bills, feeItems } from './ledger';

/**
 * The paid-services price list (特约服务费标准) that hangs on the hall wall (seed 003 第六条 三(一)2).
 * A price list, not the ledger: an admin edits it in place (audited); a charge copies the price
 * it used into `charges` and its bill, so an edit never changes what was charged.
 * `priceFen` null = priced on site (面议/按实际).
 */
export const paidServices = sqliteTable(
	'paid_services',
	{
		id: serialId(),
		communityId: communityRef(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull().default(''),
		unitZh: text('unit_zh').notNull().default('次'),
		unitEn: text('unit_en').notNull().default('time'),
		priceFen: integer('price_fen'),
		noteZh: text('note_zh').notNull().default(''),
		noteEn: text('note_en').notNull().default(''),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		sort: integer('sort').notNull().default(0),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('paid_services_community').on(t.communityId, t.sort)]
);

/**
 * A one-off charge raised at the counter (补办门禁卡, a 特约服务…): who raised what, at which price,
 * and the ordinary bill (source 'charge') it became. Insert-only; the form's key makes it idempotent.
 */
export const charges = sqliteTable(
	'charges',
	{
		id: serialId(),
		communityId: communityRef(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		billId: integer('bill_id')
			.notNull()
			.references(() => bills.id),
		feeItemId: integer('fee_item_id')
			.notNull()
			.references(() => feeItems.id),
		paidServiceId: integer('paid_service_id').references(() => paidServices.id),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		quantity: integer('quantity').notNull().default(1),
		unitPriceFen: integer('unit_price_fen').notNull(),
		amountFen: integer('amount_fen').notNull(),
		lateFeeApplies: integer('late_fee_applies', { mode: 'boolean' }).notNull().default(false),
		note: text('note').notNull().default(''),
		idempotencyKey: text('idempotency_key').notNull(),
		requestHash: text('request_hash').notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => staffUsers.id),
		localDate: text('local_date').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('charges_bill').on(t.billId),
		uniqueIndex('charges_idempotency_key').on(t.idempotencyKey),
		index('charges_unit').on(t.unitId)
	]
);
