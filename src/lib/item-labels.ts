import { m } from '$lib/paraglide/messages.js';
import type { Consent, DepositState, IdType, ReleaseState } from '$lib/domain/items';

/** 物品寄存 / 放行 words for the page, its CSV and the counter home. */
export function idTypeLabel(t: IdType): string {
	return {
		id_card: m.items_id_card,
		passport: m.items_id_passport,
		hk_macau: m.items_id_hk_macau,
		other: m.items_id_other
	}[t]();
}

export function consentLabel(c: Consent): string {
	return {
		in_person: m.items_consent_in_person,
		phone: m.items_consent_phone,
		written: m.items_consent_written
	}[c]();
}

export function depositStateLabel(s: DepositState, overdue: boolean): string {
	if (overdue) return m.items_state_overdue();
	return s === 'claimed' ? m.items_state_claimed() : m.items_state_kept();
}

export function releaseStateLabel(s: ReleaseState, expired: boolean): string {
	if (expired) return m.items_state_expired();
	return s === 'passed' ? m.items_state_passed() : m.items_state_pending();
}
