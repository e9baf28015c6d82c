import { describe, expect, it } from 'vitest';
import { historySince } from './resident-history';

describe('historySince', () => {
	it('goes back 24 months to the same day', () => {
		expect(historySince('2026-11-23')).toBe('2024-11-23');
		expect(historySince('2026-01-01')).toBe('2024-01-01');
	});
	it('takes the month end when the day does not exist', () => {
		expect(historySince('2026-03-31')).toBe('2024-03-31');
		expect(historySince('2028-02-29')).toBe('2026-02-28');
	});
});
