import { describe, it, expect } from 'vitest';
import { formatLateFeeWorkingZh, lateFee, lateFeeWorking, type LateFeePayment } from './late-fee';
import { seededRandom } from '../random';

describe('DOMAIN.md worked examples', () => {
	it('¥256.80 due 2026-03-20 paid in full on 2026-04-15 → 26 days → 2003 fen', () => {
		const input = {
			principalFen: 25680,
			dueDate: '2026-03-20',
			asOf: '2026-04-15',
			payments: [{ date: '2026-04-15', principalFen: 25680 }]
		};
		expect(lateFee(input)).toBe(2003);
		expect(lateFeeWorking(input)).toEqual({
			fen: 2003,
			parts: [{ principalFen: 25680, days: 26 }],
			lines: [{ principalFen: 25680, days: 26, ratePerMille: 3 }],
			capped: false,
			ratePerMille: 3,
			uncappedFen: 2003,
			capPercent: 100,
			capFen: 25680
		});
	});

	it('the same bill still unpaid on 2026-04-15 owes the same 2003 fen', () => {
		expect(lateFee({ principalFen: 25680, dueDate: '2026-03-20', asOf: '2026-04-15' })).toBe(2003);
	});

	it('partial: 10 000 due 2026-01-20, 4 000 paid 2026-01-30, as of 2026-02-19 → 660 fen', () => {
		const input = {
			principalFen: 10000,
			dueDate: '2026-01-20',
			asOf: '2026-02-19',
			payments: [{ date: '2026-01-30', principalFen: 4000 }]
		};
		expect(lateFee(input)).toBe(660);
		expect(lateFeeWorking(input).parts).toEqual([
			{ principalFen: 4000, days: 10 },
			{ principalFen: 6000, days: 30 }
		]);
	});
});

describe('days overdue', () => {
	const base = { principalFen: 10000, dueDate: '2026-03-20' };
	it('paying on the due date is on time', () => {
		expect(lateFee({ ...base, asOf: '2026-03-20' })).toBe(0);
		expect(lateFeeWorking({ ...base, asOf: '2026-03-20' }).parts).toEqual([]);
	});
	it('before the due date nothing accrues', () => {
		expect(lateFee({ ...base, asOf: '2026-03-01' })).toBe(0);
		expect(lateFee({ ...base, asOf: '2025-12-31' })).toBe(0);
	});
	it('the day after the due date is one day: 10 000 × 3‰ = 30', () => {
		expect(lateFee({ ...base, asOf: '2026-03-21' })).toBe(30);
		expect(lateFee({ principalFen: 25680, dueDate: '2026-03-20', asOf: '2026-03-21' })).toBe(77); // 77.04
	});
	it('counts 29 February in leap years: 2024-02-20 → 2024-03-01 is 10 days', () => {
		expect(
			lateFeeWorking({ principalFen: 10000, dueDate: '2024-02-20', asOf: '2024-03-01' })
		).toMatchObject({
			fen: 300,
			parts: [{ principalFen: 10000, days: 10 }]
		});
	});
	it('2100 is not a leap year: 2100-02-20 → 2100-03-01 is 9 days', () => {
		expect(
			lateFeeWorking({ principalFen: 10000, dueDate: '2100-02-20', asOf: '2100-03-01' })
		).toMatchObject({
			fen: 270,
			parts: [{ principalFen: 10000, days: 9 }]
		});
	});
	it('2000 was a leap year (divisible by 400)', () => {
		expect(lateFee({ principalFen: 10000, dueDate: '2000-02-20', asOf: '2000-03-01' })).toBe(300);
	});
	it('crosses month ends and year ends', () => {
		expect(lateFee({ principalFen: 10000, dueDate: '2026-01-31', asOf: '2026-02-28' })).toBe(840); // 28 days
		expect(lateFee({ principalFen: 10000, dueDate: '2026-02-28', asOf: '2026-03-31' })).toBe(930); // 31 days
		expect(lateFee({ principalFen: 10000, dueDate: '2026-12-20', asOf: '2027-01-20' })).toBe(930); // 31 days
		expect(lateFee({ principalFen: 10000, dueDate: '2026-04-30', asOf: '2026-05-01' })).toBe(30);
	});
});

