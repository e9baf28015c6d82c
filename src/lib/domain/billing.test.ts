import { describe, it, expect } from 'vitest';
import {
	addMonthsToDate,
	allocatePayment,
	applyPercent,
	dueDateOf,
	formatMonthsEn,
	formatMonthsZh,
	isBillable,
	monthlyAmountFen,
	monthRuns,
	monthPlanner,
	planBill,
	rateForMonth,
	vacancyPercentFor,
	vacancyCreditsOwed,
	wasVacancyMonth,
	allocateCredits,
	type CreditBill,
	type BillingUnit
} from './billing';

const unit = (over: Partial<BillingUnit> = {}): BillingUnit => ({
	areaCenti: 9000,
	parkingSpaces: 0,
	occupancy: 'occupied',
	handoverNoticeDate: '2021-09-01',
	...over
});
const settings = { dueDay: 20, vacancyPercent: 90 };

describe('monthlyAmountFen', () => {
	it('per m²: 90.00 m² × 265 = 23 850 fen', () => {
		expect(monthlyAmountFen('per_area', 265, { areaCenti: 9000, parkingSpaces: 0 })).toBe(23850);
	});
	it('per m²: 120.50 m² × 265 = 31 932.5 → 31 933 (half up, once)', () => {
		expect(monthlyAmountFen('per_area', 265, { areaCenti: 12050, parkingSpaces: 0 })).toBe(31933);
	});
	it('per m²: rounds below half down and exactly half up', () => {
		expect(monthlyAmountFen('per_area', 1, { areaCenti: 149, parkingSpaces: 0 })).toBe(1); // 1.49
		expect(monthlyAmountFen('per_area', 1, { areaCenti: 150, parkingSpaces: 0 })).toBe(2); // 1.50
		expect(monthlyAmountFen('per_area', 1, { areaCenti: 49, parkingSpaces: 0 })).toBe(0); // 0.49
		expect(monthlyAmountFen('per_area', 265, { areaCenti: 8956, parkingSpaces: 0 })).toBe(23733); // 23 733.4
		expect(monthlyAmountFen('per_area', 333, { areaCenti: 12345, parkingSpaces: 0 })).toBe(41109); // 41 108.85
	});
	it('per m²: exact beyond 2^53 too (BigInt fallback)', () => {
		// 1 000 000 × 10 000 000 001 = 10 000 000 001 000 000 > 2^53; ÷ 100 = 100 000 000 010 000
		expect(
			monthlyAmountFen('per_area', 1_000_000, { areaCenti: 10_000_000_001, parkingSpaces: 0 })
		).toBe(100_000_000_010_000);
		expect(
			monthlyAmountFen('per_area', 999_999, { areaCenti: 9_007_199_255, parkingSpaces: 0 })
		).toBe(90_071_902_478_007); // …007.46 → 007
		expect(applyPercent(9_007_199_254_740_000, 90)).toBe(8_106_479_329_266_000);
	});
	it('per m²: exact for huge values (no floating point)', () => {
		// 999 999 × 99 999 999 / 100 = 999 998 990 000.01 → …990 000
		expect(monthlyAmountFen('per_area', 999_999, { areaCenti: 99_999_999, parkingSpaces: 0 })).toBe(
			999_998_990_000
		);
	});
	it('per space: rate × spaces; none → 0', () => {
		expect(monthlyAmountFen('per_space', 8000, { areaCenti: 9000, parkingSpaces: 2 })).toBe(16000);
		expect(monthlyAmountFen('per_space', 8000, { areaCenti: 9000, parkingSpaces: 0 })).toBe(0);
	});
	it('per unit: the rate itself', () => {
		expect(monthlyAmountFen('per_unit', 1500, { areaCenti: 0, parkingSpaces: 0 })).toBe(1500);
	});
	it('refuses bad numbers', () => {
		expect(() => monthlyAmountFen('per_area', -1, { areaCenti: 9000, parkingSpaces: 0 })).toThrow(
			RangeError
		);
		expect(() => monthlyAmountFen('per_area', 2.5, { areaCenti: 9000, parkingSpaces: 0 })).toThrow(
			RangeError
		);
		expect(() => monthlyAmountFen('per_area', 265, { areaCenti: 90.5, parkingSpaces: 0 })).toThrow(
			RangeError
		);
		expect(() => monthlyAmountFen('per_space', 265, { areaCenti: 1, parkingSpaces: -1 })).toThrow(
			RangeError
		);
		expect(() =>
			monthlyAmountFen('weird' as 'per_unit', 1, { areaCenti: 1, parkingSpaces: 1 })
		).toThrow(RangeError);
	});
});

