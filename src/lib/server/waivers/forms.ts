import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { APPLICANT_MAX, MAX_BILLS, PHONE_MAX, REASON_MAX } from '../../domain/waiver';

/*
 * The waiver request form. Only the shape is checked here (texts capped, bill ids well formed);
 * the rules on reason, applicant and phone belong to createWaiverRequest, which answers with
 * its own codes inside its transaction.
 */

/** Room codes typed with a Chinese IME (full-width digits and dashes) or with spaces. */
export function normaliseCode(raw: string | null): string {
	return String(raw ?? '')
		.normalize('NFKC')
		.replace(/[－—–\s/]+/g, (c) => (/\s/.test(c) ? '' : '-'))
		.trim()
		.slice(0, 20);
}

const ID = /^\d{1,12}$/;
const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
const capped = (max: number) => z.preprocess(orEmpty, z.string()).transform((s) => s.slice(0, max));

export const waiverFileSchema = z.object({
	unit: capped(40).transform(normaliseCode),
	// Ticked bills arrive as repeated fields, joined by parseForm with commas.
	bill: capped(100_000)
		.transform((s) => (s === '' ? [] : s.split(',').slice(0, MAX_BILLS + 1)))
		.refine((ids) => ids.every((b) => ID.test(b)), {
			error: () => m.waivers_error_bill_not_found()
		})
		.transform((ids) => ids.map(Number)),
	reason: capped(REASON_MAX + 200),
	applicant: capped(APPLICANT_MAX + 50),
	phone: capped(PHONE_MAX + 50),
	key: capped(200)
});