describe('amounts', () => {
	it('zero principal owes nothing', () => {
		expect(lateFeeWorking({ principalFen: 0, dueDate: '2026-01-20', asOf: '2027-01-20' })).toEqual({
			fen: 0,
			parts: [],
			lines: [],
			capped: false,
			ratePerMille: 3,
			uncappedFen: 0,
			capPercent: 100,
			capFen: 0
		});
	});
	it('¥10,000,000 for ten years (3 652 days) is capped at the principal', () => {
		const input = { principalFen: 1_000_000_000, dueDate: '2026-01-20', asOf: '2036-01-20' };
		expect(lateFeeWorking(input)).toMatchObject({
			fen: 1_000_000_000,
			uncappedFen: 10_956_000_000,
			capped: true,
			parts: [{ principalFen: 1_000_000_000, days: 3652 }]
		});
		expect(lateFee({ ...input, capPercent: null })).toBe(10_956_000_000);
	});
	it('stays exact and rounds half up at large magnitudes', () => {
		// 999 999 999 × 500 × 3 ÷ 1000 = 1 499 999 998.5 → 1 499 999 999
		expect(
			lateFee({
				principalFen: 999_999_999,
				dueDate: '2026-01-20',
				asOf: '2027-06-04',
				capPercent: null
			})
		).toBe(1_499_999_999);
		// 999 999 999 × 3 652 × 3 ÷ 1000 = 10 955 999 989.044 → 10 955 999 989
		expect(
			lateFee({
				principalFen: 999_999_999,
				dueDate: '2026-01-20',
				asOf: '2036-01-20',
				capPercent: null
			})
		).toBe(10_955_999_989);
	});
});

describe('rounding: once per bill, half up', () => {
	const oneDay = { dueDate: '2026-03-20', asOf: '2026-03-21' };
	it.each([
		[500, 2], // 1.5 → 2
		[100, 0], // 0.3 → 0
		[166, 0], // 0.498 → 0
		[167, 1], // 0.501 → 1
		[499, 1], // 1.497 → 1
		[1500, 5], // 4.5 → 5
		[1, 0] // 0.003 → 0
	])('%d fen × 1 day × 3‰ → %d', (principalFen, fen) => {
		expect(lateFee({ principalFen, ...oneDay })).toBe(fen);
	});
	it('does not round per day: 100 fen × 10 days = 3 fen, not 10 × 0', () => {
		expect(lateFee({ principalFen: 100, dueDate: '2026-03-20', asOf: '2026-03-30' })).toBe(3);
	});
	it('does not round per part: 0.45 + 0.45 = 0.9 → 1, not 0 + 0', () => {
		// 75 fen paid after 2 days (150 fen-days) + 50 fen unpaid for 3 days (150 fen-days).
		expect(
			lateFee({
				principalFen: 125,
				dueDate: '2026-01-20',
				asOf: '2026-01-23',
				payments: [{ date: '2026-01-22', principalFen: 75 }]
			})
		).toBe(1);
	});
});

