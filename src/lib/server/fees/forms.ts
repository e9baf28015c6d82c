// The counter fee-payment form as zod schemas. Routes only (uses Paraglide); scripts and tests
// import the fees module through index.ts, which does not export this file.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseFenPositive } from '$lib/money';
import { methodSchema, yuanPositive } from '$lib/server/ledger/forms';
import { addMonths, isValidMonth } from '$lib/dates';
import { MAX_RATE_FEN } from '$lib/domain/billing';
import { rateFromMonth } from '$lib/server/form-fields';
import { MAX_PREPAY_MONTHS } from './pay';

const ID = /^\d{1,12}$/;
const KEY = /^[\w-]{8,100}$/;
const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
/** Ticked bills arrive as repeated fields, joined by parseForm with commas. */
const ids = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',') : []);

const prepay = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.refine((s) => /^\d{0,2}$/.test(s) && Number(s) <= MAX_PREPAY_MONTHS, {
			error: () => m.fees_error_bad_prepay()
		})
		.transform((s) => (s === '' ? 0 : Number(s)))
);

const payer = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.refine((s) => s.length > 0, { error: () => m.fees_error_payer_missing() })
		.refine((s) => s.length <= 100, { error: () => m.fees_error_payer_too_long() })
);

/**
 * What belongs to the whole form (the ticked bills, the one-time `idem`, the confirmed total):
 * a bad one did not come from our page, so it is answered under `_form`. The object never
 * fails on its own, so this runs even when a field is refused.
 */
const formPart = (withExpectedTotal: boolean) =>
	z
		.object({
			bill: z.unknown().optional(),
			late: z.unknown().optional(),
			idem: z.unknown().optional(),
			expectedTotal: z.unknown().optional()
		})
		.transform((v, ctx) => {
			const billIds = ids(v.bill);
			const lateIds = ids(v.late);
			const key = typeof v.idem === 'string' ? v.idem : '';
			const total = withExpectedTotal
				? parseFenPositive(typeof v.expectedTotal === 'string' ? v.expectedTotal : '')
				: null;
			const bad =
				!billIds.every((b) => ID.test(b)) ||
				!lateIds.every((b) => ID.test(b)) ||
				billIds.length > 600 ||
				!KEY.test(key) ||
				(total !== null && !total.ok);
			if (bad) ctx.addIssue({ code: 'custom', message: m.fees_error_form(), path: ['_form'] });
			return {
				billIds: billIds.map(Number),
				lateIds: lateIds.map(Number),
				idempotencyKey: key,
				expectedTotalFen: total?.ok ? total.fen : undefined
			};
		});

/**
 * The fee payment form (review step, and the pay step which also carries the confirmed total).
 * The method part has the shared fields' names (PaymentMethodFields: methodRef, payerName, idem),
 * but the payer is required here. Field errors in the order the clerk reads the form: prepay,
 * method fields, payer.
 */
export function paymentSchema(withExpectedTotal: boolean) {
	return z.intersection(
		formPart(withExpectedTotal),
		z.intersection(
			z.object({ prepay }),
			z.intersection(methodSchema, z.object({ payerName: payer }))
		)
	);
}

export type PaymentForm = z.infer<ReturnType<typeof paymentSchema>>;

const month = (check: (month: string) => boolean, message: () => string) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => isValidMonth(s) && check(s), { error: message })
	);

/** The billing run (and its per-building chunks): any month from 2000 up to next month. */
export function billingRunSchema(currentMonth: string) {
	const latest = addMonths(currentMonth, 1);
	return z.object({
		month: month(
			(s) => s >= '2000-01' && s <= latest,
			() => m.fees_billing_bad_month()
		),
		building: z.preprocess(orEmpty, z.string()).transform((s) => s.slice(0, 20)),
		confirmed: z
			.unknown()
			.optional()
			.transform((v) => v === '1')
	});
}

/** A new rate for a fee item, from this month or later; the amount in yuan, at most MAX_RATE_FEN. */
export function rateSchema(currentMonth: string) {
	return z.object({
		item: z.preprocess(orEmpty, z.string().regex(/^\d{1,9}$/)).transform(Number),
		from: rateFromMonth(currentMonth),
		rate: yuanPositive.pipe(
			z.number().refine((fen) => fen <= MAX_RATE_FEN, { error: () => m.fees_rates_too_large() })
		)
	});
}
