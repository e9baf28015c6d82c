// Query strings and forms of the receipts journal and of 对账, as zod schemas. Routes only (Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { addDays, daysBetween, isValidDate } from '$lib/dates';
import { parseYuan } from '$lib/money';
import { RECONCILE_METHODS, type ReconcileMethod } from '$lib/server/db/schema';
import { parseForm } from '$lib/server/forms';
import { receiptFilterShape, reversedRange } from '$lib/server/unit-file/forms';
import { MAX_STATEMENT_LINES, type StatementLine } from '$lib/domain/reconcile';
import { JOURNAL_SORTS } from './sql';
import { MAX_JOURNAL_DAYS, type JournalFilter, type JournalOrder } from './queries';

/** The journal's query-string keys, in the order links are written. */
export const JOURNAL_KEYS = [
	'from',
	'to',
	'method',
	'cashier',
	'building',
	'room',
	'kind',
	'min',
	'max',
	'sort',
	'dir',
	'page'
] as const;
export type JournalValues = Record<(typeof JOURNAL_KEYS)[number], string>;

const amount = z
	.string()
	.trim()
	.max(20)
	.transform((s, c) => {
		if (!s) return null;
		const r = parseYuan(s);
		if (!r.ok) {
			c.addIssue({ code: 'custom', message: m.journal_error_amount() });
			return z.NEVER;
		}
		return r.fen;
	});

/**
 * The journal's filters: the receipt search's shared ones (period, method, cashier 工号, room,
 * page — one parser for both) plus building, kind, amount range and order. The period defaults to
 * this month up to today and spans at most MAX_JOURNAL_DAYS.
 */
export function journalSchema(ctx: {
	cashierByWorkNo: ReadonlyMap<string, number>;
	buildings: readonly string[];
}) {
	return z
		.object({
			...receiptFilterShape(ctx),
			building: z
				.string()
				.trim()
				.max(20)
				.refine((s) => s === '' || ctx.buildings.includes(s), {
					error: (i) => m.journal_error_building({ building: String(i.input) })
				}),
			kind: z.enum(['', 'receipt', 'void'], { error: () => m.journal_error_kind() }),
			min: amount,
			max: amount,
			sort: z.enum(['', ...JOURNAL_SORTS], { error: () => m.journal_error_sort() }),
			dir: z.enum(['', 'asc', 'desc'], { error: () => m.journal_error_sort() })
		})
		.superRefine(reversedRange)
		.superRefine((v, c) => {
			// A bad date has its own message already (refinements still run after a field's issue).
			const dated = !!v.from && !!v.to && isValidDate(v.from) && isValidDate(v.to);
			if (dated && v.from! <= v.to! && daysBetween(v.from!, v.to!) + 1 > MAX_JOURNAL_DAYS)
				c.addIssue({
					code: 'custom',
					message: m.journal_error_too_long({ days: MAX_JOURNAL_DAYS }),
					path: ['to']
				});
			if (v.min !== null && v.max !== null && v.min > v.max)
				c.addIssue({ code: 'custom', message: m.journal_error_amount_reversed(), path: ['max'] });
		});
}

export interface JournalQuery {
	filter: JournalFilter;
	order: JournalOrder;
	page: number;
	/** What was asked (with the period filled in), to refill the form and build links. */
	values: JournalValues;
}

/** The journal's query string → filters, or the first translated refusal (the routes answer 400). */
export function parseJournalQuery(
	url: URL,
	today: string,
	ctx: { cashierByWorkNo: ReadonlyMap<string, number>; buildings: readonly string[] }
): { ok: true; query: JournalQuery } | { ok: false; message: string; values: JournalValues } {
	const values = Object.fromEntries(
		JOURNAL_KEYS.map((k) => [k, (url.searchParams.get(k) ?? '').trim().slice(0, 40)])
	) as JournalValues;
	// An empty period is this month up to today; one end alone is that one day.
	if (!values.from && !values.to) {
		values.from = today.slice(0, 8) + '01';
		values.to = today;
	} else if (!values.from) values.from = values.to;
	else if (!values.to) values.to = values.from;
	const parsed = parseForm(journalSchema(ctx), values);
	if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors)[0], values };
	const d = parsed.data;
	return {
		ok: true,
		query: {
			filter: {
				from: d.from!,
				to: d.to!,
				method: d.method,
				cashierId: d.cashier,
				kind: d.kind || null,
				building: d.building || null,
				room: d.room,
				minFen: d.min,
				maxFen: d.max
			},
			order: {
				sort: d.sort || 'time',
				dir: d.dir || (d.sort && d.sort !== 'time' ? 'desc' : 'asc')
			},
			page: d.page,
			values
		}
	};
}

