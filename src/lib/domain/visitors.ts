/**
 * 访客登记 (issue 21; seed 003 三.一(十) "请确认××号房是否有人来访" … "做好登记，予以放行"), pure:
 * a visitor is let in only once the resident confirms by phone; the visitor is inside until a
 * leaving is recorded (once), and overdue while inside past the end of the day they came or
 * `overstayHours` after coming in, whichever is first.
 */
import { addDays, localToEpochMs, todayIn } from '../dates';
import { maskIdNumber, normaliseIdNumber } from './keys';
import { isValidIdCard } from './records';

export const HOUR_MS = 3_600_000;
/** Most people on one registration (a family, a small work crew). */
export const MAX_PARTY = 20;

export type VisitorState = 'inside' | 'left';

export function visitorState(leftMs: number | null): VisitorState {
	return leftMs === null ? 'inside' : 'left';
}

/**
 * Masked for every list, CSV, PDF and the slip: the app's usual mask (first and last four around a
 * fixed run of stars, which also hides the length); a number of four characters or fewer would
 * show whole, so it is all stars.
 */
export function maskVisitorId(id: string): string {
	const s = normaliseIdNumber(id);
	return s.length <= 4 ? '****' : maskIdNumber(s);
}

/**
 * Why an ID number is refused, or null: a 居民身份证 must be a valid one (birth date and check
 * character, as the records check it);
 * any other document 3–30 letters, digits or dashes.
 */
export function idNumberProblem(idType: string, id: string): 'id_invalid' | null {
	const s = normaliseIdNumber(id);
	if (idType === 'id_card') return isValidIdCard(s) ? null : 'id_invalid';
	return /^[A-Z0-9-]{3,30}$/.test(s) ? null : 'id_invalid';
}

/** The slip's "valid until": the end of the community's day the visitor came in. */
export function dayEndMs(inMs: number, timeZone: string): number {
	return localToEpochMs(addDays(todayIn(timeZone, inMs), 1), '00:00', timeZone);
}

/** From when a visitor still inside counts as overstaying. */
export function overstayFromMs(inMs: number, validUntilMs: number, overstayHours: number): number {
	return Math.min(validUntilMs, inMs + overstayHours * HOUR_MS);
}

export function isOverstaying(
	v: { inMs: number; validUntilMs: number; leftMs: number | null },
	overstayHours: number,
	nowMs: number
): boolean {
	return (
		visitorState(v.leftMs) === 'inside' &&
		nowMs >= overstayFromMs(v.inMs, v.validUntilMs, overstayHours)
	);
}

/** "V261207-003": the day's running number, short enough for a guard to read out. */
export function slipNo(date: string, seq: number): string {
	return `V${date.slice(2).replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}
