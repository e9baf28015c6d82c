/**
 * 物品寄存 and 物品放行 (issue 21; seed 003 二.十二(二) "记录于物品寄存表单上"), pure.
 *
 * Safekeeping: a resident leaves goods at the desk with a date they will be claimed by; whoever
 * comes for them shows the claim slip (number or short code) and an ID, and may only be the
 * depositor or the person the depositor named. Claimed once; overdue while kept past its date.
 *
 * Release: goods leave the estate through the gate only with the owner's consent (in person with
 * an ID, by phone with the number called and who answered, or a written note), valid until a
 * date; the gate records the pass-out once.
 */
import { addDays } from '../dates';

export const CLAIMERS = ['depositor', 'named'] as const;
export type Claimer = (typeof CLAIMERS)[number];

/** The IDs a claimant or an owner shows (only the type and the last four characters are kept). */
export const ID_TYPES = ['id_card', 'passport', 'hk_macau', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

export const CONSENTS = ['in_person', 'phone', 'written'] as const;
export type Consent = (typeof CONSENTS)[number];

export type DepositState = 'kept' | 'claimed';
export type ReleaseState = 'pending' | 'passed';

/** The longest safekeeping the standard's desk accepts when the community has not set one. */
export const DEFAULT_KEEP_DAYS = 30;
/** A release is for a move planned now: valid at most this many days ahead. */
export const RELEASE_MAX_DAYS = 30;

/** The last four characters of an ID (an ID card may end in X). */
export const ID_LAST4 = /^[0-9A-Za-z]{4}$/;

/** Kept or claimed, from the claim events (any one closes it for good). */
export function depositState(claims: readonly unknown[]): DepositState {
	return claims.length > 0 ? 'claimed' : 'kept';
}

export function releaseState(passes: readonly unknown[]): ReleaseState {
	return passes.length > 0 ? 'passed' : 'pending';
}

/** Kept past the last day it was to be claimed on (dates are the community's, YYYY-MM-DD). */
export function isDepositOverdue(state: DepositState, claimBy: string, today: string): boolean {
	return state === 'kept' && claimBy < today;
}

/** A release not passed by the end of its last valid day can no longer be used at the gate. */
export function isReleaseExpired(state: ReleaseState, validUntil: string, today: string): boolean {
	return state === 'pending' && validUntil < today;
}

/** Why an expected claim date is refused, or null: from today up to `keepDays` ahead. */
export function claimByProblem(
	claimBy: string,
	today: string,
	keepDays: number
): 'claim_by_past' | 'claim_by_too_far' | null {
	if (claimBy < today) return 'claim_by_past';
	if (claimBy > addDays(today, keepDays)) return 'claim_by_too_far';
	return null;
}

/** The date the deposit form offers: a week, or the longest allowed when shorter. */
export function defaultClaimBy(today: string, keepDays: number): string {
	return addDays(today, Math.min(7, keepDays));
}

/** Why a release's last valid day is refused, or null. */
export function validUntilProblem(
	validUntil: string,
	today: string
): 'valid_past' | 'valid_too_far' | null {
	if (validUntil < today) return 'valid_past';
	if (validUntil > addDays(today, RELEASE_MAX_DAYS)) return 'valid_too_far';
	return null;
}

/** Names compared as a clerk would: spaces (half- or full-width) do not count. */
export const sameName = (a: string, b: string) =>
	a.replace(/[\s\u3000]/g, '') === b.replace(/[\s\u3000]/g, '');

/** Whether the person at the desk may take the goods: the depositor, or the one they named. */
export function mayClaim(
	d: { claimer: Claimer; depositorName: string; claimerName: string },
	claimant: string
): boolean {
	return sameName(claimant, d.claimer === 'named' ? d.claimerName : d.depositorName);
}

export interface ConsentInput {
	consent: Consent | '';
	/** The owner who consented (in person: who showed the ID; by phone: who answered). */
	consentBy: string;
	/** By phone: the number called. */
	consentPhone: string;
	/** In person: the ID shown. */
	consentIdType: IdType | '';
	consentIdLast4: string;
	/** Written: what the note is (e.g. "业主签字同意书，已留存"). */
	consentNote: string;
}

/** What the chosen way of consent still lacks (field names), or 'no_consent' when none was chosen. */
export function consentProblems(c: ConsentInput): 'no_consent' | string[] {
	if (!c.consent) return 'no_consent';
	const missing: string[] = [];
	if (c.consent !== 'written' && !c.consentBy) missing.push('consentBy');
	if (c.consent === 'in_person') {
		if (!c.consentIdType) missing.push('consentIdType');
		if (!ID_LAST4.test(c.consentIdLast4)) missing.push('consentIdLast4');
	}
	if (c.consent === 'phone' && !/\d{3,}/.test(c.consentPhone)) missing.push('consentPhone');
	if (c.consent === 'written' && !c.consentNote) missing.push('consentNote');
	return missing;
}

/** A slip's number: prefix, the day, and the day's sequence (JC20261123-003). */
export function slipNo(prefix: 'JC' | 'FX', today: string, seq: number): string {
	return `${prefix}${today.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}
