import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { bills } from '../db/schema';
import { forgetCommunity, getCommunity } from '../community';
import { postPayment } from '../ledger';
import { ensureFeeItems, generateMonthlyBills } from '../fees';
import { unitAccount } from '../fees/account';
import { dailyReport } from '../reports/daily';
import { localToEpochMs } from '../../dates';
import { parseForm } from '../forms';
import {
	pricedHistoryView,
	saveSettings,
	settingsFormSchema,
	settingsFormValues,
	type SettingsForm
} from './settings';
import { settingsOnDay } from './priced';

const at = (date: string, time = '10:00') => localToEpochMs(date, time, 'Asia/Shanghai');

let db: Db;
let f: Fixture;
beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
});

/** Saves the settings form as the admin on `today` with these boxes changed. */
function save(today: string, over: Partial<Record<keyof SettingsForm, string>>) {
	const p = parseForm(settingsFormSchema, {
		...settingsFormValues(db, f.communityId, new Date(at(today))),
		effectiveFrom: today,
		...over
	});
	if (!p.ok) throw new Error(JSON.stringify(p.errors));
	return saveSettings(
		db,
		{ id: f.adminId, communityId: f.communityId, role: 'admin' },
		p.data,
		at(today)
	);
}

function bill(unitId: number, month: string, dueDate: string, principalFen: number): number {
	const [property] = ensureFeeItems(db, f.communityId);
	return db
		.insert(bills)
		.values({
			communityId: f.communityId,
			unitId,
			feeItemId: property.id,
			month,
			dueDate,
			principalFen,
			fullFen: principalFen,
			rateFen: 0,
			createdAt: at('2026-11-01')
		})
		.returning()
		.get().id;
}

let seq = 0;
function payPrincipal(unitId: number, billId: number, amountFen: number, date: string) {
	return postPayment(db, {
		communityId: f.communityId,
		unitId,
		purpose: 'fees',
		payerName: '张伟',
		method: 'wechat',
		methodRef: `WX${++seq}`,
		bank: '',
		tenderedFen: null,
		cashierId: f.clerkId,
		idempotencyKey: `priced-${++seq}`,
		lines: [{ kind: 'principal', itemCode: 'property', billId, amountFen }],
		now: at(date),
		localDate: date
	});
}

describe('a late-fee rate change never rewrites a past day (issue 11)', () => {
	it("12-05's 计收 is the same before and after 3‰ → 2‰ from 12-06; today's account uses 2‰ only for days from 12-06", () => {
		// ¥1,000.00 due 11-20, its principal paid 12-05: 15 days × 3‰ = ¥45.00 charged on 12-05.
		const paid = bill(f.unitIds[0], '2026-11', '2026-11-20', 100000);
		payPrincipal(f.unitIds[0], paid, 100000, '2026-12-05');
		// ¥1,000.00 due 11-20 on another unit, still unpaid.
		bill(f.unitIds[1], '2026-11', '2026-11-20', 100000);
		const report = () =>
			dailyReport(db, f.communityId, '2026-12-05', '2026-12-05', { now: at('2026-12-06', '12:00') })
				.lateFees.charged;
		const before = report();
		expect(before.chargedFen).toBe(4500);

		expect(save('2026-12-06', { lateFeeRatePerMille: '2' })).toEqual({
			ok: true,
			changed: ['lateFeeRatePerMille']
		});

		expect(report()).toEqual(before);
		// The unpaid bill as of 12-10: 15 days at 3‰ (45.00) + 5 days at 2‰ (10.00).
		const account = unitAccount(db, f.communityId, f.unitIds[1], '2026-12-10')!;
		expect(account.bills[0].lateFeeFen).toBe(4500 + 1000);
		expect(account.bills[0].working.lines).toEqual([
			{ principalFen: 100000, days: 15, ratePerMille: 3 },
			{ principalFen: 100000, days: 5, ratePerMille: 2 }
		]);
		// As of 12-05 the account is what it was.
		expect(unitAccount(db, f.communityId, f.unitIds[1], '2026-12-05')!.bills[0].lateFeeFen).toBe(
			4500
		);
	});

	it('a change cannot be back-dated', () => {
		expect(save('2026-12-06', { lateFeeRatePerMille: '2', effectiveFrom: '2026-12-05' })).toEqual({
			ok: false,
			error: 'backdated'
		});
		expect(settingsOnDay(db, f.communityId, '2026-12-06').fees.lateFeeRatePerMille).toBe(3);
		// A form left open overnight still saves what needs no date.
		expect(save('2026-12-06', { kioskPhone: '0571-1', effectiveFrom: '2026-12-05' })).toEqual({
			ok: true,
			changed: ['kioskPhone']
		});
	});

	it('a future change is scheduled: the page shows it as next, with the history and who set it', () => {
		save('2026-12-06', { lateFeeRatePerMille: '2', effectiveFrom: '2027-01-01' });
		expect(settingsOnDay(db, f.communityId, '2026-12-31').fees.lateFeeRatePerMille).toBe(3);
		expect(settingsOnDay(db, f.communityId, '2027-01-01').fees.lateFeeRatePerMille).toBe(2);
		const h = pricedHistoryView(db, f.communityId, '2026-12-06').lateFeeRatePerMille;
		expect(h).toEqual({
			key: 'lateFeeRatePerMille',
			opening: '3',
			changes: [{ value: '2', from: '2027-01-01', by: 'admin' }],
			next: { value: '2', from: '2027-01-01' }
		});
		expect(pricedHistoryView(db, f.communityId, '2027-01-01').lateFeeRatePerMille.next).toBeNull();
		// Today's form still shows today's value; saving it unchanged records nothing.
		expect(
			settingsFormValues(db, f.communityId, new Date(at('2026-12-06'))).lateFeeRatePerMille
		).toBe('3');
		expect(save('2026-12-06', {})).toEqual({ ok: true, changed: [] });
		// Saving today's value on the scheduled day cancels the change.
		expect(save('2026-12-06', { effectiveFrom: '2027-01-01' })).toEqual({
			ok: true,
			changed: ['lateFeeRatePerMille']
		});
		expect(settingsOnDay(db, f.communityId, '2027-01-01').fees.lateFeeRatePerMille).toBe(3);
		expect(pricedHistoryView(db, f.communityId, '2026-12-06').lateFeeRatePerMille.next).toBeNull();
	});

	it("the due day and vacancy percentage of a month's bills are those in force when the month begins", () => {
		save('2026-12-06', { dueDay: '25', vacancyPercent: '80', effectiveFrom: '2027-01-01' });
		ensureFeeItems(db, f.communityId);
		generateMonthlyBills(db, f.communityId, '2026-12', { now: at('2026-12-06') });
		generateMonthlyBills(db, f.communityId, '2027-01', { now: at('2026-12-06') });
		const of = (month: string) =>
			db
				.select()
				.from(bills)
				.all()
				.filter(
					(b) => b.month === month && b.unitId === f.unitIds[2] && b.fullFen !== b.principalFen
				);
		expect(of('2026-12')[0]).toMatchObject({ dueDate: '2026-12-20', vacancyPercent: 90 });
		expect(of('2027-01')[0]).toMatchObject({ dueDate: '2027-01-25', vacancyPercent: 80 });
		expect(getCommunity(db, f.communityId).opening.fees.dueDay).toBe(20);
	});
});
