import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

/*
 * Form field schemas shared by the admin forms. Messages are functions so they are produced at
 * validation time, in the language of the request being validated.
 */

/** `<`, `>` and control characters: never needed in a name, and a sign of pasted markup. */
const UNSAFE_TEXT = /[<>\u0000-\u001f\u007f]/;

/** A trimmed, required line of plain text (names shown on screens and printed on receipts). */
export function plainText(max: number) {
	return z
		.string()
		.trim()
		.min(1)
		.max(max)
		.refine((s) => !UNSAFE_TEXT.test(s), { error: () => m.validation_no_markup() });
}

/**
 * A number typed into a text box, checked by hand so the message says what is allowed
 * ("a whole number from 1 to 28") instead of a generic "invalid". `decimals` > 0 allows that
 * many decimal places; `optional` turns an empty box into null.
 */
export function numberField(min: number, max: number, opts: { decimals?: number; optional: true }): z.ZodType<number | null, string>;
export function numberField(min: number, max: number, opts?: { decimals?: number; optional?: false }): z.ZodType<number, string>;
export function numberField(min: number, max: number, opts: { decimals?: number; optional?: boolean } = {}): z.ZodType<number | null, string> {
	const decimals = opts.decimals ?? 0;
	const pattern = decimals > 0 ? new RegExp(`^\\d{1,9}(\\.\\d{1,${decimals}})?$`) : /^\d{1,9}$/;
	return z.string().transform((raw, ctx) => {
		const s = raw.trim();
		if (s === '') {
			if (opts.optional) return null;
			ctx.addIssue({ code: 'custom', message: m.validation_required() });
			return z.NEVER;
		}
		const n = Number(s);
		if (!pattern.test(s) || n < min || n > max) {
			ctx.addIssue({
				code: 'custom',
				message: decimals > 0 ? m.validation_range_decimal({ min, max, decimals }) : m.validation_range_int({ min, max })
			});
			return z.NEVER;
		}
		return n;
	});
}
