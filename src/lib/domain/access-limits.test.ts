import { describe, expect, it } from 'vitest';
import {
	decideKioskAttempt,
	decideStaffAttempt,
	KIOSK_LIMITS,
	kioskAddressDelayMs,
	kioskAfterFailure,
	kioskMode,
	newPasswordProblems,
	PASSWORD_RULES,
	phoneEntryKind,
	STAFF_LIMITS,
	triesLeft,
	windowWaitMs
} from './access-limits';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const MIN = 60_000;
/** `n` attempt times one second apart, ending just before `end`. */
const times = (n: number, end = T0, step = 1000) =>
	Array.from({ length: n }, (_, i) => end - (n - i) * step);

describe('the figures (quoted in the README)', () => {
	it('staff: 10 per account and address, 30 per address in 15 minutes; past 10 per account everywhere, one try per 30 s', () => {
		expect(STAFF_LIMITS.accountAddress).toEqual({ max: 10, windowMs: 15 * MIN });
		expect(STAFF_LIMITS.address).toEqual({ max: 30, windowMs: 15 * MIN });
		expect(STAFF_LIMITS.accountSlow).toEqual({ max: 10, windowMs: 15 * MIN });
		expect(STAFF_LIMITS.accountSlowIntervalMs).toBe(30_000);
	});

	it('kiosk: 5 four-digit tries per room per hour; 5 full numbers per room and address in 15 minutes; slower answers past 10 per address', () => {
		expect(KIOSK_LIMITS.roomShort).toEqual({ max: 5, windowMs: 60 * MIN });
		expect(KIOSK_LIMITS.roomFullAddress).toEqual({ max: 5, windowMs: 15 * MIN });
		expect(KIOSK_LIMITS.addressSlowAfter).toBe(10);
		expect(KIOSK_LIMITS.addressDelayMaxMs).toBe(5_000);
	});
});

describe('windowWaitMs and triesLeft', () => {
	const L = { max: 3, windowMs: 10 * MIN };
	it('is open below the limit and tells the tries left', () => {
		expect(windowWaitMs(times(2), L, T0)).toBe(0);
		expect(triesLeft(times(2), L, T0)).toBe(1);
		expect(triesLeft(times(5), L, T0)).toBe(0);
	});
	it('at the limit waits until the oldest counted attempt leaves the window', () => {
		const t = [T0 - 9 * MIN, T0 - 5 * MIN, T0 - 1 * MIN];
		expect(windowWaitMs(t, L, T0)).toBe(1 * MIN);
		expect(windowWaitMs(t, L, T0 + MIN)).toBe(0);
		// Order does not matter; older attempts do not count.
		expect(windowWaitMs([T0 - MIN, T0 - 30 * MIN, T0 - 9 * MIN, T0 - 5 * MIN], L, T0)).toBe(
			1 * MIN
		);
	});
});

describe('decideStaffAttempt', () => {
	const none = { accountAddress: [], address: [], account: [] };
	it('allows a first attempt', () => {
		expect(decideStaffAttempt(none, T0)).toEqual({ allow: true });
	});

	it('10 wrong passwords from one address refuse that address for that account, with the minutes', () => {
		const ten = times(10);
		expect(decideStaffAttempt({ accountAddress: ten, address: ten, account: ten }, T0)).toEqual({
			allow: false,
			reason: 'limited',
			minutes: 15
		});
	});

	it('the owner at another address, after 10 wrong passwords elsewhere, is only slowed (30 s after the last try), never refused', () => {
		const elsewhere = times(10, T0, 60_000); // the last one a minute ago
		expect(decideStaffAttempt({ accountAddress: [], address: [], account: elsewhere }, T0)).toEqual(
			{ allow: true }
		);
		const justNow = [...times(9, T0 - 10_000), T0 - 10_000];
		expect(decideStaffAttempt({ accountAddress: [], address: [], account: justNow }, T0)).toEqual({
			allow: false,
			reason: 'slow',
			seconds: 20
		});
		expect(
			decideStaffAttempt({ accountAddress: [], address: [], account: justNow }, T0 + 20_000)
		).toEqual({ allow: true });
	});

	it('nine wrong passwords across all addresses do not slow anything', () => {
		expect(
			decideStaffAttempt({ accountAddress: [], address: [], account: [...times(8), T0 - 1] }, T0)
		).toEqual({ allow: true });
	});

	it('one address trying many accounts is refused after 30', () => {
		expect(decideStaffAttempt({ accountAddress: [], address: times(29), account: [] }, T0)).toEqual(
			{ allow: true }
		);
		expect(
			decideStaffAttempt({ accountAddress: [], address: times(30), account: [] }, T0)
		).toMatchObject({ allow: false, reason: 'limited' });
	});
});

