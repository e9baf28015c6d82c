import { describe, expect, it } from 'vitest';
import { unpackOpenBills } from './sql';

describe('unpackOpenBills', () => {
	it('reads each bill of a packed due date, in order', () => {
		expect(
			unpackOpenBills('2026-03-28', '12,7,0,25680;9007199254740,8,1,0;3,7,1,100000000')
		).toEqual([
			[12, 7, 0, 0, '', '2026-03-28', 25680],
			[9007199254740, 8, 1, 0, '', '2026-03-28', 0],
			[3, 7, 1, 0, '', '2026-03-28', 100000000]
		]);
	});
	it('reads one bill, a negative amount, and nothing from an empty text', () => {
		expect(unpackOpenBills('2026-01-28', '1,2,1,-5')).toEqual([[1, 2, 1, 0, '', '2026-01-28', -5]]);
		expect(unpackOpenBills('2026-01-28', '')).toEqual([]);
	});
});
