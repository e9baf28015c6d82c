import { describe, expect, it } from 'vitest';
import {
	DUE_GRACE_MS,
	DUE_MAX_AHEAD_MS,
	defaultDueMs,
	dueProblem,
	errandState,
	isOverdue
} from './errands';

const T = Date.parse('2026-11-23T01:00:00Z');
const H = 3_600_000;

describe('errandState', () => {
	it('is open until an outcome is recorded', () => {
		expect(errandState([])).toBe('open');
		expect(errandState([{ outcome: 'done', atMs: T }])).toBe('done');
		expect(errandState([{ outcome: 'failed', atMs: T }])).toBe('failed');
	});
	it('keeps the first outcome, whatever the order given', () => {
		expect(
			errandState([
				{ outcome: 'failed', atMs: T + 1 },
				{ outcome: 'done', atMs: T }
			])
		).toBe('done');
	});
});

describe('isOverdue', () => {
	it('is overdue only while open and past its time (the due instant itself is not late)', () => {
		expect(isOverdue('open', T, T)).toBe(false);
		expect(isOverdue('open', T, T + 1)).toBe(true);
		expect(isOverdue('done', T, T + H)).toBe(false);
		expect(isOverdue('failed', T, T + H)).toBe(false);
	});
});

describe('dueProblem', () => {
	it('allows now, a moment ago and up to 90 days ahead', () => {
		expect(dueProblem(T, T)).toBeNull();
		expect(dueProblem(T - DUE_GRACE_MS, T)).toBeNull();
		expect(dueProblem(T + DUE_MAX_AHEAD_MS, T)).toBeNull();
	});
	it('refuses a time in the past and one too far ahead', () => {
		expect(dueProblem(T - DUE_GRACE_MS - 1, T)).toBe('due_past');
		expect(dueProblem(T - 24 * H, T)).toBe('due_past');
		expect(dueProblem(T + DUE_MAX_AHEAD_MS + 1, T)).toBe('due_too_far');
	});
});

describe('defaultDueMs', () => {
	it('offers 2 h for a call-back, 1 h for a message, a day for an errand', () => {
		expect(defaultDueMs('callback', T) - T).toBe(2 * H);
		expect(defaultDueMs('message', T) - T).toBe(H);
		expect(defaultDueMs('errand', T) - T).toBe(24 * H);
	});
});
