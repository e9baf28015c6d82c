/**
 * Limits on guessing staff passwords and residents' kiosk identification.
 *
 * The rule (DESIGN.md): a stranger must never be able to lock someone else out. So a refusal is
 * only ever per (account or room) *and* address block; across all addresses an account is only
 * slowed down and a room only asks for more (the full phone number) — its owner still gets in.
 * An attempt is counted when it starts (before the password hash is checked), so attempts sent
 * at once cannot overrun a limit.
 */

const MIN = 60_000;

export interface Window {
	max: number;
	windowMs: number;
}

export const STAFF_LIMITS = {
	/** Wrong passwords for one account from one address block: then that block waits. */
	accountAddress: { max: 10, windowMs: 15 * MIN } satisfies Window,
	/** Wrong passwords from one address block, any account: then that block waits. */
	address: { max: 30, windowMs: 15 * MIN } satisfies Window,
	/** Wrong passwords for one account from all addresses: past this, one attempt per interval. */
	accountSlow: { max: 10, windowMs: 15 * MIN } satisfies Window,
	accountSlowIntervalMs: 30_000
} as const;

export const KIOSK_LIMITS = {
	/** Wrong last-4-digit tries for one room from all addresses in an hour: then the full phone is asked. */
	roomShort: { max: 5, windowMs: 60 * MIN } satisfies Window,
	/** Wrong full phone numbers for one room from one address block: then that block waits. */
	roomFullAddress: { max: 5, windowMs: 15 * MIN } satisfies Window,
	/** Wrong tries from one address (the hall kiosk is shared by everyone): past this, answers slow down. */
	addressSlowAfter: 10,
	addressSlowWindowMs: 15 * MIN,
	addressDelayStepMs: 500,
	addressDelayMaxMs: 5_000,
	fullPhoneDigits: 11
} as const;

/**
 * Milliseconds until a sliding window has room for one more attempt (0: now). `times` are the
 * attempts counted so far (any order); the oldest leaving the window frees a slot.
 */
export function windowWaitMs(times: readonly number[], limit: Window, now: number): number {
	const inWindow = times.filter((t) => t > now - limit.windowMs).sort((a, b) => a - b);
	if (inWindow.length < limit.max) return 0;
	return Math.max(0, inWindow[inWindow.length - limit.max] + limit.windowMs - now);
}

/** Attempts left in a window (never negative). */
export function triesLeft(times: readonly number[], limit: Window, now: number): number {
	return Math.max(0, limit.max - times.filter((t) => t > now - limit.windowMs).length);
}

export const waitMinutes = (ms: number) => Math.max(1, Math.ceil(ms / MIN));

export interface StaffAttempts {
	/** Attempt times (failed or under way) for this account from this address block. */
	accountAddress: readonly number[];
	/** … from this address block, any account. */
	address: readonly number[];
	/** … for this account, from every address. */
	account: readonly number[];
}

export type StaffDecision =
	| { allow: true }
	| { allow: false; reason: 'limited'; minutes: number }
	| { allow: false; reason: 'slow'; seconds: number };

/** Whether a sign-in attempt may be checked now. */
export function decideStaffAttempt(a: StaffAttempts, now: number): StaffDecision {
	const L = STAFF_LIMITS;
	const blocked = Math.max(
		windowWaitMs(a.accountAddress, L.accountAddress, now),
		windowWaitMs(a.address, L.address, now)
	);
	if (blocked > 0) return { allow: false, reason: 'limited', minutes: waitMinutes(blocked) };
	const recent = a.account.filter((t) => t > now - L.accountSlow.windowMs && t <= now);
	if (recent.length >= L.accountSlow.max) {
		const wait = Math.max(...recent) + L.accountSlowIntervalMs - now;
		if (wait > 0) return { allow: false, reason: 'slow', seconds: Math.ceil(wait / 1000) };
	}
	return { allow: true };
}

export interface KioskAttempts {
	/** Wrong (or under way) last-4 tries for this room, every address. */
	roomShort: readonly number[];
	/** Wrong (or under way) full-phone tries for this room from this address block. */
	roomFullAddress: readonly number[];
	/** Wrong tries from this address block, any room. */
	address: readonly number[];
}

/** What the kiosk asks of the resident for this room: the last 4 digits or the full phone number. */
export function kioskMode(a: Pick<KioskAttempts, 'roomShort'>, now: number): 'short' | 'full' {
	return windowWaitMs(a.roomShort, KIOSK_LIMITS.roomShort, now) > 0 ? 'full' : 'short';
}

