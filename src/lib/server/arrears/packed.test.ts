import { describe, expect, it } from 'vitest';
import { eachPackedBill } from './sql';

const read = (packed: string) => {
	const out: number[][] = [];
	eachPackedBill(packed, (unit, principal, billId) => out.push([unit, principal, billId]));
	return out;
};

describe('eachPackedBill', () => {
	it('reads untouched bills (unit, principal) and touched ones (with their id), in order', () => {
		expect(read('7,25680;8,0,9007199254740;7,100000000;12,3,5')).toEqual([
			[7, 25680, 0],
			[8, 0, 9007199254740],
			[7, 100000000, 0],
			[12, 3, 5]
		]);
	});
	it('reads one bill, negative amounts, and nothing from an empty text', () => {
		expect(read('2,-5')).toEqual([[2, -5, 0]]);
		expect(read('2,-5,1')).toEqual([[2, -5, 1]]);
		expect(read('')).toEqual([]);
	});
});
