// Translations of refused 寄存 / 放行 writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { ItemErrorCode } from './errors';

export const itemMessages: ErrorMessages<ItemErrorCode> = {
	messages: {
		not_found: (d) => (d.ref ? m.items_ref_not_found({ ref: String(d.ref) }) : m.items_not_found()),
		unknown_unit: (d) => m.items_unknown_unit({ code: String(d.code ?? '') }),
		claim_by_past: () => m.items_claim_by_past(),
		claim_by_too_far: (d) => m.items_claim_by_too_far({ days: Number(d.days ?? 30) }),
		claimer_name_missing: () => m.items_claimer_name_missing(),
		already_claimed: (d) => m.items_already_claimed({ no: String(d.claimNo ?? '') }),
		not_claimer: () => m.items_not_claimer(),
		id_missing: () => m.items_id_missing(),
		no_consent: () => m.items_no_consent(),
		consent_by_missing: () => m.items_consent_by_missing(),
		consent_phone_missing: () => m.items_consent_phone_missing(),
		consent_id_missing: () => m.items_consent_id_missing(),
		consent_note_missing: () => m.items_consent_note_missing(),
		valid_past: () => m.items_valid_past(),
		valid_too_far: () => m.items_valid_too_far(),
		release_expired: (d) => m.items_release_expired({ date: String(d.date ?? '') }),
		already_passed: (d) => m.items_already_passed({ no: String(d.releaseNo ?? '') })
	},
	fields: {
		unknown_unit: 'unit',
		claim_by_past: 'claimBy',
		claim_by_too_far: 'claimBy',
		claimer_name_missing: 'claimerName',
		not_found: 'ref',
		not_claimer: 'claimantName',
		id_missing: 'idLast4',
		no_consent: 'consent',
		consent_by_missing: 'consentBy',
		consent_phone_missing: 'consentPhone',
		consent_id_missing: 'consentIdLast4',
		consent_note_missing: 'consentNote',
		valid_past: 'validUntil',
		valid_too_far: 'validUntil'
	},
	fallback: () => m.items_not_found()
};
