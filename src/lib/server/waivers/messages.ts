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
import { WaiverError } from './errors';

/** The form field a refusal belongs to, so the page can show it beside the input. */
const FIELD: Record<string, string> = {
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
};

export function waiverErrorField(code: string): string | undefined {
	return FIELD[code];
}

export function waiverCodeMessage(code: string, detail: Record<string, unknown> = {}): string {
	switch (code) {
		case 'reason_missing':
			return m.waivers_error_reason_missing();
		case 'reason_too_long':
			return m.waivers_error_reason_too_long({ max: REASON_MAX });
		case 'no_bills':
			return m.waivers_error_no_bills();
		case 'too_many_bills':
			return m.waivers_error_too_many_bills();
		case 'principal_unpaid':
			return detail.context === 'approve'
				? m.waivers_error_principal_reopened()
				: m.waivers_error_principal_unpaid();
		case 'no_late_fee':
			return m.waivers_error_no_late_fee();
		case 'pending_request':
			return m.waivers_error_pending_request();
		case 'already_decided':
			return m.waivers_error_already_decided();
		case 'applicant_missing':
			return m.waivers_error_applicant_missing();
		case 'applicant_too_long':
			return m.waivers_error_applicant_too_long({ max: APPLICANT_MAX });
		case 'phone_too_long':
			return m.waivers_error_phone_too_long({ max: PHONE_MAX });
		case 'bill_not_found':
			return m.waivers_error_bill_not_found();
		case 'not_found':
			return m.waivers_error_not_found();
		case 'not_pending':
			return m.waivers_error_not_pending();
		case 'own_request':
			return m.waivers_error_own_request();
		case 'note_missing':
			return m.waivers_error_note_missing();
		case 'note_too_long':
			return m.waivers_error_note_too_long({ max: NOTE_MAX });
		case 'bad_amount':
			return m.waivers_error_bad_amount();
		case 'amount_negative':
			return m.waivers_error_amount_negative();
		case 'amount_zero':
			return m.waivers_error_amount_zero();
		case 'amount_above_owed':
			return m.waivers_error_amount_above_owed({
				max: typeof detail.maxFen === 'number' ? formatYuan(detail.maxFen) : ''
			});
		case 'unknown_bill':
			return m.waivers_error_unknown_bill();
		case 'idempotency_key':
		case 'idempotency_conflict':
			return m.waivers_error_stale();
		default:
			return m.waivers_error_refused();
	}
}

/** A refused waiver step: the summary message and the per-field messages of every rule broken. */
export function waiverRefusal(
	e: WaiverError,
	context: 'file' | 'approve' | 'reject'
): { message: string; errors: Record<string, string> } {
	const detail = { ...e.detail, context };
	const codes = Array.isArray(e.detail.errors) ? (e.detail.errors as string[]) : [e.code];
	const errors: Record<string, string> = {};
	for (const code of codes) {
		const field = waiverErrorField(code);
		if (field) errors[field] ??= waiverCodeMessage(code, detail);
	}
	return { message: waiverCodeMessage(e.code, detail), errors };
}

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