/** The journal's query string for links, from what was asked (empty fields left out). */
export function journalQueryString(
	values: Partial<JournalValues>,
	extra: Partial<JournalValues> = {}
) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) p.set(k, v);
	const s = p.toString();
	return s ? `?${s}` : '';
}

// ---------------------------------------------------------------- 对账

/** `?date=&method=` of the reconciliation page: a past or today's day, a non-cash method. */
export function reconcileDaySchema(today: string) {
	return z.object({
		date: z
			.string()
			.trim()
			.refine(isValidDate, { error: () => m.journal_error_date() })
			.refine((s) => s <= today, { error: () => m.journal_error_future({ today }) })
			.refine((s) => s >= addDays(today, -3660), { error: () => m.journal_error_date() }),
		method: z.enum(RECONCILE_METHODS, { error: () => m.journal_error_method() })
	});
}

export function parseReconcileDay(
	url: URL,
	today: string
):
	| { ok: true; date: string; method: ReconcileMethod }
	| { ok: false; message: string; values: { date: string; method: string } } {
	const values = {
		date: (url.searchParams.get('date') ?? '').trim().slice(0, 20) || today,
		method: (url.searchParams.get('method') ?? '').trim().slice(0, 20) || 'wechat'
	};
	const parsed = parseForm(reconcileDaySchema(today), values);
	if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors)[0], values };
	return { ok: true, ...parsed.data };
}

const lineSchema = z.object({
	line: z.number().int().min(1).max(1_000_000),
	time: z.string().max(40),
	ref: z.string().max(64),
	amountFen: z.number().int().min(-10_000_000_000).max(10_000_000_000)
});

/**
 * The reconciliation form: the statement total typed (may be empty when a file is given, or
 * negative on a day of refunds only), the lines of an imported file carried from the preview as
 * JSON, the ticked entries, a note and the one-time key.
 */
export const reconcileFormSchema = z.object({
	total: z
		.string()
		.trim()
		.max(20)
		.transform((s, c) => {
			if (!s) return null;
			const text = s.replace(/^[−－]/, '-');
			const r = parseYuan(text.startsWith('-') ? text.slice(1) : text);
			if (!r.ok) {
				c.addIssue({ code: 'custom', message: m.journal_error_amount() });
				return z.NEVER;
			}
			return text.startsWith('-') ? -r.fen : r.fen;
		}),
	lines: z
		.string()
		.max(MAX_STATEMENT_LINES * 200)
		.optional()
		.transform((s, c): StatementLine[] => {
			if (!s) return [];
			try {
				const r = z.array(lineSchema).max(MAX_STATEMENT_LINES).safeParse(JSON.parse(s));
				if (r.success) return r.data;
			} catch {
				// answered below
			}
			c.addIssue({ code: 'custom', message: m.journal_error_form() });
			return z.NEVER;
		}),
	fileName: z.string().trim().max(120).optional().default(''),
	/** Ticked entries arrive as repeated fields, joined by parseForm with commas. */
	tick: z
		.string()
		.max(200_000)
		.optional()
		.transform((s, c) => {
			const keys = s ? s.split(',') : [];
			if (!keys.every((k) => /^[pv]\d{1,12}$/.test(k))) {
				c.addIssue({ code: 'custom', message: m.journal_error_form() });
				return z.NEVER;
			}
			return new Set(keys);
		}),
	/** 'auto' on the first look (no ticks yet: the automatic pairs stand). */
	ticks: z.enum(['auto', 'given'], { error: () => m.journal_error_form() }),
	note: z
		.string()
		.trim()
		.max(200)
		.refine((s) => !/[<>\p{Cc}]/u.test(s), { error: () => m.validation_no_markup() })
		.optional()
		.default(''),
	formKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, { error: () => m.journal_error_form() })
});
