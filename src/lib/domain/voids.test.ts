import { describe, it, expect } from 'vitest';
import { isCrossMonth, isVoidCategory, voiderRefusal } from './voids';

describe('voiderRefusal', () => {
	it('a manager or admin who is not the cashier may void', () => {
		expect(voiderRefusal({ id: 2, role: 'manager' }, 1)).toBeNull();
		expect(voiderRefusal({ id: 3, role: 'admin' }, 2)).toBeNull();
	});
	it('no one voids their own receipt, not even an admin', () => {
		expect(voiderRefusal({ id: 2, role: 'manager' }, 2)).toBe('own_receipt');
		expect(voiderRefusal({ id: 3, role: 'admin' }, 3)).toBe('own_receipt');
	});
	it('a clerk never voids', () => {
		expect(voiderRefusal({ id: 1, role: 'clerk' }, 9)).toBe('not_allowed');
		expect(voiderRefusal({ id: 1, role: 'clerk' }, 1)).toBe('not_allowed');
	});
});

describe('isCrossMonth', () => {
	it('compares calendar months, not 30-day spans', () => {
		expect(isCrossMonth('2026-11-01', '2026-11-30')).toBe(false);
		expect(isCrossMonth('2026-10-31', '2026-11-01')).toBe(true);
		expect(isCrossMonth('2025-12-31', '2026-01-01')).toBe(true);
		expect(isCrossMonth('2026-11-23', '2026-11-23')).toBe(false);
	});
});

describe('isVoidCategory', () => {
	it('accepts only the fixed list', () => {
		expect(isVoidCategory('entry_error')).toBe(true);
		expect(isVoidCategory('other')).toBe(true);
		expect(isVoidCategory('')).toBe(false);
		expect(isVoidCategory('Other')).toBe(false);
		expect(isVoidCategory(undefined)).toBe(false);
	});
});