describe('applyPercent', () => {
	it('90 % of 23 850 = 21 465', () => expect(applyPercent(23850, 90)).toBe(21465));
	it('90 % of 31 933 = 28 739.7 → 28 740', () => expect(applyPercent(31933, 90)).toBe(28740));
	it('90 % of 23 733 = 21 359.7 → 21 360; of 5 = 4.5 → 5 (half up)', () => {
		expect(applyPercent(23733, 90)).toBe(21360);
		expect(applyPercent(5, 90)).toBe(5);
		expect(applyPercent(15, 90)).toBe(14); // 13.5 → 14
		expect(applyPercent(11, 90)).toBe(10); // 9.9 → 10
		expect(applyPercent(1, 40)).toBe(0); // 0.4 → 0
	});
	it('100 % and 0 %', () => {
		expect(applyPercent(31933, 100)).toBe(31933);
		expect(applyPercent(31933, 0)).toBe(0);
	});
});

describe('rateForMonth', () => {
	const rates = [
		{ id: 1, fromMonth: '2021-01', rateFen: 265 },
		{ id: 2, fromMonth: '2026-07', rateFen: 280 },
		{ id: 3, fromMonth: '2027-01', rateFen: 300 }
	];
	it('picks the latest fromMonth ≤ month', () => {
		expect(rateForMonth(rates, '2026-06')?.rateFen).toBe(265);
		expect(rateForMonth(rates, '2026-07')?.rateFen).toBe(280); // the change month itself
		expect(rateForMonth(rates, '2026-12')?.rateFen).toBe(280);
		expect(rateForMonth(rates, '2027-01')?.rateFen).toBe(300);
		expect(rateForMonth(rates, '2030-05')?.rateFen).toBe(300);
	});
	it('none before the first rate', () => {
		expect(rateForMonth(rates, '2020-12')).toBeNull();
		expect(rateForMonth([], '2026-01')).toBeNull();
	});
	it('order of the list does not matter; a later insert for the same month wins', () => {
		expect(rateForMonth([...rates].reverse(), '2026-08')?.rateFen).toBe(280);
		const tie = [
			{ id: 7, fromMonth: '2026-07', rateFen: 290 },
			{ id: 5, fromMonth: '2026-07', rateFen: 270 }
		];
		expect(rateForMonth(tie, '2026-07')?.rateFen).toBe(290);
		expect(
			rateForMonth(
				[
					{ fromMonth: '2026-07', rateFen: 1 },
					{ fromMonth: '2026-07', rateFen: 2 }
				],
				'2026-09'
			)?.rateFen
		).toBe(2);
	});
	it('refuses malformed months', () => {
		expect(() => rateForMonth(rates, '2026-13')).toThrow(RangeError);
		expect(() => rateForMonth([{ fromMonth: '2026/01', rateFen: 1 }], '2026-02')).toThrow(
			RangeError
		);
	});
});

describe('dueDateOf', () => {
	it('day 20 of the month', () => expect(dueDateOf('2026-03', 20)).toBe('2026-03-20'));
	it('clamps to the month end', () => {
		expect(dueDateOf('2026-02', 31)).toBe('2026-02-28');
		expect(dueDateOf('2024-02', 30)).toBe('2024-02-29');
		expect(dueDateOf('2026-04', 31)).toBe('2026-04-30');
		expect(dueDateOf('2026-01', 31)).toBe('2026-01-31');
		expect(dueDateOf('2026-01', 1)).toBe('2026-01-01');
	});
	it('refuses a bad month or day', () => {
		expect(() => dueDateOf('2026-1', 20)).toThrow(RangeError);
		expect(() => dueDateOf('2026-01', 0)).toThrow(RangeError);
	});
});

