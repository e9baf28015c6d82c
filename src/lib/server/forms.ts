import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

export type FieldErrors = Record<string, string>;

/** Turns a zod issue into a message in the request's language. */
function issueMessage(issue: z.core.$ZodIssue): string {
	// A schema may carry its own message key via `.refine(..., { message: 'some text' })`.
	if (issue.code === 'custom' && issue.message) return issue.message;
	if (issue.code === 'too_big' && issue.origin === 'string')
		return m.validation_too_long({ max: Number(issue.maximum) });
	if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
		return m.validation_required();
	if (
		issue.code === 'invalid_type' &&
		(issue.input === undefined || issue.input === null || issue.input === '')
	)
		return m.validation_required();
	if (issue.code === 'invalid_type' && issue.expected === 'number') return m.validation_number();
	if (issue.message && !issue.message.startsWith('Invalid') && !issue.message.startsWith('Too'))
		return issue.message;
	return m.validation_invalid();
}

/** Plain object of a form's string fields (files dropped), for validation and for re-filling. */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries())
		if (typeof v === 'string') out[k] = out[k] === undefined ? v : out[k] + ',' + v;
	return out;
}

export type Parsed<T, E = string> =
	{ ok: true; data: T } | { ok: false; errors: Record<string, E>; values: Record<string, string> };

/**
 * Validates a form against a zod schema; errors are per field (the first per field) and
 * translated. A module whose use cases must also run without a request (tickets: the seed, the
 * kiosk) passes `describe` to get its own error codes instead, and translates them at the edge.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData | Record<string, unknown>
): Parsed<z.infer<S>>;
export function parseForm<S extends z.ZodType, E>(
	schema: S,
	form: FormData | Record<string, unknown>,
	describe: (issue: z.core.$ZodIssue) => E
): Parsed<z.infer<S>, E>;
export function parseForm<S extends z.ZodType, E>(
	schema: S,
	form: FormData | Record<string, unknown>,
	describe?: (issue: z.core.$ZodIssue) => E
): Parsed<z.infer<S>, E | string> {
	const values = form instanceof FormData ? formValues(form) : (form as Record<string, string>);
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, E | string> = {};
	for (const issue of result.error.issues) {
		const key = issue.path.length ? String(issue.path[0]) : '_form';
		errors[key] ??= describe ? describe(issue) : issueMessage(issue);
	}
	return { ok: false, errors, values: truncateValues(values) };
}

/**
 * Echoed values are capped so a 10 000-character paste is not sent back in full. A plain object
 * (a query string read by a route) may hold a missing field as undefined: it echoes as ''.
 */
function truncateValues(values: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(values)) {
		const text = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
		out[k] = text.length > 2000 ? text.slice(0, 2000) : text;
	}
	return out;
}

/** The standard failure answer of every action: status, a summary message, field errors, values. */
export function failForm(
	status: number,
	message: string,
	extra: { errors?: FieldErrors; values?: Record<string, string> } = {}
) {
	return fail(status, { message, errors: extra.errors ?? {}, values: extra.values ?? {} });
}

/**
 * A checkbox field: unticked posts nothing (or ''), ticked posts 'on' (scripts may send '1' or
 * 'true'). Any other value did not come from the form and is refused rather than read as "no".
 */
export const checkbox = z
	.string()
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v === '') return false;
		if (v === 'on' || v === '1' || v === 'true') return true;
		ctx.addIssue({ code: 'custom', message: m.validation_invalid() });
		return z.NEVER;
	});
