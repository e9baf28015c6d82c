// Forms of the unit file and the counter's 票据 search, as zod schemas. Routes only (Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseFenPositive } from '$lib/money';
import { methodFieldsSchema } from '$lib/server/ledger/forms';

const ID = /^\d{1,12}$/;
/** Ticked bills and late fees arrive as repeated fields, joined by parseForm with commas. */
const ids = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',') : []);

/**
 * Paying several units of one owner: the method part every counter form shares (method fields,
 * payer, one-time `idem`), the ticked bills and late fees, and on the pay step the confirmed
 * total. Bad ids or total did not come from our page: answered under `_form`.
 */
export function multiPaySchema(withExpectedTotal: boolean) {
	return z.intersection(
		methodFieldsSchema,
		z
			.object({
				bill: z.unknown().optional(),
				late: z.unknown().optional(),
				expectedTotal: z.unknown().optional()
			})
			.transform((v, ctx) => {
				const billIds = ids(v.bill);
				const lateIds = ids(v.late);
				const total = withExpectedTotal
					? parseFenPositive(typeof v.expectedTotal === 'string' ? v.expectedTotal : '')
					: null;
				if (
					!billIds.every((b) => ID.test(b)) ||
					!lateIds.every((b) => ID.test(b)) ||
					billIds.length > 600 ||
					(total !== null && !total.ok)
				)
					ctx.addIssue({ code: 'custom', message: m.fees_error_form(), path: ['_form'] });
				else if (billIds.length === 0)
					ctx.addIssue({ code: 'custom', message: m.ledger_nothing_selected(), path: ['_form'] });
				return {
					billIds: billIds.map(Number),
					lateIds: lateIds.map(Number),
					expectedTotalFen: total?.ok ? total.fen : undefined
				};
			})
	);
}

export type MultiPayForm = z.infer<ReturnType<typeof multiPaySchema>>;
