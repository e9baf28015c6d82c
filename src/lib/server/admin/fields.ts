import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate } from '../../dates';
import { MAX_FEN, parseYuan } from '../../money';
import { amountMessage } from '../ledger/method-form';

/*
 * Form field schemas shared by the admin forms. Messages are functions so they are produced at
 * validation time, in the language of the request being validated.
 */

/** `<`, `>` and control characters: never needed in a name, and a sign of pasted markup. */
const UNSAFE_TEXT = /[<>\p{Cc}]/u;
/** The same, with line breaks and tabs allowed (texts of several lines). */
const UNSAFE_LINES = /[<>]|[^\P{Cc}\t\n]/u;

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
export function numberField(
	min: number,
	max: number,
	opts: { decimals?: number; optional: true }
): z.ZodType<number | null, string>;
export function numberField(
	min: number,
	max: number,
	opts?: { decimals?: number; optional?: false }
): z.ZodType<number, string>;
export function numberField(
	min: number,
	max: number,
	opts: { decimals?: number; optional?: boolean } = {}
): z.ZodType<number | null, string> {
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
				message:
					decimals > 0
						? m.validation_range_decimal({ min, max, decimals })
						: m.validation_range_int({ min, max })
			});
			return z.NEVER;
		}
		return n;
	});
}

/**
 * A text of several lines (a textarea); may be empty. The browser posts line breaks as CR LF but
 * its maxlength counts them as one character: they are made LF before the length is checked.
 */
export function multilineText(max: number) {
	return z
		.string()
		.transform((s) => s.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.max(max)
				.refine((s) => !UNSAFE_LINES.test(s), { error: () => m.validation_no_markup() })
		);
}

/** An amount typed in yuan ("2000", "2,000.5", "¥15", full-width digits) → fen, by parseYuan's rules. */
export function yuanField(maxFen: number = MAX_FEN) {
	return z.string().transform((raw, ctx) => {
		const p = parseYuan(raw);
		if (p.ok && p.fen <= maxFen) return p.fen;
		ctx.addIssue({ code: 'custom', message: amountMessage(p.ok ? 'too_large' : p.error) });
		return z.NEVER;
	});
}

/** Separators people put between dates: line breaks, spaces, commas (also full-width), 、 and ;. */
const DATE_SEPARATORS = /[\s,，、;；]+/;

/**
 * Calendar dates (YYYY-MM-DD), one a line or separated by commas → sorted, each once. The first
 * date that is not a real day is named in the message (cut short: it is echoed back).
 */
export function dateListField(maxDates: number) {
	return z.string().transform((raw, ctx) => {
		const tokens = raw.split(DATE_SEPARATORS).filter(Boolean);
		const bad = tokens.find((t) => !isValidDate(t));
		if (bad !== undefined) {
			ctx.addIssue({
				code: 'custom',
				message: m.validation_date_list({ value: bad.length > 20 ? bad.slice(0, 20) + '…' : bad })
			});
			return z.NEVER;
		}
		const dates = [...new Set(tokens)].sort();
		if (dates.length > maxDates) {
			ctx.addIssue({ code: 'custom', message: m.validation_date_list_too_many({ max: maxDates }) });
			return z.NEVER;
		}
		return dates;
	});
}
