/**
 * 快递代收 (issue 21), pure. The standard (seed 003 四.八) forbids signing for a resident's post
 * without the owner's written authorisation or a recorded phone confirmation, so a parcel is only
 * taken in for a unit with a standing authorisation or with the call noted on the form. It waits
 * on a shelf until handed over, once, to the owner or a person the owner named, with an ID seen.
 */
import { addDays, daysBetween } from '../dates';

/** How the owner authorised the desk: 书面 / 电话 / 线上 / 其他. */
export const AUTH_CHANNELS = ['written', 'phone', 'online', 'other'] as const;
export type AuthChannel = (typeof AUTH_CHANNELS)[number];

/** The ID seen at hand-over (only its type and last 4 characters are kept). */
export const PARCEL_ID_TYPES = [
	'id_card',
	'passport',
	'permit',
	'driving_licence',
	'other'
] as const;
export type ParcelIdType = (typeof PARCEL_ID_TYPES)[number];

export type ParcelState = 'waiting' | 'collected';

/** The settings default for `parcels.overdueDays`. */
export const DEFAULT_OVERDUE_DAYS = 7;

/**
 * Overdue once it has waited more than `overdueDays` calendar days (in the community's zone):
 * taken in on 11-28 with 7 days, it is overdue from 12-06 on.
 */
export function isParcelOverdue(
	state: ParcelState,
	receivedDay: string,
	today: string,
	overdueDays: number
): boolean {
	return state === 'waiting' && daysBetween(receivedDay, today) > overdueDays;
}

/** The first calendar day whose intake is not yet overdue today (for the list's SQL). */
export function overdueBeforeDay(today: string, overdueDays: number): string {
	return addDays(today, -overdueDays);
}

/** Named persons as typed ("王五、赵六" or "王五, 赵六") → the list kept. */
export function splitPersons(s: string): string[] {
	return [
		...new Set(
			s
				.split(/[,，、;；\n]/)
				.map((p) => p.trim())
				.filter(Boolean)
		)
	];
}

const sameName = (a: string, b: string) =>
	a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** Whether `collector` is one of the unit's owners or a person the standing authorisation names. */
export function mayCollect(
	collector: string,
	owners: readonly string[],
	named: readonly string[]
): boolean {
	return [...owners, ...named].some((n) => n.trim() !== '' && sameName(n, collector));
}

/** The authorisation in force: the newest one not withdrawn (or null). */
export function standingAuthorisation<T extends { id: number; atMs: number; withdrawn: boolean }>(
	auths: readonly T[]
): T | null {
	let best: T | null = null;
	for (const a of auths)
		if (!a.withdrawn && (!best || a.atMs > best.atMs || (a.atMs === best.atMs && a.id > best.id)))
			best = a;
	return best;
}

export interface PhoneConfirmation {
	/** The number called. */
	phone: string;
	calledMs: number | null;
	/** Who answered and agreed. */
	answeredBy: string;
}

/** A one-off phone confirmation counts only with all three parts noted. */
export function phoneConfirmed(p: PhoneConfirmation | null): boolean {
	return !!p && p.phone.trim() !== '' && p.calledMs !== null && p.answeredBy.trim() !== '';
}

/** Why a parcel may not be taken in for a known unit, or null. */
export function intakeProblem(
	standing: boolean,
	phone: PhoneConfirmation | null,
	waitingWithSameTracking: boolean
): 'no_authorisation' | 'duplicate_tracking' | null {
	if (waitingWithSameTracking) return 'duplicate_tracking';
	if (!standing && !phoneConfirmed(phone)) return 'no_authorisation';
	return null;
}

/** A tracking number as compared: no spaces, upper case. */
export function normaliseTracking(s: string): string {
	return s.replace(/\s+/g, '').toUpperCase();
}

/** The last 4 characters of an ID as recorded (digits, or a final X). */
export const ID_LAST4 = /^[0-9]{3}[0-9Xx]$/;

/** Why a hand-over is refused, or null. */
export function handoverProblem(h: {
	collected: boolean;
	idType: string;
	idLast4: string;
	allowed: boolean;
}): 'already_collected' | 'id_missing' | 'not_authorised_collector' | null {
	if (h.collected) return 'already_collected';
	if (!(PARCEL_ID_TYPES as readonly string[]).includes(h.idType) || !ID_LAST4.test(h.idLast4))
		return 'id_missing';
	if (!h.allowed) return 'not_authorised_collector';
	return null;
}
