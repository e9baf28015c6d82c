import { describe, expect, it } from 'vitest';
import { presenceAt, presenceProblem, type PresenceEvent } from './directory';

const T = Date.parse('2026-12-07T01:00:00Z'); // 09:00 in Shanghai
const H = 3_600_000;

describe('presenceAt', () => {
	it('is on duty with no events', () => {
		expect(presenceAt([], T)).toEqual({ status: 'on_duty', untilMs: null });
	});
	it('takes the latest event, whatever the order given', () => {
		const ev: PresenceEvent[] = [
			{ status: 'leave', untilMs: null, atMs: T - 2 * H },
			{ status: 'out', untilMs: T + H, atMs: T - H },
			{ status: 'on_duty', untilMs: null, atMs: T - 3 * H }
		];
		expect(presenceAt(ev, T)).toEqual({ status: 'out', untilMs: T + H });
	});
	it('ends an absence by itself at its end time (the end instant is back on duty)', () => {
		const ev: PresenceEvent[] = [{ status: 'out', untilMs: T + H, atMs: T }];
		expect(presenceAt(ev, T + H - 1).status).toBe('out');
		expect(presenceAt(ev, T + H)).toEqual({ status: 'on_duty', untilMs: null });
	});
	it('keeps a leave without an end until it is changed, and ignores events in the future', () => {
		const ev: PresenceEvent[] = [
			{ status: 'leave', untilMs: null, atMs: T },
			{ status: 'on_duty', untilMs: null, atMs: T + 24 * H }
		];
		expect(presenceAt(ev, T + 23 * H).status).toBe('leave');
		expect(presenceAt(ev, T + 24 * H).status).toBe('on_duty');
		expect(presenceAt(ev, T - 1).status).toBe('on_duty');
	});
	it('lets the later of two events at the same instant win', () => {
		const ev: PresenceEvent[] = [
			{ status: 'out', untilMs: null, atMs: T },
			{ status: 'leave', untilMs: null, atMs: T }
		];
		expect(presenceAt(ev, T).status).toBe('leave');
	});
});

describe('presenceProblem', () => {
	it('allows an absence ending later, or without an end', () => {
		expect(presenceProblem('out', T + 1, T)).toBeNull();
		expect(presenceProblem('leave', null, T)).toBeNull();
		expect(presenceProblem('on_duty', null, T)).toBeNull();
	});
	it('refuses an end time in the past or now, and one for being on duty', () => {
		expect(presenceProblem('out', T, T)).toBe('until_past');
		expect(presenceProblem('leave', T - H, T)).toBe('until_past');
		expect(presenceProblem('on_duty', T + H, T)).toBe('until_on_duty');
	});
});
