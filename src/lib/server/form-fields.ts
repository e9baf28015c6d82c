// Field schemas every register's forms share (text, required text, phone, local date-time, ids,
// the form's idempotency key), so each module's forms.ts only says which fields it has.
// Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate, isValidMonth, localToEpochMs } from '$lib/dates';

/** A missing field reads as '' so every field gets the same required/too-long messages. */
export const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);

/** Trimmed text of at most `max` characters ('' allowed). */
export const text = (max: number) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.max(max, { error: () => m.validation_too_long({ max }) })
	);

/** Trimmed, non-empty text of at most `max` characters. */
export const required = (max: number) =>
	text(max).refine((s) => s.length > 0, { error: () => m.validation_required() });

/** A phone number as typed ('' allowed): digits, spaces and + - ( ). */
export const phone = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.refine((s) => /^[\d\s+\-()]{0,20}$/.test(s), { error: () => m.validation_phone_format() })
);

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const isLocalDateTime = (s: string) => DATETIME.test(s) && isValidDate(s.slice(0, 10));
const toMs = (s: string, timeZone: string) => localToEpochMs(s.slice(0, 10), s.slice(11), timeZone);

/** "YYYY-MM-DDTHH:MM" (a datetime-local field) in the community's zone → epoch ms. */
export const localDateTime = (timeZone: string, message: () => string = m.validation_datetime) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine(isLocalDateTime, { error: message })
			.transform((s) => toMs(s, timeZone))
	);

/** The same, or null when left empty. */
export const optionalLocalDateTime = (
	timeZone: string,
	message: () => string = m.validation_datetime
) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => s === '' || isLocalDateTime(s), { error: message })
			.transform((s) => (s ? toMs(s, timeZone) : null))
	);

/** A calendar date "YYYY-MM-DD" (a date field). */
export const localDate = (message: () => string = m.validation_invalid) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDate(s), { error: message })
	);

/** A row id from a hidden field. */
export const rowId = z.preprocess(orEmpty, z.string().regex(/^\d{1,9}$/)).transform(Number);

/** A row id from a <select> that may be left on none (''): the id, or null. */
export const optionalId = z
	.string()
	.trim()
	.regex(/^\d{0,9}$/)
	.default('')
	.transform((v) => (v === '' ? null : Number(v)));

/** A display order, 0–999 ('' is 0: first). */
export const sortOrder = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.refine((s) => /^\d{0,3}$/.test(s), { error: () => m.validation_number() })
		.transform((s) => (s === '' ? 0 : Number(s)))
);

/** The month a new rate applies from ("YYYY-MM"): `currentMonth` or later, never a billed past. */
export const rateFromMonth = (currentMonth: string) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine(isValidMonth, { error: () => m.fees_billing_bad_month() })
			.refine((s) => !isValidMonth(s) || s >= currentMonth, {
				error: () => m.fees_rates_past_month()
			})
	);

/** One per form shown: a second submit of the same form does its work once. */
export const formKey = z.preprocess(orEmpty, z.string().regex(/^[\w-]{8,64}$/));

/** A list filter's value: '' (any) or one of `values`. */
export const oneOfOrAny = <T extends string>(values: readonly T[], message: () => string) =>
	z
		.string()
		.refine((s) => s === '' || (values as readonly string[]).includes(s), { error: message })
		.optional();
