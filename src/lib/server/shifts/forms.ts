import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseYuan } from '../../money';
import { amountMessage } from '../ledger/forms';
import { NOTE_MAX } from './commands';

/*
 * The shift page's forms (take over, hand over, acknowledge). Built per request, so every
 * message is in the request's language.
 */

/** A money field: "" is refused when required, else 0; otherwise parseYuan's rules (no negatives). */
function yuanField(required: boolean) {
	return z
		.string()
		.default('')
		.transform((s, ctx) => {
			const t = s.trim();
			if (!t && !required) return 0;
			const p = parseYuan(t);
			if (!p.ok) {
				ctx.addIssue({ code: 'custom', message: amountMessage(p.error) });
				return z.NEVER;
			}
			return p.fen;
		});
}

/** A count of slips: "" is 0; otherwise a whole number up to 10 000. */
const countField = z
	.string()
	.default('')
	.transform((s) => s.trim())
	.refine((s) => /^\d{0,5}$/.test(s) && Number(s || 0) <= 10_000, {
		error: () => m.validation_number()
	})
	.transform((s) => Number(s || 0));

/** The key is the page's crypto.randomUUID(); anything else (e.g. "0") is not a form this app rendered. */
const token = z.string().regex(/^[\w-]{8,100}$/);

const note = () =>
	z
		.string()
		.default('')
		.transform((s) => s.trim())
		.refine((s) => s.length <= NOTE_MAX, {
			message: m.reports_shift_error_note_too_long({ max: NOTE_MAX })
		});

/**
 * Taking over with an opening float. A counter form offering to take over (CashShiftOffer)
 * posts its own fields: its key is `shiftIdem`, since `idem` there is the payment's.
 */
export function openShiftSchema(fromCounterForm: boolean) {
	return fromCounterForm
		? z
				.object({ float: yuanField(false), shiftIdem: token })
				.transform((d) => ({ float: d.float, idem: d.shiftIdem }))
		: z.object({ float: yuanField(false), idem: token });
}

export function closeShiftSchema() {
	return z.object({
		shiftId: z.coerce.number().int().positive(),
		counted: yuanField(true),
		chequeCount: countField,
		chequeTotal: yuanField(false),
		cardCount: countField,
		cardTotal: yuanField(false),
		note: note(),
		successor: z
			.string()
			.default('')
			.refine((s) => s === '' || /^\d{1,9}$/.test(s), {
				message: m.reports_shift_error_bad_successor()
			})
			.transform((s) => (s === '' ? null : Number(s))),
		idem: token
	});
}

export function acknowledgeShiftSchema() {
	return z.object({
		shiftId: z.coerce.number().int().positive().max(1e12),
		note: note(),
		idem: token
	});
}
