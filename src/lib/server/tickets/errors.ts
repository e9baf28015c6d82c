import type { RuleError } from '../../domain/tickets';
import type { PhotoError } from '../uploads/photos';

/*
 * Errors are codes here, translated at the edge (tickets/messages.ts), so this module has no
 * request or i18n imports and the seed script can use it under plain node.
 */

export type FieldError =
	| { code: 'required' }
	| { code: 'too_long'; max: number }
	| { code: 'invalid' }
	| { code: 'unknown_department' }
	| { code: 'unknown_unit'; unit: string }
	| { code: 'phone' }
	| { code: 'location_required' }
	| { code: 'time_format' }
	| { code: 'time_future' }
	| { code: 'time_too_old'; days: number }
	| { code: 'time_before'; at: number }
	| PhotoError
	| { code: 'developer_no_dispatch' }
	| { code: 'resident_unit' }
	| { code: 'resident_photo_limit'; maxMb: number; phone: string };

/** What went wrong as a whole: bad fields, a rule of the state machine, or no such ticket. */
export type FormError =
	| { code: 'invalid_input' }
	| { code: 'not_found' }
	| { code: 'rule'; rule: RuleError }
	/** A resident's daily limit from the kiosk or a phone (domain/tickets.ts); `phone`: the service centre's. */
	| { code: 'resident_limit'; limit: 'reports' | 'photo_bytes'; max: number; phone: string };

export interface TicketFailure {
	ok: false;
	/** 400 bad input, 403 role, 404 no such ticket, 409 not allowed in this state, 429 a resident's daily limit. */
	status: 400 | 403 | 404 | 409 | 429;
	error: FormError;
	errors: Record<string, FieldError>;
	/** What was typed, to refill the form (long values cut). */
	values: Record<string, string>;
}

export type FieldErrors = Record<string, FieldError>;

export function invalid(errors: FieldErrors, values: Record<string, string>): TicketFailure {
	return { ok: false, status: 400, error: { code: 'invalid_input' }, errors, values: echo(values) };
}

export function ruleFailure(rule: RuleError, values: Record<string, string> = {}): TicketFailure {
	return {
		ok: false,
		status: rule === 'manager_only' ? 403 : 409,
		error: { code: 'rule', rule },
		errors: {},
		values: echo(values)
	};
}

export function residentLimitFailure(
	limit: 'reports' | 'photo_bytes',
	max: number,
	phone: string,
	values: Record<string, string>
): TicketFailure {
	const errors: FieldErrors =
		limit === 'photo_bytes'
			? { photos: { code: 'resident_photo_limit', maxMb: max / 1024 / 1024, phone } }
			: {};
	return {
		ok: false,
		status: 429,
		error: { code: 'resident_limit', limit, max, phone },
		errors,
		values: echo(values)
	};
}

export function notFound(): TicketFailure {
	return { ok: false, status: 404, error: { code: 'not_found' }, errors: {}, values: {} };
}

function echo(values: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(values))
		if (typeof v === 'string') out[k] = v.length > 2000 ? v.slice(0, 2000) : v;
	return out;
}
