// Forms of the unit file and the counter's 票据 search, as zod schemas. Routes only (Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseFenPositive } from '$lib/money';
import { methodFieldsSchema } from '$lib/server/ledger/forms';
import { normaliseReceiptNo } from '$lib/server/receipts';
import { PAYMENT_METHODS, type PaymentMethod } from '$lib/server/db/schema';
import { isValidDate } from '$lib/dates';

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

// --- 票据 search (/receipts) --------------------------------------------------------------------

export interface ReceiptSearchContext {
	/** For a bare sequence number ("123" is this year's). */
	currentYear: number;
	/** The community's staff by work number (工号, as printed on receipts), any case. */
	cashierByWorkNo: ReadonlyMap<string, number>;
}

/** Folds full-width characters typed with a Chinese IME and trims. */
const folded = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : ''),
		z.string().max(max)
	);

const dateField = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim() : ''),
	z
		.string()
		.refine((s) => s === '' || isValidDate(s), { error: () => m.unitfile_search_bad_date() })
);

/**
 * The filters the 票据 search and the receipts journal (收款流水) share: room (a code prefix), date
 * range, method, cashier (工号) and page. One parser for both: each schema spreads this shape and
 * adds its own fields; `reversedRange` refuses a range that ends before it starts.
 */
export function receiptFilterShape(ctx: Pick<ReceiptSearchContext, 'cashierByWorkNo'>) {
	return {
		room: folded(20).transform((s) => s.replace(/[\s/\\_.－—–]+/g, '-') || null),
		from: dateField.transform((s) => s || null),
		to: dateField.transform((s) => s || null),
		method: z
			.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
			.transform((s, c) => {
				if (!s) return null;
				if (!(PAYMENT_METHODS as readonly string[]).includes(s))
					c.addIssue({ code: 'custom', message: m.unitfile_search_bad_method() });
				return s as PaymentMethod;
			}),
		cashier: folded(20).transform((s, c) => {
			if (!s) return null;
			const id = ctx.cashierByWorkNo.get(s.toUpperCase());
			if (id === undefined)
				c.addIssue({
					code: 'custom',
					message: m.unitfile_search_unknown_cashier({ workNo: s })
				});
			return id ?? null;
		}),
		page: z
			.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : '1'), z.string())
			.transform((s, c) => {
				if (!/^\d{1,4}$/.test(s) || Number(s) < 1) {
					c.addIssue({ code: 'custom', message: m.validation_invalid() });
					return 1;
				}
				return Number(s);
			})
	};
}

/** Refuses a date range that ends before it starts (on the `to` field). */
export function reversedRange(
	v: { from: string | null; to: string | null },
	c: z.core.$RefinementCtx
): void {
	if (v.from && v.to && v.from > v.to)
		c.addIssue({ code: 'custom', message: m.unitfile_search_reversed(), path: ['to'] });
}

/**
 * The 票据 search's query string: receipt number, owner or payer name, phone tail and the shared
 * filters. Every refusal is a translated message on its field; an empty field filters nothing.
 */
export function receiptSearchSchema(ctx: ReceiptSearchContext) {
	return z
		.object({
			no: folded(40).transform((s, c) => {
				if (!s) return null;
				const no = normaliseReceiptNo(s, ctx.currentYear);
				if (!no) c.addIssue({ code: 'custom', message: m.receipts_invalid_no() });
				return no;
			}),
			name: folded(50).transform((s) => s || null),
			phone: folded(20).transform((s, c) => {
				if (!s) return null;
				if (!/^\d{4,11}$/.test(s))
					c.addIssue({ code: 'custom', message: m.unitfile_search_bad_phone() });
				return s;
			}),
			...receiptFilterShape(ctx)
		})
		.superRefine(reversedRange);
}

export type ReceiptSearch = z.infer<ReturnType<typeof receiptSearchSchema>>;

/** True when the search asks for anything beyond a receipt number and a page. */
export function hasListFilter(s: ReceiptSearch): boolean {
	return !!(s.room || s.name || s.phone || s.from || s.to || s.method || s.cashier);
}