describe('addMonthsToDate', () => {
	it('adds months and clamps the day', () => {
		expect(addMonthsToDate('2025-06-15', 12)).toBe('2026-06-15');
		expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonthsToDate('2023-02-28', 12)).toBe('2024-02-28');
		expect(addMonthsToDate('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonthsToDate('2026-03-10', 0)).toBe('2026-03-10');
	});
});

describe('vacancy', () => {
	const vacant = unit({ occupancy: 'not_handed_over', handoverNoticeDate: '2025-06-15' });
	const property = { vacancyApplies: true };
	const parking = { vacancyApplies: false };
	it('90 % from the first billed month after the notice, not a year later (seed 003 二(三)3)', () => {
		expect(vacancyPercentFor(vacant, property, '2025-06', settings)).toBe(100); // starts 06-01 < 06-15: not billed
		expect(vacancyPercentFor(vacant, property, '2025-07', settings)).toBe(90);
		expect(vacancyPercentFor(vacant, property, '2026-06', settings)).toBe(90);
		expect(vacancyPercentFor(vacant, property, '2027-12', settings)).toBe(90);
	});
	it('a notice on the 1st: that month itself is reduced', () => {
		const u = unit({ occupancy: 'not_handed_over', handoverNoticeDate: '2024-06-01' });
		expect(vacancyPercentFor(u, property, '2024-05', settings)).toBe(100);
		expect(vacancyPercentFor(u, property, '2024-06', settings)).toBe(90);
	});
	it('months prepaid at handover (from the move-in case on) are full rate', () => {
		const u = { ...vacant, takenOverFrom: '2026-12' };
		expect(vacancyPercentFor(u, property, '2026-11', settings)).toBe(90);
		expect(vacancyPercentFor(u, property, '2026-12', settings)).toBe(100);
		expect(vacancyPercentFor(u, property, '2027-05', settings)).toBe(100);
	});
	it('parking is never reduced', () => {
		expect(vacancyPercentFor(vacant, parking, '2027-01', settings)).toBe(100);
	});
	it('after move-in 100 %, also when vacant again', () => {
		expect(
			vacancyPercentFor({ ...vacant, occupancy: 'occupied' }, property, '2027-01', settings)
		).toBe(100);
		expect(
			vacancyPercentFor(
				{ ...vacant, occupancy: 'vacant_after_move_in' },
				property,
				'2027-01',
				settings
			)
		).toBe(100);
	});
	it('uses the configured percent', () => {
		expect(vacancyPercentFor(vacant, property, '2025-08', { vacancyPercent: 70 })).toBe(70);
	});
	it('no notice date: no reduction', () => {
		expect(
			vacancyPercentFor(
				unit({ occupancy: 'not_handed_over', handoverNoticeDate: null }),
				property,
				'2027-01',
				settings
			)
		).toBe(100);
	});
});

describe('isBillable', () => {
	it('from the first month starting on or after the notice', () => {
		const u = unit({ handoverNoticeDate: '2025-06-15' });
		expect(isBillable(u, '2025-06')).toBe(false);
		expect(isBillable(u, '2025-07')).toBe(true);
		expect(isBillable(unit({ handoverNoticeDate: '2025-06-01' }), '2025-06')).toBe(true);
	});
	it('no notice: billed if handed over, not otherwise', () => {
		expect(isBillable(unit({ handoverNoticeDate: null }), '2020-01')).toBe(true);
		expect(
			isBillable(unit({ handoverNoticeDate: null, occupancy: 'not_handed_over' }), '2026-01')
		).toBe(false);
	});
});

describe('planBill', () => {
	const property = { basis: 'per_area' as const, vacancyApplies: true };
	const parking = { basis: 'per_space' as const, vacancyApplies: false };
	const rates = [
		{ id: 1, fromMonth: '2021-01', rateFen: 265 },
		{ id: 2, fromMonth: '2027-01', rateFen: 300 }
	];
	it('a normal property bill', () => {
		expect(planBill(property, rates, unit(), '2026-03', settings)).toEqual({
			month: '2026-03',
			dueDate: '2026-03-20',
			rateFen: 265,
			fullFen: 23850,
			vacancyPercent: 100,
			principalFen: 23850
		});
	});
	it('the rate change month uses the new rate', () => {
		expect(planBill(property, rates, unit(), '2026-12', settings)?.principalFen).toBe(23850);
		expect(planBill(property, rates, unit(), '2027-01', settings)?.principalFen).toBe(27000);
	});
	it('vacancy: 120.50 m² not handed over → 31 933 × 90 % = 28 740, parking stays full', () => {
		const u = unit({
			areaCenti: 12050,
			parkingSpaces: 1,
			occupancy: 'not_handed_over',
			handoverNoticeDate: '2024-06-01'
		});
		expect(planBill(property, rates, u, '2026-03', settings)).toMatchObject({
			fullFen: 31933,
			vacancyPercent: 90,
			principalFen: 28740
		});
		expect(
			planBill(parking, [{ fromMonth: '2021-01', rateFen: 8000 }], u, '2026-03', settings)
		).toMatchObject({ fullFen: 8000, vacancyPercent: 100, principalFen: 8000 });
	});
	it('none without a rate, a parking space, or before the notice', () => {
		expect(planBill(property, rates, unit(), '2020-12', settings)).toBeNull();
		expect(
			planBill(parking, [{ fromMonth: '2021-01', rateFen: 8000 }], unit(), '2026-03', settings)
		).toBeNull();
		expect(
			planBill(property, rates, unit({ handoverNoticeDate: '2026-05-02' }), '2026-05', settings)
		).toBeNull();
	});
	it('monthPlanner: one plan per month, reused for every unit, same as planBill', () => {
		const plan = monthPlanner(property, rates, '2026-03', settings)!;
		const units = [
			unit(),
			unit({ areaCenti: 12050 }),
			unit({ occupancy: 'not_handed_over', handoverNoticeDate: '2024-06-01' }),
			unit({ handoverNoticeDate: '2026-03-02' })
		];
		expect(units.map((u) => plan(u))).toEqual(
			units.map((u) => planBill(property, rates, u, '2026-03', settings))
		);
		expect(units.map((u) => plan(u)?.principalFen ?? null)).toEqual([23850, 31933, 21465, null]);
		expect(monthPlanner(property, rates, '2020-12', settings)).toBeNull();
	});
	it('the due day setting is clamped', () => {
		expect(planBill(property, rates, unit(), '2026-02', { ...settings, dueDay: 31 })?.dueDate).toBe(
			'2026-02-28'
		);
	});
});

describe('allocatePayment', () => {
	const targets = [
		{ billId: 1, principalDueFen: 10000, lateFeeDueFen: 500 },
		{ billId: 2, principalDueFen: 10000, lateFeeDueFen: 200 },
		{ billId: 3, principalDueFen: 10000, lateFeeDueFen: 0 }
	];
	it('everything when the amount is the total', () => {
		expect(allocatePayment(30700, targets)).toEqual([
			{ billId: 1, principalFen: 10000, lateFeeFen: 500 },
			{ billId: 2, principalFen: 10000, lateFeeFen: 200 },
			{ billId: 3, principalFen: 10000, lateFeeFen: 0 }
		]);
	});
	it('principal oldest first; late fees only after every principal', () => {
		expect(allocatePayment(14000, targets)).toEqual([
			{ billId: 1, principalFen: 10000, lateFeeFen: 0 },
			{ billId: 2, principalFen: 4000, lateFeeFen: 0 }
		]);
		expect(allocatePayment(30600, targets)).toEqual([
			{ billId: 1, principalFen: 10000, lateFeeFen: 500 },
			{ billId: 2, principalFen: 10000, lateFeeFen: 100 },
			{ billId: 3, principalFen: 10000, lateFeeFen: 0 }
		]);
	});
	it('a bill with only a late fee left', () => {
		expect(allocatePayment(300, [{ billId: 9, principalDueFen: 0, lateFeeDueFen: 2003 }])).toEqual([
			{ billId: 9, principalFen: 0, lateFeeFen: 300 }
		]);
	});
	it('refuses zero, negative, fractions and more than is due', () => {
		expect(() => allocatePayment(0, targets)).toThrow(RangeError);
		expect(() => allocatePayment(-1, targets)).toThrow(RangeError);
		expect(() => allocatePayment(1.5, targets)).toThrow(RangeError);
		expect(() => allocatePayment(30701, targets)).toThrow(RangeError);
		expect(() => allocatePayment(1, [])).toThrow(RangeError);
	});
});

describe('month formatting', () => {
	it('runs of consecutive months, across a year end', () => {
		expect(monthRuns(['2026-12', '2026-11', '2027-01', '2027-03'])).toEqual([
			['2026-11', '2027-01'],
			['2027-03', '2027-03']
		]);
		expect(monthRuns([])).toEqual([]);
		expect(monthRuns(['2026-01', '2026-01'])).toEqual([['2026-01', '2026-01']]);
	});
	it('Chinese and English', () => {
		expect(formatMonthsZh(['2026-09', '2026-10', '2026-11'])).toBe('2026年09月至2026年11月');
		expect(formatMonthsZh(['2026-09', '2026-10', '2026-11'], true)).toBe('2026年09月至11月');
		expect(formatMonthsZh(['2026-12', '2027-01'], true)).toBe('2026年12月至2027年01月');
		expect(formatMonthsZh(['2026-01', '2026-03', '2026-04'])).toBe(
			'2026年01月、2026年03月至2026年04月'
		);
		expect(formatMonthsEn(['2026-09', '2026-10', '2027-01'])).toBe('2026-09 to 2026-10, 2027-01');
		expect(() => formatMonthsZh(['2026-13'])).toThrow(RangeError);
	});
});

describe('空置减免: credits for bills issued at 100 % in months the unit was not taken over', () => {
	const vacant = { occupancy: 'not_handed_over' as const, handoverNoticeDate: '2025-06-15' };
	const b = (billId: number, month: string, over: Partial<CreditBill> = {}): CreditBill => ({
		billId,
		month,
		vacancyApplies: true,
		fullFen: 23733,
		principalFen: 23733,
		vacancyPercent: 100,
		...over
	});
	it('which months count: from the notice, until the move-in case (or while not handed over)', () => {
		expect(wasVacancyMonth(vacant, '2025-06')).toBe(false); // starts before the notice
		expect(wasVacancyMonth(vacant, '2025-07')).toBe(true);
		expect(wasVacancyMonth({ ...vacant, occupancy: 'occupied' }, '2025-07')).toBe(false); // no case on record
		expect(
			wasVacancyMonth({ ...vacant, occupancy: 'occupied', takenOverFrom: '2026-03' }, '2026-02')
		).toBe(true);
		expect(
			wasVacancyMonth({ ...vacant, occupancy: 'occupied', takenOverFrom: '2026-03' }, '2026-03')
		).toBe(false);
		expect(wasVacancyMonth({ ...vacant, handoverNoticeDate: null }, '2026-03')).toBe(false);
	});
	it('the difference to the vacancy percentage of the month, less what was credited; parking and reduced bills get none', () => {
		const bills = [
			b(1, '2025-06'),
			b(2, '2025-07'),
			b(3, '2025-08'),
			b(4, '2025-09', { vacancyApplies: false }),
			b(5, '2025-10', { vacancyPercent: 90, principalFen: 21360 })
		];
		const pct = (m: string) => (m < '2025-08' ? 90 : 80);
		// 23 733 − 21 360 (90 %) = 2 373; 23 733 − 18 986 (80 %) = 4 747, 1 000 already credited.
		expect(vacancyCreditsOwed(vacant, bills, pct, new Map([[3, 1000]]))).toEqual([
			{ sourceBillId: 2, amountFen: 2373, vacancyPercent: 90 },
			{ sourceBillId: 3, amountFen: 3747, vacancyPercent: 80 }
		]);
		expect(
			vacancyCreditsOwed(
				vacant,
				bills,
				pct,
				new Map([
					[2, 2373],
					[3, 4747]
				])
			)
		).toEqual([]);
	});
	it('a credit goes to its own unpaid bill first, then the oldest unpaid ones; the rest waits', () => {
		const credits = [
			{ sourceBillId: 1, amountFen: 2373, vacancyPercent: 90 },
			{ sourceBillId: 2, amountFen: 2373, vacancyPercent: 90 }
		];
		// Bill 1 is paid; bill 2 has 1 000 unpaid; bill 9 (a later month) 23 733.
		expect(
			allocateCredits(credits, [
				{ billId: 1, principalDueFen: 0 },
				{ billId: 2, principalDueFen: 1000 },
				{ billId: 9, principalDueFen: 3000 }
			])
		).toEqual([
			{ sourceBillId: 1, billId: 2, amountFen: 1000, vacancyPercent: 90 },
			{ sourceBillId: 1, billId: 9, amountFen: 1373, vacancyPercent: 90 },
			{ sourceBillId: 2, billId: 9, amountFen: 1627, vacancyPercent: 90 }
		]);
		expect(allocateCredits(credits, [])).toEqual([]);
	});
});