describe('kiosk identification', () => {
	const none = { roomShort: [], roomFullAddress: [], address: [] };

	it('takes 4 digits or 11, nothing else', () => {
		expect(phoneEntryKind('1234')).toBe('short');
		expect(phoneEntryKind('13800000001')).toBe('full');
		expect(phoneEntryKind('123')).toBeNull();
		expect(phoneEntryKind('12345')).toBeNull();
		expect(phoneEntryKind('12a4')).toBeNull();
	});

	it('asks for 4 digits until the room has 5 wrong ones in the hour (from anywhere), then for the full number', () => {
		expect(kioskMode({ roomShort: times(4) }, T0)).toBe('short');
		expect(kioskMode({ roomShort: times(5) }, T0)).toBe('full');
		expect(decideKioskAttempt({ ...none, roomShort: times(5) }, 'short', T0)).toEqual({
			allow: false,
			reason: 'need_full'
		});
		// The owner can still come in with the full number.
		expect(decideKioskAttempt({ ...none, roomShort: times(5) }, 'full', T0)).toEqual({
			allow: true,
			mode: 'full'
		});
		// An hour after the oldest of them, 4 digits are taken again.
		expect(kioskMode({ roomShort: times(5, T0, MIN) }, T0 + 56 * MIN)).toBe('short');
	});

	it('four-digit guesses at a room stay at 5 an hour however many addresses try', () => {
		let t: number[] = [];
		let checked = 0;
		for (let i = 0; i < 1000; i++) {
			const now = T0 + i * 1000;
			const d = decideKioskAttempt(
				{ roomShort: t, roomFullAddress: [], address: [] },
				'short',
				now
			);
			if (d.allow) {
				checked++;
				t = [...t, now];
			}
		}
		expect(checked).toBe(5);
	});

	it('five wrong full numbers from one address make that address wait for that room only', () => {
		expect(decideKioskAttempt({ ...none, roomFullAddress: times(4) }, 'full', T0)).toEqual({
			allow: true,
			mode: 'full'
		});
		expect(decideKioskAttempt({ ...none, roomFullAddress: times(5) }, 'full', T0)).toEqual({
			allow: false,
			reason: 'limited',
			minutes: 15
		});
	});

	it('others’ typos at the same kiosk never refuse a resident: the address only answers more slowly', () => {
		const many = times(40);
		expect(
			decideKioskAttempt({ roomShort: [], roomFullAddress: [], address: many }, 'short', T0)
		).toEqual({ allow: true, mode: 'short' });
		expect(kioskAddressDelayMs(times(9), T0)).toBe(0);
		expect(kioskAddressDelayMs(times(10), T0)).toBe(500);
		expect(kioskAddressDelayMs(times(12), T0)).toBe(1500);
		expect(kioskAddressDelayMs(many, T0)).toBe(5000);
		expect(kioskAddressDelayMs(times(40, T0 - 16 * MIN), T0)).toBe(0);
	});

	it('tells the tries left after a failure, and when 4 digits run out, that the full number comes next', () => {
		expect(kioskAfterFailure({ ...none, roomShort: times(1) }, 'short', T0)).toEqual({
			mode: 'short',
			triesLeft: 4
		});
		expect(kioskAfterFailure({ ...none, roomShort: times(5) }, 'short', T0)).toEqual({
			mode: 'full',
			triesLeft: 5
		});
		expect(
			kioskAfterFailure({ ...none, roomShort: times(5), roomFullAddress: times(2) }, 'full', T0)
		).toEqual({ mode: 'full', triesLeft: 3 });
	});
});

describe('newPasswordProblems', () => {
	const ctx = { current: 'Old-Passw0rd', username: 'clerk' };
	it('accepts a long enough new password typed twice', () => {
		expect(newPasswordProblems('Fresh-2026-pw', 'Fresh-2026-pw', ctx)).toEqual([]);
	});
	it.each([
		['short1', 'short1', ['too_short']],
		['Old-Passw0rd', 'Old-Passw0rd', ['same_as_current']],
		['MyClerk-2026', 'MyClerk-2026', ['contains_username']],
		['Fresh-2026-pw', 'Fresh-2026-pX', ['mismatch']],
		['x'.repeat(201), 'x'.repeat(201), ['too_long']]
	])('%j / %j → %j', (next, confirm, expected) => {
		expect(newPasswordProblems(next, confirm, ctx)).toEqual(expected);
	});
	it('counts characters, not UTF-16 units (8 Chinese characters are enough)', () => {
		expect(newPasswordProblems('鹿鸣溪谷物业前台', '鹿鸣溪谷物业前台', ctx)).toEqual([]);
		expect(PASSWORD_RULES.minLength).toBe(8);
	});
});
