import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { addDays, addMonths, isValidDate, isValidMonth } from '../../dates';
import { parseYuan } from '../../money';
import {
	AGE_BUCKETS,
	MAX_PROMISE_DAYS,
	REMINDER_KINDS,
	REMINDER_OUTCOMES
} from '../../domain/arrears';
import { OWNER_TYPES } from '../db/schema';
import { parseForm } from '../forms';
import { REGISTER_SORTS, type RegisterFilter, type RegisterSort } from './register';

/*
 * Query strings and forms of the arrears area, parsed with zod; every refusal is a translated
 * message (the routes answer 400), never an exception.
 */

/** Earliest as-of date and period start accepted (no ledger is older). */
export const EARLIEST_DATE = '2000-01-01';
/** A collection-rate period spans at most this many months. */
export const MAX_PERIOD_MONTHS = 12;
/** Most units one reminder form may name. */
export const MAX_REMINDER_UNITS = 2000;
export const NOTE_MAX = 200;

const opt = <T extends z.ZodType>(s: T) => z.union([z.literal(''), s]).optional();

const registerSchema = () =>
	z.object({
		asOf: opt(z.string().refine(isValidDate, { error: () => m.arrears_error_date() })),
		building: z.string().max(20).optional(),
		item: z.string().max(40).optional(),
		ownerType: opt(z.enum(OWNER_TYPES, { error: () => m.arrears_error_owner_type() })),
		min: z.string().max(20).optional(),
		age: opt(z.enum(AGE_BUCKETS, { error: () => m.arrears_error_age() })),
		sort: opt(z.enum(REGISTER_SORTS, { error: () => m.arrears_error_sort() }))
	});

export interface RegisterQuery {
	asOf: string;
	filter: RegisterFilter;
	sort: RegisterSort;
	/** What was asked, to refill the filter form and build export links. */
	values: Record<'asOf' | 'building' | 'item' | 'ownerType' | 'min' | 'age' | 'sort', string>;
}

const QUERY_KEYS = ['asOf', 'building', 'item', 'ownerType', 'min', 'age', 'sort'] as const;

function queryValues(url: URL): Record<(typeof QUERY_KEYS)[number], string> {
	const out = {} as Record<(typeof QUERY_KEYS)[number], string>;
	for (const k of QUERY_KEYS) out[k] = (url.searchParams.get(k) ?? '').trim().slice(0, 40);
	return out;
}

/**
 * The register's filters from `?asOf=&building=&item=&ownerType=&min=&age=&sort=`. A building or
 * fee item the community does not have is refused (400), not shown as an empty list.
 */
export function parseRegisterQuery(
	url: URL,
	today: string,
	buildings: readonly string[],
	items: readonly { id: number; code: string }[]
):
	| { ok: true; query: RegisterQuery }
	| { ok: false; message: string; values: Record<string, string> } {
	const values = queryValues(url);
	const raw: Record<string, string> = {};
	for (const k of QUERY_KEYS) {
		const v = url.searchParams.get(k);
		if (v !== null) raw[k] = v.trim();
	}
	const parsed = parseForm(registerSchema(), raw);
	if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors)[0], values };
	const d = parsed.data;
	const asOf = d.asOf || today;
	if (asOf > today) return { ok: false, message: m.arrears_error_future({ today }), values };
	if (asOf < EARLIEST_DATE)
		return { ok: false, message: m.arrears_error_too_early({ date: EARLIEST_DATE }), values };
	const filter: RegisterFilter = {};
	if (d.building) {
		if (!buildings.includes(d.building))
			return { ok: false, message: m.arrears_error_building({ building: d.building }), values };
		filter.building = d.building;
	}
	if (d.item) {
		const item = items.find((i) => i.code === d.item);
		if (!item) return { ok: false, message: m.arrears_error_item(), values };
		filter.feeItemId = item.id;
	}
	if (d.ownerType) filter.ownerType = d.ownerType;
	if (d.min) {
		const fen = parseYuan(d.min);
		if (!fen.ok) return { ok: false, message: m.arrears_error_min(), values };
		filter.minFen = fen.fen;
	}
	if (d.age) filter.minBucket = d.age;
	return {
		ok: true,
		query: { asOf, filter, sort: d.sort || 'unit', values: { ...values, asOf } }
	};
}

