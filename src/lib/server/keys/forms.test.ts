import { describe, expect, it } from 'vitest';
import { listFilterSchema, logRangeSchema } from './forms';

// Query-string schemas moved from the key routes into keys/forms.ts (issue 12).
describe('key list and log query strings', () => {
	it('the list ignores an unknown state and cuts a long search', () => {
		expect(listFilterSchema.parse({ q: ' 6-1 ', state: 'stolen' })).toEqual({
			q: '6-1',
			state: ''
		});
		expect(listFilterSchema.parse({ q: 'x'.repeat(41), state: 'lent' })).toEqual({
			q: '',
			state: 'lent'
		});
	});
	it('the log takes real days in order, at most 366 days apart', () => {
		expect(logRangeSchema.safeParse({ from: '2026-11-17', to: '2026-11-23' }).success).toBe(true);
		expect(logRangeSchema.safeParse({ from: '2026-11-23', to: '2026-11-17' }).success).toBe(false);
		expect(logRangeSchema.safeParse({ from: '2026-02-30', to: '2026-11-17' }).success).toBe(false);
		expect(logRangeSchema.safeParse({ from: '2025-01-01', to: '2026-11-17' }).success).toBe(false);
	});
});
