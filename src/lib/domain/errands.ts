/**
 * The front desk's small promises, pure: errands done for residents (代办, seed 003 四.二), phone
 * messages passed on (留言转告, 三.一(二) "需要我转告吗") and call-backs for residents who would not
 * wait (回电, 四.十四). Each is taken with a time it is due by; it is open until someone records it
 * done or not done (with who and when), and overdue while open past that time (不得埋单).
 */
import { firstOutcome, isLate } from './desk-registers';

export const ERRAND_KINDS = ['errand', 'message', 'callback'] as const;
export type ErrandKind = (typeof ERRAND_KINDS)[number];

export const ERRAND_OUTCOMES = ['done', 'failed'] as const;
export type ErrandOutcome = (typeof ERRAND_OUTCOMES)[number];

export type ErrandState = 'open' | ErrandOutcome;

/** A due time may be at most this far in the past when taken (the form was filled a moment ago). */
export const DUE_GRACE_MS = 5 * 60_000;
/** …and at most this far ahead. */
export const DUE_MAX_AHEAD_MS = 90 * 24 * 3_600_000;

/** The state from the closing events (in any order): the first outcome recorded closes it for good. */
export const errandState: (
	events: readonly { outcome: ErrandOutcome; atMs: number }[]
) => ErrandState = firstOutcome;

export const isOverdue: (state: ErrandState, dueMs: number, nowMs: number) => boolean = isLate;

/** Why a due time is refused, or null. */
export function dueProblem(dueMs: number, nowMs: number): 'due_past' | 'due_too_far' | null {
	if (dueMs < nowMs - DUE_GRACE_MS) return 'due_past';
	if (dueMs > nowMs + DUE_MAX_AHEAD_MS) return 'due_too_far';
	return null;
}

/** The due time the form offers: a call-back within 2 hours, a message within 1, an errand by tomorrow. */
export function defaultDueMs(kind: ErrandKind, nowMs: number): number {
	const h = 3_600_000;
	return nowMs + (kind === 'callback' ? 2 * h : kind === 'message' ? h : 24 * h);
}
