/**
 * A hand-made fee payment for receipt tests and the bench, posted through the generic ledger
 * (no dependency on the fees module): fee items and bills are inserted directly, the payment
 * lines carry the detail the fees module writes (month, item names, late-fee working).
 */
import type { Db } from '../db';
import { bills, feeItems } from '../db/schema';
import { postPayment, type LineInput, type PaymentInput } from '../ledger';
import { lateFeeWorking } from '../../domain/late-fee';
import { monthDay } from '../../dates';

export interface SampleBill {
	itemCode: string;
	itemNameZh: string;
	itemNameEn: string;
	month: string;
	principalFen: number;
	/** Defaults: a per-unit item whose rate is the principal, billed in full, monthly. */
	basis?: 'per_area' | 'per_space' | 'per_unit';
	rateFen?: number;
	fullFen?: number;
	vacancyPercent?: number;
	source?: 'monthly' | 'prepay' | 'movein' | 'opening';
}

/** Inserts the fee item (once per code) and a bill; returns the bill id. */
export function insertBill(
	db: Db,
	communityId: number,
	unitId: number,
	b: SampleBill,
	now: number
): number {
	let item = db
		.select()
		.from(feeItems)
		.all()
		.find((i) => i.communityId === communityId && i.code === b.itemCode);
	if (!item) {
		item = db
			.insert(feeItems)
			.values({
				communityId,
				code: b.itemCode,
				nameZh: b.itemNameZh,
				nameEn: b.itemNameEn,
				basis: b.basis ?? 'per_unit',
				createdAt: now
			})
			.returning()
			.get();
	}
	return db
		.insert(bills)
		.values({
			communityId,
			unitId,
			feeItemId: item.id,
			month: b.month,
			dueDate: monthDay(b.month, 20),
			principalFen: b.principalFen,
			fullFen: b.fullFen ?? b.principalFen,
			rateFen: b.rateFen ?? b.principalFen,
			vacancyPercent: b.vacancyPercent ?? 100,
			source: b.source ?? 'monthly',
			createdAt: now
		})
		.returning({ id: bills.id })
		.get().id;
}

/** Principal and (when overdue) late-fee lines for bills paid on `asOf`, as the fees module posts them. */
export function billLines(
	db: Db,
	communityId: number,
	unitId: number,
	list: SampleBill[],
	asOf: string,
	now: number,
	opts: { waiveLateFee?: boolean } = {}
): LineInput[] {
	const lines: LineInput[] = [];
	for (const b of list) {
		const billId = insertBill(db, communityId, unitId, b, now);
		const detail = { month: b.month, itemNameZh: b.itemNameZh, itemNameEn: b.itemNameEn };
		lines.push({
			kind: 'principal',
			itemCode: b.itemCode,
			billId,
			amountFen: b.principalFen,
			description: `${b.month} ${b.itemNameZh}`,
			detail
		});
		const working = lateFeeWorking({
			principalFen: b.principalFen,
			dueDate: monthDay(b.month, 20),
			asOf
		});
		if (working.fen > 0) {
			if (opts.waiveLateFee) {
				// A waived late fee is not a money line; the principal line notes it for the 减免 column.
				lines[lines.length - 1].detail = { ...detail, working, waivedFen: working.fen };
			} else {
				lines.push({
					kind: 'late_fee',
					itemCode: b.itemCode,
					billId,
					amountFen: working.fen,
					description: `${b.month} ${b.itemNameZh} 滞纳金`,
					detail: { ...detail, working }
				});
			}
		}
	}
	return lines;
}

export const PROPERTY = {
	itemCode: 'property',
	itemNameZh: '物业服务费',
	itemNameEn: 'Property service fee'
};
export const PARKING = {
	itemCode: 'parking',
	itemNameZh: '车位物业服务费',
	itemNameEn: 'Parking service fee'
};

/**
 * Three months of property fee (¥256.80 each, late) and parking (¥150.00), cash ¥1,500.00,
 * paid on 2026-04-15 10:32 Asia/Shanghai by 李娜 (unit index 1 unless told).
 */
export function postSamplePayment(
	db: Db,
	f: { communityId: number; unitIds: number[]; clerkId: number },
	over: Partial<PaymentInput> = {},
	opts: { waiveLateFee?: boolean; unitIndex?: number } = {}
) {
	const unitId = f.unitIds[opts.unitIndex ?? 1];
	const now = Date.parse('2026-04-15T02:32:00Z');
	const months = ['2026-01', '2026-02', '2026-03'];
	const list: SampleBill[] = [
		...months.map((month) => ({ ...PROPERTY, month, principalFen: 25680 })),
		...months.map((month) => ({ ...PARKING, month, principalFen: 15000 }))
	];
	const lines = billLines(db, f.communityId, unitId, list, '2026-04-15', now, opts);
	return postPayment(db, {
		communityId: f.communityId,
		unitId,
		purpose: 'fees',
		payerName: '李娜',
		method: 'cash',
		tenderedFen: 150000,
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		lines,
		now,
		localDate: '2026-04-15',
		...over
	});
}