describe('cap', () => {
	const bill = { principalFen: 1000, dueDate: '2026-01-20' };
	it('by default the fee never exceeds 100% of the principal', () => {
		expect(lateFeeWorking({ ...bill, asOf: '2026-12-19' })).toMatchObject({
			fen: 999,
			capped: false
		}); // 333 days
		expect(lateFeeWorking({ ...bill, asOf: '2026-12-20' })).toMatchObject({
			fen: 1000,
			uncappedFen: 1002,
			capped: true,
			capFen: 1000
		}); // 334 days
		expect(lateFee({ ...bill, asOf: '2036-01-20' })).toBe(1000);
	});
	it('a fee exactly at the cap is not "capped"', () => {
		// 10 000 × 400 days × 2.5‰ = 10 000 exactly.
		const p = { principalFen: 10000, dueDate: '2026-01-20', ratePerMille: 2.5 };
		expect(lateFeeWorking({ ...p, asOf: '2027-02-24' })).toMatchObject({
			fen: 10000,
			capped: false
		});
		expect(lateFeeWorking({ ...p, asOf: '2027-02-25' })).toMatchObject({
			fen: 10000,
			uncappedFen: 10025,
			capped: true
		});
	});
	it('a community may set 50%', () => {
		// 10 000 × 200 days × 3‰ = 6 000 → 5 000
		expect(
			lateFee({ principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-08-08', capPercent: 50 })
		).toBe(5000);
		// 50% of 25 681 = 12 840.5 → 12 841 (half up)
		expect(
			lateFee({ principalFen: 25681, dueDate: '2026-01-20', asOf: '2036-01-20', capPercent: 50 })
		).toBe(12841);
	});
	it('null means no cap', () => {
		expect(lateFee({ principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-12-31' })).toBe(10000);
		expect(
			lateFee({ principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-12-31', capPercent: null })
		).toBe(10350);
	});
	it('a 0% cap waives every fee; a cap above 100% allows more', () => {
		expect(
			lateFee({ principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-12-31', capPercent: 0 })
		).toBe(0);
		expect(
			lateFee({ principalFen: 10000, dueDate: '2026-01-20', asOf: '2036-01-20', capPercent: 150 })
		).toBe(15000);
	});
	it('the cap applies to the whole principal even after partial payments', () => {
		// 600 paid on day 1; 400 unpaid for 3 000 days: 600×1×3‰ + 400×3000×3‰ = 1.8 + 3600 → capped at 1 000.
		expect(
			lateFee({
				principalFen: 1000,
				dueDate: '2026-01-20',
				asOf: '2034-04-08',
				payments: [{ date: '2026-01-21', principalFen: 600 }]
			})
		).toBe(1000);
	});
});

describe('payments', () => {
	const bill = { principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-02-19' };
	it('several parts, one paid before the due date', () => {
		const payments = [
			{ date: '2026-01-15', principalFen: 2000 }, // early: 0 days
			{ date: '2026-01-25', principalFen: 3000 }, // 5 days
			{ date: '2026-02-04', principalFen: 1000 } // 15 days
		];
		// 3000×5 + 1000×15 + 4000×30 = 150 000 fen-days × 3‰ = 450
		const w = lateFeeWorking({ ...bill, payments });
		expect(w.fen).toBe(450);
		expect(w.parts).toEqual([
			{ principalFen: 3000, days: 5 },
			{ principalFen: 1000, days: 15 },
			{ principalFen: 4000, days: 30 }
		]);
	});
	it('does not depend on the order payments are listed in', () => {
		const payments = [
			{ date: '2026-02-04', principalFen: 1000 },
			{ date: '2026-01-15', principalFen: 2000 },
			{ date: '2026-01-25', principalFen: 3000 }
		];
		expect(lateFee({ ...bill, payments })).toBe(450);
	});
	it('merges payments with the same number of days into one part', () => {
		const payments = [
			{ date: '2026-01-30', principalFen: 1500 },
			{ date: '2026-01-30', principalFen: 2500 }
		];
		expect(lateFeeWorking({ ...bill, payments }).parts).toEqual([
			{ principalFen: 4000, days: 10 },
			{ principalFen: 6000, days: 30 }
		]);
		expect(lateFee({ ...bill, payments })).toBe(660);
	});
	it('a payment dated after asOf has not happened yet', () => {
		const payments = [{ date: '2026-03-01', principalFen: 4000 }];
		// as of 2026-02-19: all 10 000 unpaid for 30 days
		expect(lateFee({ ...bill, payments })).toBe(900);
		// as of 2026-03-10: 4 000 × 40 + 6 000 × 49 = 454 000 × 3‰ = 1 362
		expect(lateFee({ ...bill, asOf: '2026-03-10', payments })).toBe(1362);
	});
	it('a payment on asOf itself counts as paid that day', () => {
		const payments = [{ date: '2026-02-19', principalFen: 10000 }];
		expect(lateFee({ ...bill, payments })).toBe(900);
		expect(lateFeeWorking({ ...bill, payments }).parts).toEqual([
			{ principalFen: 10000, days: 30 }
		]);
	});
	it('once fully paid the fee stops growing', () => {
		const payments = [{ date: '2026-04-15', principalFen: 25680 }];
		const b = { principalFen: 25680, dueDate: '2026-03-20', payments };
		expect(lateFee({ ...b, asOf: '2026-04-15' })).toBe(2003);
		expect(lateFee({ ...b, asOf: '2026-06-30' })).toBe(2003);
		expect(lateFee({ ...b, asOf: '2030-01-01' })).toBe(2003);
	});
	it('paid in full before the due date: nothing', () => {
		expect(lateFee({ ...bill, payments: [{ date: '2026-01-10', principalFen: 10000 }] })).toBe(0);
		expect(lateFee({ ...bill, payments: [{ date: '2026-01-20', principalFen: 10000 }] })).toBe(0);
	});
	it('ignores whatever goes beyond the principal, oldest payments first', () => {
		// 15 000 paid against 10 000: only 10 000 counts, 10 days.
		expect(
			lateFeeWorking({ ...bill, payments: [{ date: '2026-01-30', principalFen: 15000 }] })
		).toMatchObject({
			fen: 300,
			parts: [{ principalFen: 10000, days: 10 }]
		});
		// 6 000 on day 10, then 6 000 on day 20 of which only 4 000 counts: 60 000 + 80 000 = 140 000 → 420.
		const payments = [
			{ date: '2026-02-09', principalFen: 6000 },
			{ date: '2026-01-30', principalFen: 6000 }
		];
		expect(lateFeeWorking({ ...bill, payments })).toMatchObject({
			fen: 420,
			parts: [
				{ principalFen: 6000, days: 10 },
				{ principalFen: 4000, days: 20 }
			]
		});
	});
	it('ignores zero payments', () => {
		expect(lateFee({ ...bill, payments: [{ date: '2026-01-30', principalFen: 0 }] })).toBe(900);
	});

	it('matches a day-by-day count of the unpaid balance', () => {
		// Independent check: on each day t after D, whatever was not yet paid before t accrues one day.
		// Deterministic, so a failure reproduces.
		const random = seededRandom(12345);
		const rand = (n: number) => Math.floor(random() * n);
		const dayMs = 86_400_000;
		const iso = (z: number) => new Date(z * dayMs).toISOString().slice(0, 10);
		for (let trial = 0; trial < 200; trial++) {
			const principalFen = rand(2_000_000);
			const dueZ = 19_000 + rand(3000);
			const asOfZ = dueZ - 20 + rand(500);
			const payments: LateFeePayment[] = Array.from({ length: rand(5) }, () => ({
				date: iso(dueZ - 30 + rand(600)),
				principalFen: rand(principalFen + 1)
			}));
			let fenDays = 0n;
			for (let t = dueZ + 1; t <= asOfZ; t++) {
				const paidBefore = payments
					.filter((p) => Date.parse(p.date) / dayMs < t)
					.reduce((s, p) => s + p.principalFen, 0);
				fenDays += BigInt(Math.max(0, principalFen - paidBefore));
			}
			const expected = (fenDays * 3n * 2n + 1000n) / 2000n;
			expect(
				lateFee({ principalFen, dueDate: iso(dueZ), asOf: iso(asOfZ), payments, capPercent: null })
			).toBe(Number(expected));
		}
	});
});

describe('rate', () => {
	const b = { principalFen: 25680, dueDate: '2026-03-20', asOf: '2026-04-15' };
	it('is configurable', () => {
		expect(lateFee({ ...b, ratePerMille: 3 })).toBe(2003);
		expect(lateFee({ ...b, ratePerMille: 5 })).toBe(3338); // 3 338.4
		expect(lateFee({ ...b, ratePerMille: 1 })).toBe(668); // 667.68
		expect(lateFee({ ...b, ratePerMille: 0 })).toBe(0);
	});
	it('may be a fraction such as 0.5‰ (万分之五), kept exact', () => {
		expect(lateFee({ ...b, ratePerMille: 0.5 })).toBe(334); // 333.84
		// 0.3‰ is not exactly representable in binary; 100 000 × 5 × 0.3‰ must still be exactly 150.
		expect(
			lateFee({
				principalFen: 100000,
				dueDate: '2026-03-20',
				asOf: '2026-03-25',
				ratePerMille: 0.3
			})
		).toBe(150);
		expect(
			lateFee({ principalFen: 1000, dueDate: '2026-03-20', asOf: '2026-03-25', ratePerMille: 0.1 })
		).toBe(1); // 0.5 → 1
	});
	it('refuses rates with more than 4 decimals', () => {
		expect(() => lateFee({ ...b, ratePerMille: 0.00001 })).toThrow(/decimals/);
		expect(() => lateFee({ ...b, ratePerMille: 1 / 3 })).toThrow(/decimals/);
	});
});

describe('invalid input throws a clear error', () => {
	const ok = { principalFen: 10000, dueDate: '2026-01-20', asOf: '2026-02-19' };
	it.each([
		[{ ...ok, principalFen: -1 }, /principalFen/],
		[{ ...ok, principalFen: 12.5 }, /principalFen.*integer/],
		[{ ...ok, principalFen: Number.NaN }, /principalFen/],
		[{ ...ok, principalFen: 2 ** 53 }, /principalFen/],
		[{ ...ok, dueDate: '2026-02-30' }, /dueDate/],
		[{ ...ok, dueDate: '2026/01/20' }, /dueDate/],
		[{ ...ok, asOf: '' }, /asOf/],
		[{ ...ok, payments: [{ date: '2026-13-01', principalFen: 1 }] }, /payments\[0\]\.date/],
		[
			{
				...ok,
				payments: [
					{ date: '2026-01-30', principalFen: 1 },
					{ date: '2026-01-30', principalFen: -5 }
				]
			},
			/payments\[1\]\.principalFen/
		],
		[
			{ ...ok, payments: [{ date: '2026-01-30', principalFen: 0.5 }] },
			/payments\[0\]\.principalFen/
		],
		[{ ...ok, ratePerMille: -1 }, /ratePerMille/],
		[{ ...ok, ratePerMille: Number.NaN }, /ratePerMille/],
		[{ ...ok, ratePerMille: Number.POSITIVE_INFINITY }, /ratePerMille/],
		[{ ...ok, capPercent: -10 }, /capPercent/]
	])('%o', (input, message) => {
		expect(() => lateFee(input)).toThrow(message);
		expect(() => lateFeeWorking(input)).toThrow(RangeError);
	});
});

describe('formatLateFeeWorkingZh', () => {
	it('prints one part as on the receipt', () => {
		const w = lateFeeWorking({ principalFen: 25680, dueDate: '2026-03-20', asOf: '2026-04-15' });
		expect(formatLateFeeWorkingZh(w)).toBe('逾期26天 × ¥256.80 × 3‰ = ¥20.03');
	});
	it('prints several parts and their total', () => {
		const w = lateFeeWorking({
			principalFen: 10000,
			dueDate: '2026-01-20',
			asOf: '2026-02-19',
			payments: [{ date: '2026-01-30', principalFen: 4000 }]
		});
		expect(formatLateFeeWorkingZh(w)).toBe(
			['逾期10天 × ¥40.00 × 3‰ = ¥1.20', '逾期30天 × ¥60.00 × 3‰ = ¥5.40', '合计 ¥6.60'].join('\n')
		);
	});
	it('shows the total rounded once even when the lines round down', () => {
		const w = lateFeeWorking({
			principalFen: 125,
			dueDate: '2026-01-20',
			asOf: '2026-01-23',
			payments: [{ date: '2026-01-22', principalFen: 75 }]
		});
		expect(formatLateFeeWorkingZh(w)).toBe(
			['逾期2天 × ¥0.75 × 3‰ = ¥0.00', '逾期3天 × ¥0.50 × 3‰ = ¥0.00', '合计 ¥0.01'].join('\n')
		);
	});
	it('adds the cap line when the cap applies', () => {
		const w = lateFeeWorking({ principalFen: 1000, dueDate: '2026-01-20', asOf: '2026-12-20' });
		expect(formatLateFeeWorkingZh(w)).toBe(
			'逾期334天 × ¥10.00 × 3‰ = ¥10.02\n以本金的100%为上限,计 ¥10.00'
		);
	});
	it('prints fractional rates', () => {
		const w = lateFeeWorking({
			principalFen: 25680,
			dueDate: '2026-03-20',
			asOf: '2026-04-15',
			ratePerMille: 0.5
		});
		expect(formatLateFeeWorkingZh(w)).toBe('逾期26天 × ¥256.80 × 0.5‰ = ¥3.34');
	});
	it('prints nothing when nothing is overdue', () => {
		const w = lateFeeWorking({ principalFen: 1000, dueDate: '2026-01-20', asOf: '2026-01-20' });
		expect(formatLateFeeWorkingZh(w)).toBe('');
	});
});

describe('rate and cap changes (a schedule): a past day never changes', () => {
	// ¥1,000.00 due 2026-11-20, unpaid. 3‰ until 2026-12-05, 2‰ from 2026-12-06.
	const base = { principalFen: 100000, dueDate: '2026-11-20' };
	const before = [{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 }];
	const after = [...before, { from: '2026-12-06', ratePerMille: 2, capPercent: 100 }];

	it('before the change day: the same fee as without the change', () => {
		for (const asOf of ['2026-11-20', '2026-11-21', '2026-12-01', '2026-12-05']) {
			expect(lateFee({ ...base, asOf, schedule: after })).toBe(
				lateFee({ ...base, asOf, schedule: before })
			);
		}
		// 15 days × 1000 × 3‰ = 45.00
		expect(lateFee({ ...base, asOf: '2026-12-05', schedule: after })).toBe(4500);
	});

	it('on and after the change day only the new days use the new rate', () => {
		// 15 days at 3‰ (4500) + 1 day at 2‰ (200)
		expect(lateFee({ ...base, asOf: '2026-12-06', schedule: after })).toBe(4700);
		// + 10 days at 2‰
		const w = lateFeeWorking({ ...base, asOf: '2026-12-15', schedule: after });
		expect(w.fen).toBe(4500 + 2000);
		expect(w.ratePerMille).toBe(2);
		expect(w.parts).toEqual([{ principalFen: 100000, days: 25 }]);
		expect(w.lines).toEqual([
			{ principalFen: 100000, days: 15, ratePerMille: 3 },
			{ principalFen: 100000, days: 10, ratePerMille: 2 }
		]);
		expect(formatLateFeeWorkingZh(w)).toBe(
			'逾期15天 × ¥1,000.00 × 3‰ = ¥45.00\n逾期10天 × ¥1,000.00 × 2‰ = ¥20.00\n合计 ¥65.00'
		);
	});

	it('a future scheduled change does nothing before its day', () => {
		const future = [...before, { from: '2027-06-01', ratePerMille: 1, capPercent: 100 }];
		expect(lateFee({ ...base, asOf: '2026-12-15', schedule: future })).toBe(
			lateFee({ ...base, asOf: '2026-12-15', ratePerMille: 3 })
		);
	});

	it('a part paid before the change is not touched by it', () => {
		const payments = [{ date: '2026-11-30', principalFen: 40000 }];
		// 40000 × 10 × 3‰ = 1200; 60000 × 15 × 3‰ = 2700 and 60000 × 5 × 2‰ = 600
		expect(lateFee({ ...base, asOf: '2026-12-10', payments, schedule: after })).toBe(
			1200 + 2700 + 600
		);
	});

	it('a lower cap stops growth but never takes back what had accrued', () => {
		// 1‰ a day on ¥1,000.00: 10.00 a day. Cap 100% until 2026-12-06, then 5% (= 50.00).
		const s = [
			{ from: '0000-01-01', ratePerMille: 10, capPercent: 100 },
			{ from: '2026-12-06', ratePerMille: 10, capPercent: 5 }
		];
		expect(lateFee({ ...base, asOf: '2026-12-05', schedule: s })).toBe(150000 / 10); // 15 days × 10.00 = 150.00
		const w = lateFeeWorking({ ...base, asOf: '2026-12-20', schedule: s });
		expect(w.fen).toBe(15000);
		expect(w.capped).toBe(true);
		expect(w.capFen).toBe(5000);
	});

	it('a cap in force bounds the accrual of its period; a raised cap lets it grow again', () => {
		const s = [
			{ from: '0000-01-01', ratePerMille: 10, capPercent: 5 },
			{ from: '2026-12-06', ratePerMille: 10, capPercent: 10 }
		];
		expect(lateFee({ ...base, asOf: '2026-12-05', schedule: s })).toBe(5000);
		expect(lateFee({ ...base, asOf: '2026-12-06', schedule: s })).toBe(6000);
		expect(lateFee({ ...base, asOf: '2026-12-30', schedule: s })).toBe(10000);
	});

	it('one period gives exactly the single-rate result', () => {
		const one = [{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 }];
		for (const asOf of ['2026-11-19', '2027-01-01', '2030-01-01']) {
			expect(lateFeeWorking({ ...base, asOf, schedule: one })).toEqual(
				lateFeeWorking({ ...base, asOf })
			);
		}
	});
});
