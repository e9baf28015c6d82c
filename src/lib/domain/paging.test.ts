import { describe, expect, it } from 'vitest';
import { pageSlice } from './paging';

describe('pageSlice', () => {
	it('worked example: 250 rows by 100 are 3 pages, the last of 50', () => {
		expect(pageSlice(250, '3', 100)).toEqual({ page: 3, pages: 3, from: 200, to: 250, total: 250 });
		expect(pageSlice(250, null, 100)).toMatchObject({ page: 1, from: 0, to: 100 });
	});
	it('shows the nearest page for one out of range or not a number', () => {
		expect(pageSlice(250, '9', 100).page).toBe(3);
		expect(pageSlice(250, '0', 100).page).toBe(1);
		expect(pageSlice(250, '-2', 100).page).toBe(1);
		expect(pageSlice(250, '2.5', 100).page).toBe(1);
		expect(pageSlice(250, 'abc', 100).page).toBe(1);
		expect(pageSlice(250, '99999999999', 100).page).toBe(1);
	});
	it('an empty list is one empty page', () => {
		expect(pageSlice(0, '4', 100)).toEqual({ page: 1, pages: 1, from: 0, to: 0, total: 0 });
	});
});