export type KioskDecision =
	| { allow: true; mode: 'short' | 'full' }
	/** The room is being guessed: 4 digits are no longer taken, the full number is. */
	| { allow: false; reason: 'need_full' }
	| { allow: false; reason: 'limited'; minutes: number };

/** Whether an identification attempt (`given` = what was typed) may be checked now. */
export function decideKioskAttempt(
	a: KioskAttempts,
	given: 'short' | 'full',
	now: number
): KioskDecision {
	const mode = kioskMode(a, now);
	if (given === 'short' && mode === 'full') return { allow: false, reason: 'need_full' };
	if (given === 'full') {
		const wait = windowWaitMs(a.roomFullAddress, KIOSK_LIMITS.roomFullAddress, now);
		if (wait > 0) return { allow: false, reason: 'limited', minutes: waitMinutes(wait) };
	}
	return { allow: true, mode: given };
}

/** Tries left after a failure, and what is asked next. */
export function kioskAfterFailure(
	a: KioskAttempts,
	given: 'short' | 'full',
	now: number
): { mode: 'short' | 'full'; triesLeft: number } {
	if (given === 'short') {
		const left = triesLeft(a.roomShort, KIOSK_LIMITS.roomShort, now);
		return left > 0
			? { mode: 'short', triesLeft: left }
			: {
					mode: 'full',
					triesLeft: triesLeft(a.roomFullAddress, KIOSK_LIMITS.roomFullAddress, now)
				};
	}
	return {
		mode: 'full',
		triesLeft: triesLeft(a.roomFullAddress, KIOSK_LIMITS.roomFullAddress, now)
	};
}

/**
 * The pause before an address's attempt is answered: none for the first failures, then growing
 * with each further one, capped. It slows guessing from one place without ever refusing the
 * resident who types correctly at a kiosk where others made mistakes.
 */
export function kioskAddressDelayMs(addressFailures: readonly number[], now: number): number {
	const L = KIOSK_LIMITS;
	const n = addressFailures.filter((t) => t > now - L.addressSlowWindowMs).length;
	return n < L.addressSlowAfter
		? 0
		: Math.min(L.addressDelayMaxMs, (n - L.addressSlowAfter + 1) * L.addressDelayStepMs);
}

/** What the resident typed as the phone: the last 4 digits, a full mobile number, or neither. */
export function phoneEntryKind(digits: string): 'short' | 'full' | null {
	if (/^\d{4}$/.test(digits)) return 'short';
	if (new RegExp(`^\\d{${KIOSK_LIMITS.fullPhoneDigits}}$`).test(digits)) return 'full';
	return null;
}

/** Wrong current passwords on the change-password page, per account: then it waits. */
export const PASSWORD_CHANGE_LIMIT: Window = { max: 5, windowMs: 15 * MIN };

export const PASSWORD_RULES = { minLength: 8, maxLength: 200 } as const;

export type PasswordProblem =
	'too_short' | 'too_long' | 'same_as_current' | 'contains_username' | 'mismatch';

/**
 * What is wrong with a new password (empty: nothing): long enough, not the old one, not built
 * from the username, typed the same twice.
 */
export function newPasswordProblems(
	next: string,
	confirm: string,
	ctx: { current: string; username: string }
): PasswordProblem[] {
	const problems: PasswordProblem[] = [];
	if ([...next].length < PASSWORD_RULES.minLength) problems.push('too_short');
	if (next.length > PASSWORD_RULES.maxLength) problems.push('too_long');
	if (next === ctx.current) problems.push('same_as_current');
	if (ctx.username && next.toLowerCase().includes(ctx.username.toLowerCase()))
		problems.push('contains_username');
	if (next !== confirm) problems.push('mismatch');
	return problems;
}

/**
 * Wrong kiosk pairing codes, per staff account (only a signed-in manager can try one): then it
 * waits. Ten guesses a quarter hour against 25⁶ codes that live 15 minutes find none.
 */
export const PAIRING_LIMIT: Window = { max: 10, windowMs: 15 * MIN };

export type PairingDecision = { allow: true } | { allow: false; minutes: number };

/** Whether a pairing code typed by this account may be checked now (`times`: its recent wrong ones). */
export function decidePairingAttempt(times: readonly number[], now: number): PairingDecision {
	const wait = windowWaitMs(times, PAIRING_LIMIT, now);
	return wait > 0 ? { allow: false, minutes: waitMinutes(wait) } : { allow: true };
}
