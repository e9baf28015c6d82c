/**
 * The app's clock: every "now" on the server comes from here so tests can pin it.
 * `FRONTDESK_FIXED_NOW` (ISO time) freezes it, `FRONTDESK_START_AT` starts it at a given moment; with `FRONTDESK_TEST_HOOKS=1` the e2e tests may
 * move it forward at run time (POST /__test/clock) to see overdue keys and broken time limits.
 */
// FRONTDESK_START_AT (ISO time) starts a flowing clock at that moment: e2e runs see a known date.
const startAt = process.env.FRONTDESK_START_AT ? Date.parse(process.env.FRONTDESK_START_AT) : NaN;
const startOffset = Number.isFinite(startAt) ? startAt - Date.now() : 0;
let offsetMs = 0;

export function nowMs(): number {
	const fixed = process.env.FRONTDESK_FIXED_NOW;
	const base = fixed ? Date.parse(fixed) : Date.now() + startOffset;
	return base + offsetMs;
}

export function clockNow(): Date {
	return new Date(nowMs());
}

export function testHooksEnabled(): boolean {
	return process.env.FRONTDESK_TEST_HOOKS === '1';
}

export function setClockOffset(ms: number) {
	if (!testHooksEnabled()) throw new Error('test hooks are disabled');
	offsetMs = ms;
}
