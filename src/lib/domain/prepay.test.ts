import { describe, it, expect } from 'vitest';
import { prepayCountThrough, prepayOffers, prepayStartMonth } from './prepay';

describe('prepayStartMonth', () => {
	it('nothing billed yet: starts this month', () => {
		expect(prepayStartMonth('2026-11', null)).toBe('2026-11');
	});
	it('this month billed (paid or not): starts next month', () => {
		expect(prepayStartMonth('2026-11', '2026-11')).toBe('2026-12');
	});
	it('prepaid through 2027-03 (a year paid last spring): starts 2027-04, not at a paid month', () => {
		expect(prepayStartMonth('2026-11', '2027-03')).toBe('2027-04');
	});
	it('last bill long ago (arrears, billing stopped): never before this month', () => {
		expect(prepayStartMonth('2026-11', '2026-02')).toBe('2026-11');
	});
	it('across the year end', () => {
		expect(prepayStartMonth('2026-12', '2026-12')).toBe('2027-01');
	});
	it('refuses what is not a month', () => {
		expect(() => prepayStartMonth('2026-13', null)).toThrow(RangeError);
		expect(() => prepayStartMonth('2026-11', '2026/10')).toThrow(RangeError);
	});
});

describe('prepayOffers', () => {
	it('90.00 m² at ¥2.65: 1, 2, 3, 6 and 12 months from 2026-12 = 238.50 × n', () => {
		const offers = prepayOffers('2026-12', Array(36).fill(23850), [1, 2, 3, 6, 12]);
		expect(offers).toEqual([
			{ n: 1, fromMonth: '2026-12', toMonth: '2026-12', fen: 23850 },
			{ n: 2, fromMonth: '2026-12', toMonth: '2027-01', fen: 47700 },
			{ n: 3, fromMonth: '2026-12', toMonth: '2027-02', fen: 71550 },
			{ n: 6, fromMonth: '2026-12', toMonth: '2027-05', fen: 143100 },
			{ n: 12, fromMonth: '2026-12', toMonth: '2027-11', fen: 286200 }
		]);
	});
	it('never at ¥0: months that bill nothing are not offered on their own', () => {
		// Not billable before the handover notice (2027-02): the first two months bill nothing.
		const offers = prepayOffers('2026-12', [0, 0, 21465, 21465], [1, 2, 3, 6]);
		expect(offers.map((o) => [o.n, o.fen])).toEqual([
			[3, 21465],
			[6, 42930]
		]);
	});
	it('no rate at all: no offers', () => {
		expect(prepayOffers('2026-12', [])).toEqual([]);
		expect(prepayOffers('2026-12', [0, 0, 0])).toEqual([]);
	});
	it('an offer adding nothing over the smaller one is dropped (the preview ends)', () => {
		expect(prepayOffers('2026-12', [100, 100], [1, 2, 3]).map((o) => o.n)).toEqual([1, 2]);
	});
	it('refuses a bad start month', () => {
		expect(() => prepayOffers('2026-00', [1])).toThrow(RangeError);
	});
});

describe('prepayCountThrough', () => {
	it('move-in link "six months from 2026-11" (through 2027-04), 2026-11 billed already: 5 months from 2026-12', () => {
		expect(prepayCountThrough('2026-12', '2027-04')).toBe(5);
	});
	it('nothing billed: the six months themselves', () => {
		expect(prepayCountThrough('2026-11', '2027-04')).toBe(6);
	});
	it('already covered: nothing to prepay', () => {
		expect(prepayCountThrough('2027-05', '2027-04')).toBe(0);
	});
	it('across years', () => {
		expect(prepayCountThrough('2026-12', '2028-11')).toBe(24);
	});
	it('refuses what is not a month', () => {
		expect(() => prepayCountThrough('2026-12', '2027-4')).toThrow(RangeError);
	});
});