/** The register's query string for links (exports, PDFs), from what was asked. */
export function registerQueryString(
	values: Record<string, string>,
	extra: Record<string, string> = {}
): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) p.set(k, v);
	return p.toString();
}

// ---------------------------------------------------------------- collection period

export interface PeriodQuery {
	fromMonth: string;
	toMonth: string;
}

/**
 * `?from=YYYY-MM&to=YYYY-MM` (default: this month). Reversed, longer than 12 months, starting in the
 * future or before 2000: refused with a translated message.
 */
export function parseCollectionQuery(
	url: URL,
	today: string
):
	| { ok: true; period: PeriodQuery }
	| { ok: false; message: string; values: { from: string; to: string } } {
	const current = today.slice(0, 7);
	const from = (url.searchParams.get('from') ?? '').trim();
	const to = (url.searchParams.get('to') ?? '').trim();
	const values = { from: from.slice(0, 20), to: to.slice(0, 20) };
	const f = from || to || current;
	const t = to || from || current;
	if (!isValidMonth(f) || !isValidMonth(t))
		return { ok: false, message: m.arrears_error_month(), values };
	if (f > t) return { ok: false, message: m.arrears_error_reversed(), values };
	if (addMonths(f, MAX_PERIOD_MONTHS - 1) < t)
		return { ok: false, message: m.arrears_error_too_long({ max: MAX_PERIOD_MONTHS }), values };
	if (f > current)
		return { ok: false, message: m.arrears_error_future_month({ month: current }), values };
	if (f < EARLIEST_DATE.slice(0, 7))
		return { ok: false, message: m.arrears_error_too_early({ date: EARLIEST_DATE }), values };
	return { ok: true, period: { fromMonth: f, toMonth: t } };
}

// ---------------------------------------------------------------- reminders

const formKey = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, { error: () => m.arrears_error_form() });
const unitIds = z
	.string()
	.max(MAX_REMINDER_UNITS * 12)
	.transform((s, ctx) => {
		const ids = s
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean);
		if (
			ids.length === 0 ||
			ids.length > MAX_REMINDER_UNITS ||
			!ids.every((x) => /^\d{1,9}$/.test(x))
		) {
			ctx.addIssue({ code: 'custom', message: m.arrears_error_no_units() });
			return z.NEVER;
		}
		return [...new Set(ids.map(Number))];
	});

/** 打印催缴通知单: the units ticked in the register (or a whole building's), the paper size. */
export const noticesSchema = () =>
	z.object({
		unit: unitIds,
		format: z.enum(['a4', 'a5'], { error: () => m.arrears_error_format() }),
		formKey
	});

/** 记录催缴: a call or a visit (notices are recorded by printing them), outcome, promise, note. */
export const reminderSchema = (today: string) =>
	z
		.object({
			unit: z
				.string()
				.regex(/^\d{1,9}$/, { error: () => m.arrears_error_no_units() })
				.transform(Number),
			kind: z.enum(REMINDER_KINDS, { error: () => m.arrears_error_kind() }),
			outcome: z.enum(REMINDER_OUTCOMES, { error: () => m.arrears_error_outcome() }),
			promisedDate: z
				.string()
				.trim()
				.max(20)
				.refine((s) => s === '' || isValidDate(s), { error: () => m.arrears_error_date() })
				.transform((s) => (s === '' ? null : s)),
			note: z
				.string()
				.trim()
				.max(NOTE_MAX)
				.refine((s) => !/[<>\p{Cc}]/u.test(s), { error: () => m.validation_no_markup() }),
			formKey
		})
		.superRefine((f, ctx) => {
			if (f.promisedDate === null) {
				if (f.outcome === 'promised')
					ctx.addIssue({
						code: 'custom',
						path: ['promisedDate'],
						message: m.arrears_error_promise_needed()
					});
				return;
			}
			if (f.promisedDate < today)
				ctx.addIssue({
					code: 'custom',
					path: ['promisedDate'],
					message: m.arrears_error_promise_past()
				});
			else if (f.promisedDate > addDays(today, MAX_PROMISE_DAYS))
				ctx.addIssue({
					code: 'custom',
					path: ['promisedDate'],
					message: m.arrears_error_promise_far({ days: MAX_PROMISE_DAYS })
				});
		});
