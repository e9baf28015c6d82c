import { describe, expect, it } from 'vitest';
import { advanceRoll, isAdvance, principalTiming, type AdvancePosting } from './advance';

describe('principalTiming', () => {
	it('splits by the month the money is taken in', () => {
		expect(principalTiming('2026-11', '2026-12-06')).toBe('arrears');
		expect(principalTiming('2026-12', '2026-12-31')).toBe('current');
		expect(principalTiming('2027-01', '2026-12-31')).toBe('advance'); // a year end
		expect(isAdvance('2024-03', '2024-02-29')).toBe(true); // leap day
	});
	it('refuses malformed input', () => {
		expect(() => principalTiming('2026-13', '2026-12-01')).toThrow(RangeError);
		expect(() => principalTiming('2026-12', '2026-02-30')).toThrow(RangeError);
	});
});

describe('advanceRoll', () => {
	// A year prepaid on 2026-12-06 for 2027-01 … 2027-12 at ¥100.00 a month.
	const year: AdvancePosting[] = Array.from({ length: 12 }, (_, i) => ({
		billMonth: `2027-${String(i + 1).padStart(2, '0')}`,
		postedDate: '2026-12-06',
		amountFen: 10_000
	}));
	it('holds a prepaid year as a liability and releases one month at a time', () => {
		expect(advanceRoll(year, '2026-11')).toEqual({
			openingFen: 0,
			receivedFen: 0,
			releasedFen: 0,
			closingFen: 0
		});
		expect(advanceRoll(year, '2026-12')).toEqual({
			openingFen: 0,
			receivedFen: 120_000,
			releasedFen: 0,
			closingFen: 120_000
		});
		expect(advanceRoll(year, '2027-01')).toEqual({
			openingFen: 120_000,
			receivedFen: 0,
			releasedFen: 10_000,
			closingFen: 110_000
		});
		expect(advanceRoll(year, '2027-12')).toEqual({
			openingFen: 10_000,
			receivedFen: 0,
			releasedFen: 10_000,
			closingFen: 0
		});
		expect(advanceRoll(year, '2028-01').closingFen).toBe(0);
	});
	it('nets a void of an advance in the month it is voided', () => {
		const voided = [
			...year,
			{ billMonth: '2027-06', postedDate: '2027-02-10', amountFen: -10_000 }
		];
		// the void is itself "taken" in 2027-02 for a later month: it reduces what is held from then on
		expect(advanceRoll(voided, '2027-02')).toMatchObject({
			receivedFen: -10_000,
			closingFen: 90_000
		});
		expect(advanceRoll(voided, '2027-06')).toMatchObject({ releasedFen: 0, closingFen: 60_000 });
	});
	it('ignores current and arrears principal, and zero', () => {
		const mixed: AdvancePosting[] = [
			{ billMonth: '2026-12', postedDate: '2026-12-06', amountFen: 5_000 },
			{ billMonth: '2026-01', postedDate: '2026-12-06', amountFen: 5_000 }
		];
		expect(advanceRoll(mixed, '2026-12').closingFen).toBe(0);
		expect(advanceRoll([], '2026-12').closingFen).toBe(0);
	});
	it('keeps huge amounts exact', () => {
		const big = [{ billMonth: '2027-01', postedDate: '2026-12-01', amountFen: 9_000_000_000_000 }];
		expect(advanceRoll(big, '2026-12').closingFen).toBe(9_000_000_000_000);
	});
});
