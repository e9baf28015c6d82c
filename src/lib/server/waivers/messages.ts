// Translations for refused waiver steps and state labels. Routes only (uses Paraglide); scripts
// and tests import the module through index.ts, which does not export this file.
import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '../../money';
import {
	APPLICANT_MAX,
	NOTE_MAX,
	PHONE_MAX,
	REASON_MAX,
	type WaiverState
} from '../../domain/waiver';
import type { ErrorMessages } from '../errors';

/** Refused waiver steps; the step ('file', 'approve', 'reject') changes one message. */
export const waiverMessages: ErrorMessages = {
	messages: {
		reason_missing: () => m.waivers_error_reason_missing(),
		reason_too_long: () => m.waivers_error_reason_too_long({ max: REASON_MAX }),
		no_bills: () => m.waivers_error_no_bills(),
		too_many_bills: () => m.waivers_error_too_many_bills(),
		principal_unpaid: (_d, c) =>
			c.step === 'approve'
				? m.waivers_error_principal_reopened()
				: m.waivers_error_principal_unpaid(),
		no_late_fee: () => m.waivers_error_no_late_fee(),
		pending_request: () => m.waivers_error_pending_request(),
		already_decided: () => m.waivers_error_already_decided(),
		applicant_missing: () => m.waivers_error_applicant_missing(),
		applicant_too_long: () => m.waivers_error_applicant_too_long({ max: APPLICANT_MAX }),
		phone_too_long: () => m.waivers_error_phone_too_long({ max: PHONE_MAX }),
		bill_not_found: () => m.waivers_error_bill_not_found(),
		not_found: () => m.waivers_error_not_found(),
		not_pending: () => m.waivers_error_not_pending(),
		own_request: () => m.waivers_error_own_request(),
		note_missing: () => m.waivers_error_note_missing(),
		note_too_long: () => m.waivers_error_note_too_long({ max: NOTE_MAX }),
		bad_amount: () => m.waivers_error_bad_amount(),
		amount_negative: () => m.waivers_error_amount_negative(),
		amount_zero: () => m.waivers_error_amount_zero(),
		amount_above_owed: (d) =>
			m.waivers_error_amount_above_owed({
				max: typeof d.maxFen === 'number' ? formatYuan(d.maxFen) : ''
			}),
		unknown_bill: () => m.waivers_error_unknown_bill(),
		idempotency_key: () => m.waivers_error_stale(),
		idempotency_conflict: () => m.waivers_error_stale()
	},
	/** The form field a refusal belongs to, so the page can show it beside the input. */
	fields: {
		reason_missing: 'reason',
		reason_too_long: 'reason',
		applicant_missing: 'applicant',
		applicant_too_long: 'applicant',
		phone_too_long: 'phone',
		no_bills: 'bill',
		note_missing: 'note',
		note_too_long: 'note',
		bad_amount: 'amount',
		amount_negative: 'amount',
		amount_zero: 'amount',
		amount_above_owed: 'amount'
	},
	fallback: () => m.waivers_error_refused()
};

export function stateLabel(state: WaiverState): string {
	switch (state) {
		case 'pending':
			return m.waivers_state_pending();
		case 'approved':
			return m.waivers_state_approved();
		case 'rejected':
			return m.waivers_state_rejected();
		default:
			return m.waivers_state_returned();
	}
}
