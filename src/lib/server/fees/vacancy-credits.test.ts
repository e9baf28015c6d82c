import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { bills, vacancyCredits } from '../db/schema';
import { forgetCommunity, getCommunity } from '../community';
import { paymentByReceiptNo, postPayment } from '../ledger';
import { layoutReceipt } from '../../domain/receipt';
import { renderReceipt } from '../pdf/receipt';
import { pdfText } from '../pdf/pdf-text';
import { localToEpochMs } from '../../dates';
import { dailyReport } from '../reports/daily';
import {
	ensureFeeItems,
	generateMonthlyBills,
	grantVacancyCredits,
	postFeePayment,
	unitAccount
} from './index';

const at = (date: string, time = '10:00') => localToEpochMs(date, time, 'Asia/Shanghai');
const NOW = at('2026-11-23');

let db: Db;
let f: Fixture;
beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
});

// 1-1-201: 89.56 m², not handed over, notice 2024-06-01: ¥2.65/m² → 23 733 a month; 90 % → 21 360.
const pending = () => f.unitIds[2];

/** Bills as the old rule issued them: 100 % within the first year after the notice. */
function oldBill(month: string): number {
	const [property] = ensureFeeItems(db, f.communityId);
	return db
		.insert(bills)
		.values({
			communityId: f.communityId,
			unitId: pending(),
			feeItemId: property.id,
			month,
			dueDate: `${month}-20`,
			principalFen: 23733,
			fullFen: 23733,
			vacancyPercent: 100,
			rateFen: 265,
			createdAt: at('2026-09-01')
		})
		.returning()
		.get().id;
}

describe('空置减免 (issue 11: the vacancy fee started a year late)', () => {
	it('credits bills issued at 100 % in vacancy months by new rows: own unpaid bill first, a paid bill’s credit to the oldest unpaid; idempotent', () => {
		const sep = oldBill('2026-09');
		const oct = oldBill('2026-10');
		postPayment(db, {
			communityId: f.communityId,
			unitId: pending(),
			purpose: 'fees',
			payerName: '王芳',
			method: 'wechat',
			methodRef: 'WX1',
			bank: '',
			tenderedFen: null,
			cashierId: f.clerkId,
			idempotencyKey: 'sep',
			lines: [{ kind: 'principal', itemCode: 'property', billId: sep, amountFen: 23733 }],
			now: at('2026-09-10'),
			localDate: '2026-09-10'
		});
		generateMonthlyBills(db, f.communityId, '2026-11', { now: NOW });
		const nov = db
			.select()
			.from(bills)
			.where(eq(bills.month, '2026-11'))
			.all()
			.find((b) => b.unitId === pending())!;
		expect(nov).toMatchObject({ principalFen: 21360, vacancyPercent: 90 });
		// 23 733 − 21 360 = 2 373 for September (paid: goes to October) and 2 373 for October itself.
		const rows = db.select().from(vacancyCredits).all();
		expect(
			rows.map((r) => [r.sourceBillId, r.billId, r.amountFen, r.vacancyPercent, r.localDate])
		).toEqual([
			[sep, oct, 2373, 90, '2026-11-23'],
			[oct, oct, 2373, 90, '2026-11-23']
		]);
		// Bills are never edited.
		expect(db.select().from(bills).where(eq(bills.id, oct)).get()).toMatchObject({
			principalFen: 23733,
			vacancyPercent: 100
		});
		// Running billing (or the grant) again credits nothing more.
		generateMonthlyBills(db, f.communityId, '2026-11', { now: NOW });
		expect(grantVacancyCredits(db, f.communityId, { now: NOW })).toBe(0);
		expect(db.select().from(vacancyCredits).all()).toHaveLength(2);

		const account = unitAccount(db, f.communityId, pending(), '2026-11-23')!;
		const october = account.bills.find((b) => b.month === '2026-10')!;
		expect(october).toMatchObject({
			principalFen: 23733,
			vacancyCreditFen: 4746,
			principalDueFen: 23733 - 4746
		});
		expect(account.vacancyCredits.map((c) => [c.forMonth, c.toMonth, c.amountFen])).toEqual([
			['2026-10', '2026-10', 2373],
			['2026-09', '2026-10', 2373]
		]);
		// Late fee: the credited part stops accruing on the credit's day (days before stay as they were).
		// 23 733 × 34 days (10-20 → 11-23) × 3‰ = 2 420.8; the credit is dated 11-23 itself.
		expect(october.lateFeeFen).toBe(2421);
	});

	it('the next receipt shows the 空置减免 as its own line', async () => {
		oldBill('2026-10');
		const p = postFeePayment(db, {
			communityId: f.communityId,
			unitId: pending(),
			billIds: db
				.select()
				.from(bills)
				.all()
				.map((b) => b.id),
			includeLateFees: false,
			method: 'wechat',
			methodRef: 'WX2',
			payerName: '王芳',
			cashierId: f.clerkId,
			idempotencyKey: 'pay-oct',
			now: NOW
		});
		expect(p.totalFen).toBe(23733 - 2373);
		const record = paymentByReceiptNo(db, f.communityId, p.receiptNo)!;
		// The bill prints at its full amount, the credit as its own negative line; the lines add up.
		const layout = layoutReceipt(record.lines);
		expect(layout.lines.map((l) => [l.nameZh, l.amountFen])).toEqual([
			['物业服务费', 23733],
			['空置减免', -2373]
		]);
		expect(layout.totalFen).toBe(p.totalFen);
		const pdf = await renderReceipt(record, getCommunity(db, f.communityId), {
			format: 'a5',
			reprintNo: 0,
			verifyUrl: 'https://fd.example.cn/verify/x'
		});
		expect(pdfText(pdf).replace(/\s+/g, ' ')).toMatch(/空置减免 .*-23\.73/);
		// The daily report counts the bill as settled (payment + credit), its late fee charged: 34 days on ¥237.33.
		expect(
			dailyReport(db, f.communityId, '2026-11-23', '2026-11-23', { now: NOW }).lateFees.charged
		).toMatchObject({ bills: 1, chargedFen: 2421 });
	});

	it('an occupied unit without a move-in case on record, and parking bills, get none', () => {
		const [, parking] = ensureFeeItems(db, f.communityId);
		db.insert(bills)
			.values({
				communityId: f.communityId,
				unitId: f.unitIds[0],
				feeItemId: parking.id,
				month: '2026-10',
				dueDate: '2026-10-20',
				principalFen: 8000,
				fullFen: 8000,
				rateFen: 8000,
				createdAt: NOW
			})
			.run();
		db.insert(bills)
			.values({
				communityId: f.communityId,
				unitId: pending(),
				feeItemId: parking.id,
				month: '2026-10',
				dueDate: '2026-10-20',
				principalFen: 8000,
				fullFen: 8000,
				rateFen: 8000,
				createdAt: NOW
			})
			.run();
		expect(grantVacancyCredits(db, f.communityId, { now: NOW })).toBe(0);
	});
});
