import { m } from '$lib/paraglide/messages.js';
import { failForm } from '$lib/server/forms';
import { formatDateTimeLocal } from '$lib/dates';
import type { RuleError } from '$lib/domain/tickets';
import type { FieldError, FormError, TicketFailure } from './errors';

/*
 * Error codes of the tickets module → messages in the request's language. Routes (and the kiosk
 * pages of issue 08) use `ticketFail(result, timeZone)` as their action's failure answer.
 */

export function fieldErrorMessage(e: FieldError, timeZone: string): string {
	switch (e.code) {
		case 'required':
			return m.tickets_err_required();
		case 'too_long':
			return m.tickets_err_too_long({ max: e.max });
		case 'invalid':
			return m.tickets_err_invalid();
		case 'unknown_department':
			return m.tickets_err_department();
		case 'unknown_unit':
			return m.tickets_err_unit({ unit: e.unit });
		case 'phone':
			return m.tickets_err_phone();
		case 'location_required':
			return m.tickets_err_location_required();
		case 'time_format':
			return m.tickets_err_time_format();
		case 'time_future':
			return m.tickets_err_time_future();
		case 'time_too_old':
			return m.tickets_err_time_too_old({ days: e.days });
		case 'time_before':
			return m.tickets_err_time_before({ time: formatDateTimeLocal(e.at, timeZone) });
		case 'photo_count':
			return m.tickets_err_photo_count({ max: e.max });
		case 'photo_size':
			return m.tickets_err_photo_size({ name: e.name, mb: e.maxMb });
		case 'photo_type':
			return m.tickets_err_photo_type({ name: e.name });
		case 'photo_pixels':
			return m.tickets_err_photo_pixels({ name: e.name, mp: e.maxMp });
		case 'developer_no_dispatch':
			return m.tickets_err_developer_no_dispatch();
		case 'resident_unit':
			return m.tickets_err_resident_unit();
		case 'resident_photo_limit':
			return m.tickets_err_resident_photo_limit({ mb: e.maxMb, phone: callPhone(e.phone) });
	}
}

export function ruleMessage(r: RuleError): string {
	return {
		closed: m.tickets_rule_closed,
		not_in_state: m.tickets_rule_not_in_state,
		wrong_kind: m.tickets_rule_wrong_kind,
		needs_approval: m.tickets_rule_needs_approval,
		already_notified: m.tickets_rule_already_notified,
		visit_needs_completion: m.tickets_rule_visit_needs_completion,
		visit_needs_check: m.tickets_rule_visit_needs_check,
		close_needs_visit: m.tickets_rule_close_needs_visit,
		already_checked: m.tickets_rule_already_checked,
		manager_only: m.tickets_rule_manager_only,
		kind_locked: m.tickets_rule_kind_locked,
		same_value: m.tickets_rule_same_value,
		staff_only: m.tickets_rule_staff_only
	}[r]();
}

/** The service centre's number in a sentence that asks the resident to call ('' when none is set). */
function callPhone(phone: string): string {
	return phone ? m.tickets_err_limit_phone({ phone }) : '';
}

export function formErrorMessage(e: FormError): string {
	if (e.code === 'not_found') return m.tickets_err_not_found();
	if (e.code === 'resident_limit')
		return e.limit === 'reports'
			? m.tickets_err_resident_report_limit({ max: e.max, phone: callPhone(e.phone) })
			: m.tickets_err_resident_photo_limit({ mb: e.max / 1024 / 1024, phone: callPhone(e.phone) });
	if (e.code === 'rule') return ruleMessage(e.rule);
	return m.tickets_err_form();
}

/** Translated field errors and summary of a failure. */
export function translateFailure(
	r: TicketFailure,
	timeZone: string
): { message: string; errors: Record<string, string>; values: Record<string, string> } {
	const errors: Record<string, string> = {};
	for (const [k, e] of Object.entries(r.errors)) errors[k] = fieldErrorMessage(e, timeZone);
	// With a single bad field the summary names the problem itself.
	const only = Object.values(errors);
	const message =
		r.error.code === 'invalid_input' && only.length === 1 ? only[0] : formErrorMessage(r.error);
	return { message, errors, values: r.values };
}

/** The standard failure answer of a form action (status, message, field errors, typed values). */
export function ticketFail(r: TicketFailure, timeZone: string, extra: Record<string, string> = {}) {
	const t = translateFailure(r, timeZone);
	return failForm(r.status, t.message, { errors: t.errors, values: { ...t.values, ...extra } });
}
