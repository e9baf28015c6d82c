import { describe, expect, it } from 'vitest';
import {
	ageBucket,
	bucketOfDays,
	collectionFigures,
	daysOverdue,
	formatRate,
	promiseBroken,
	rateBp,
	unpaidLateFeeCalculator,
	floorOf,
	type CollectionBill
} from './arrears';
import { lateFeeWorking, type LateFeePeriod } from './late-fee';

describe('ageBucket', () => {
	it('puts each boundary day in its bucket (due 2026-01-20)', () => {
		const due = '2026-01-20';
		expect(ageBucket(due, '2026-01-20')).toBeNull(); // paying on the due date is on time
		expect(ageBucket(due, '2026-01-21')).toBe('d0_30'); // 1 day
		expect(ageBucket(due, '2026-02-19')).toBe('d0_30'); // 30 days
		expect(ageBucket(due, '2026-02-20')).toBe('d31_90'); // 31 days
		expect(ageBucket(due, '2026-04-20')).toBe('d31_90'); // 90 days
		expect(ageBucket(due, '2026-04-21')).toBe('d91_180'); // 91 days
		expect(ageBucket(due, '2026-07-19')).toBe('d91_180'); // 180 days
		expect(ageBucket(due, '2026-07-20')).toBe('d181_365'); // 181 days
		expect(ageBucket(due, '2027-01-20')).toBe('d181_365'); // 365 days
		expect(ageBucket(due, '2027-01-21')).toBe('over_365'); // 366 days
	});
	it('counts days, so a year over 29 February is 366 days and over a year', () => {
		expect(daysOverdue('2024-02-20', '2025-02-20')).toBe(366);
		expect(ageBucket('2024-02-20', '2025-02-20')).toBe('over_365');
		expect(ageBucket('2024-02-20', '2025-02-19')).toBe('d181_365');
		expect(daysOverdue('2025-02-20', '2026-02-20')).toBe(365);
		expect(ageBucket('2025-02-20', '2026-02-20')).toBe('d181_365');
		// 2024-02-20 + 30 days = 2024-03-21 (29 days in February)
		expect(ageBucket('2024-02-20', '2024-03-21')).toBe('d0_30');
		expect(ageBucket('2024-02-20', '2024-03-22')).toBe('d31_90');
	});
	it('is not overdue before the due date', () => {
		expect(ageBucket('2026-01-20', '2026-01-01')).toBeNull();
		expect(bucketOfDays(0)).toBeNull();
		expect(bucketOfDays(-5)).toBeNull();
		expect(bucketOfDays(10_000)).toBe('over_365');
	});
});

describe('rateBp and formatRate', () => {
	it('rounds half up in basis points', () => {
		expect(rateBp(9725, 10000)).toBe(9725);
		expect(rateBp(1, 3)).toBe(3333); // 33.333…%
		expect(rateBp(2, 3)).toBe(6667); // 66.666…%
		expect(rateBp(1, 20000)).toBe(1); // 0.005% → 0.01%
		expect(formatRate(rateBp(1, 3))).toBe('33.33%');
		expect(formatRate(10000)).toBe('100.00%');
		expect(formatRate(5)).toBe('0.05%');
	});
	it('gives no rate when nothing was due', () => {
		expect(rateBp(0, 0)).toBeNull();
		expect(rateBp(500, 0)).toBeNull();
		expect(formatRate(null)).toBe('—');
	});
	it('shows over-collection as it is (never clamped)', () => {
		expect(rateBp(12000, 10000)).toBe(12000);
		expect(formatRate(12000)).toBe('120.00%');
	});
});

