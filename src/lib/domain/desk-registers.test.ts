import { describe, expect, it } from 'vitest';
import { closingState, firstOutcome, isLate } from './desk-registers';

describe('a register entry closed by one event', () => {
	it('takes the first outcome recorded, whatever the order; none is open', () => {
		expect(firstOutcome([])).toBe('open');
		expect(
			firstOutcome([
				{ outcome: 'failed', atMs: 20 },
				{ outcome: 'done', atMs: 10 }
			])
		).toBe('done');
	});

	it('is late only while open and past its time', () => {
		expect(isLate('open', 100, 101)).toBe(true);
		expect(isLate('open', 100, 100)).toBe(false);
		expect(isLate('done', 100, 101)).toBe(false);
	});

	it('reads a listed row: no closing row is open (late when due), a closing row decides', () => {
		expect(closingState(null, null, 100, 200)).toEqual({ state: 'open', overdue: true });
		expect(closingState('done', 150, 100, 200)).toEqual({ state: 'done', overdue: false });
		// An outcome without its time (a half-read row) does not close it.
		expect(closingState('done', null, 300, 200)).toEqual({ state: 'open', overdue: false });
	});
});
