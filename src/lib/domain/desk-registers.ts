/** The front-desk registers whose open entries are handed over at shift change (issue 21). */
export const REGISTER_CODES = ['parcel', 'visitor', 'item', 'appointment'] as const;
export type RegisterCode = (typeof REGISTER_CODES)[number];

/**
 * A register entry's state from its closing events (in any order): the first outcome recorded
 * closes it for good; none yet means open (errands, appointments).
 */
export function firstOutcome<O extends string>(
	events: readonly { outcome: O; atMs: number }[]
): O | 'open' {
	let first: { outcome: O; atMs: number } | null = null;
	for (const e of events) if (!first || e.atMs < first.atMs) first = e;
	return first ? first.outcome : 'open';
}

/** Late: still open past the time it was due by (epoch ms). */
export function isLate(state: string, dueMs: number, nowMs: number): boolean {
	return state === 'open' && dueMs < nowMs;
}

/** State and lateness of a listed entry from its one closing row (left-joined: nulls while open). */
export function closingState<O extends string>(
	outcome: O | null,
	closedMs: number | null,
	dueMs: number,
	nowMs: number
): { state: O | 'open'; overdue: boolean } {
	const state = firstOutcome(outcome && closedMs !== null ? [{ outcome, atMs: closedMs }] : []);
	return { state, overdue: isLate(state, dueMs, nowMs) };
}
