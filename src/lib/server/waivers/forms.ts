import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseYuan } from '../../money';
import {
	APPLICANT_MAX,
	MAX_BILLS,
	NOTE_MAX,
	PHONE_MAX,
	REASON_MAX,
	type ApprovalPlan
} from '../../domain/waiver';

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

/** Per-bill amounts arrive as `amt_{billId}`. */
const AMOUNT_FIELD = /^amt_\d{1,12}$/;

/** A typed yuan amount → fen, or an issue on its field (negative amounts get their own message). */
function toFen(text: string, ctx: z.RefinementCtx, field: string): number {
	const r = parseYuan(text);
	if (r.ok) return r.fen;
	ctx.addIssue({
		code: 'custom',
		path: [field],
		message:
			r.error === 'negative' ? m.waivers_error_amount_negative() : m.waivers_error_bad_amount()
	});
	return 0;
}

/**
 * The manager's decision form: the note, the form's key and, when approving, the plan (the whole
 * late fee, one amount, or an amount per bill, a blank one meaning none). Whether the plan fits
 * what is owed is decideWaiverRequest's to judge, inside its transaction.
 */
export function waiverDecisionSchema(decision: 'approve' | 'reject') {
	return z
		.object({
			mode: capped(20),
			amount: capped(40),
			note: capped(NOTE_MAX + 200),
			key: capped(200)
		})
		.catchall(z.unknown())
		.transform((f, ctx) => {
			let plan: ApprovalPlan = { mode: 'full' };
			if (decision === 'approve' && f.mode === 'amount')
				plan = { mode: 'amount', amountFen: toFen(f.amount, ctx, 'amount') };
			else if (decision === 'approve' && f.mode === 'per_bill')
				plan = {
					mode: 'per_bill',
					amounts: Object.entries(f)
						.filter(([k, v]) => AMOUNT_FIELD.test(k) && typeof v === 'string')
						.map(([k, v]) => {
							const text = String(v).slice(0, 40);
							return {
								billId: Number(k.slice(4)),
								amountFen: text.trim() === '' ? 0 : toFen(text, ctx, k)
							};
						})
				};
			else if (decision === 'approve' && f.mode !== 'full')
				ctx.addIssue({ code: 'custom', path: ['mode'], message: m.waivers_error_mode() });
			return { note: f.note, key: f.key, plan };
		});
}
