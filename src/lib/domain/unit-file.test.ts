import { describe, it, expect } from 'vitest';
import { paidThroughMonth } from './unit-file';

const bill = (month: string, principalDueFen: number) => ({ month, principalDueFen });

describe('paidThroughMonth (已缴至)', () => {
	it('all paid, a year prepaid: through the last prepaid month', () => {
		expect(
			paidThroughMonth([bill('2026-10', 0), bill('2026-11', 0), bill('2027-10', 0)].reverse())
		).toBe('2027-10');
	});
	it('a gap stops it: 2026-09 unpaid, 2026-10 paid → through 2026-08', () => {
		expect(paidThroughMonth([bill('2026-08', 0), bill('2026-09', 23850), bill('2026-10', 0)])).toBe(
			'2026-08'
		);
	});
	it('a month counts only when every item of it is settled (parking unpaid → not paid)', () => {
		expect(paidThroughMonth([bill('2026-10', 0), bill('2026-11', 0), bill('2026-11', 15000)])).toBe(
			'2026-10'
		);
	});
	it('first month unpaid, or no bills: null', () => {
		expect(paidThroughMonth([bill('2026-09', 1), bill('2026-10', 0)])).toBeNull();
		expect(paidThroughMonth([])).toBeNull();
	});
});