describe('collectionFigures', () => {
	const november = { fromMonth: '2026-11', toMonth: '2026-11', until: '2026-11-30' };
	const bill = (
		month: string,
		principalFen: number,
		payments: [string, number][] = [],
		credits: [string, number][] = []
	): CollectionBill => ({
		month,
		principalFen,
		payments: payments.map(([date, fen]) => ({ date, fen })),
		credits: credits.map(([date, fen]) => ({ date, fen }))
	});

	it('worked example: current month and arrears of earlier months', () => {
		const f = collectionFigures(
			[
				bill('2026-11', 25680, [['2026-11-15', 25680]]), // paid in the month
				bill('2026-11', 25680, [['2026-06-05', 25680]]), // prepaid in June: counts
				bill('2026-11', 25680, [['2026-12-03', 25680]]), // paid after the month: not yet
				bill('2026-11', 25680), // unpaid
				bill('2026-09', 10000, [['2026-11-02', 10000]]), // arrears cleared in November
				bill('2026-10', 10000, [['2026-10-18', 10000]]), // paid before: not arrears
				bill('2026-10', 10000), // arrears still owing
				bill('2026-12', 25680, [['2026-11-15', 25680]]) // a later month: not in November
			],
			november
		);
		expect(f).toEqual({
			billedFen: 102720,
			creditedFen: 0,
			dueFen: 102720,
			collectedFen: 51360,
			rateBp: 5000,
			arrearsDueFen: 20000,
			arrearsCollectedFen: 10000,
			arrearsRateBp: 5000
		});
	});

	it('has no rate with nothing billed and nothing owing', () => {
		const f = collectionFigures([bill('2026-10', 10000, [['2026-10-01', 10000]])], november);
		expect(f.dueFen).toBe(0);
		expect(f.rateBp).toBeNull();
		expect(f.arrearsDueFen).toBe(0);
		expect(f.arrearsRateBp).toBeNull();
	});

	it('takes 空置减免 off what is due, not adds it to what is collected', () => {
		const f = collectionFigures(
			[
				// 100% billed, 10% credited, the 90% paid: fully collected.
				bill('2026-11', 10000, [['2026-11-10', 9000]], [['2026-11-10', 1000]]),
				// Arrears credited during the period: no longer collectable.
				bill('2026-08', 10000, [['2026-11-10', 9000]], [['2026-11-10', 1000]])
			],
			november
		);
		expect(f.billedFen).toBe(10000);
		expect(f.creditedFen).toBe(1000);
		expect(f.dueFen).toBe(9000);
		expect(f.collectedFen).toBe(9000);
		expect(f.rateBp).toBe(10000);
		expect(f.arrearsDueFen).toBe(9000);
		expect(f.arrearsCollectedFen).toBe(9000);
		expect(f.arrearsRateBp).toBe(10000);
	});

	it('a year in progress counts up to its as-of day', () => {
		const f = collectionFigures(
			[
				bill('2026-01', 10000, [['2026-01-10', 10000]]),
				bill('2026-02', 10000, [['2026-03-10', 10000]]),
				bill('2026-03', 10000, [['2026-04-10', 10000]]),
				bill('2025-12', 10000, [['2026-02-01', 6000]]) // part of an arrear
			],
			{ fromMonth: '2026-01', toMonth: '2026-03', until: '2026-03-31' }
		);
		expect(f.dueFen).toBe(30000);
		expect(f.collectedFen).toBe(20000);
		expect(formatRate(f.rateBp)).toBe('66.67%');
		expect(f.arrearsDueFen).toBe(10000);
		expect(f.arrearsCollectedFen).toBe(6000);
	});
});

describe('promiseBroken', () => {
	it('holds through the promised day, then flags while the unit still owes', () => {
		expect(promiseBroken('2026-11-25', '2026-11-25', 100)).toBe(false);
		expect(promiseBroken('2026-11-25', '2026-11-26', 100)).toBe(true);
		expect(promiseBroken('2026-11-25', '2026-11-26', 0)).toBe(false);
		expect(promiseBroken(null, '2026-11-26', 100)).toBe(false);
	});
});

describe('unpaidLateFeeCalculator', () => {
	it('equals lateFeeWorking for untouched bills, across rate and cap changes', () => {
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const schedules: LateFeePeriod[][] = [
			[{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 }],
			[{ from: '0000-01-01', ratePerMille: 3, capPercent: null }],
			[
				{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 },
				{ from: '2025-06-01', ratePerMille: 0.5, capPercent: 30 },
				{ from: '2026-03-15', ratePerMille: 2.25, capPercent: 50 }
			]
		];
		let checked = 0;
		for (const schedule of schedules) {
			for (const asOf of ['2026-11-23', '2025-06-01', '2024-02-29']) {
				const fee = unpaidLateFeeCalculator(schedule, asOf);
				for (let i = 0; i < 400; i++) {
					const principalFen = Math.floor(rnd() * 300_000) + (i % 7 === 0 ? 0 : 1);
					const dueDate = `20${22 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-20`;
					expect(fee(principalFen, dueDate)).toBe(
						lateFeeWorking({ principalFen, dueDate, asOf, schedule }).fen
					);
					checked++;
				}
			}
		}
		expect(checked).toBe(3600);
	});
	it('worked example: ¥256.80 due 2026-03-20, 26 days → ¥20.03', () => {
		const fee = unpaidLateFeeCalculator(
			[{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 }],
			'2026-04-15'
		);
		expect(fee(25680, '2026-03-20')).toBe(2003);
	});
});

describe('floorOf', () => {
	it('takes the room number without its last two digits', () => {
		expect(floorOf('1502')).toBe('15');
		expect(floorOf('301')).toBe('3');
		expect(floorOf('0801')).toBe('8');
		expect(floorOf('A1')).toBe('');
	});
});
