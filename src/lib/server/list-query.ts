import type { z } from 'zod';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { parseForm } from '$lib/server/forms';
import { parseDateRange, type DateRange } from '$lib/server/date-range';

/** What a register's page and its files (CSV, PDF log) start from: the community and now. */
export function deskContext(communityId: number) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	return { db, community, now, today };
}

export type ListQuery<T> = { ok: true; data: T; range: DateRange } | { ok: false; message: string };

/**
 * A register list's query from the URL (`?view=&from=&to=…`): each key's value trimmed, checked
 * by `schema`, and its date range (`from`/`to`, the last 30 days when absent). `values` re-fills
 * the filter form, with the range as it was read.
 */
export function readListQuery<K extends string, S extends z.ZodType>(
	url: URL,
	keys: readonly K[],
	schema: S,
	today: string,
	timeZone: string
): { values: Record<K | 'from' | 'to', string>; query: ListQuery<z.infer<S>> } {
	const values = Object.fromEntries(
		[...keys, 'from', 'to'].map((k) => [k, (url.searchParams.get(k) ?? '').trim().slice(0, 20)])
	) as Record<K | 'from' | 'to', string>;
	const parsed = parseForm(schema, values);
	if (!parsed.ok) return { values, query: { ok: false, message: Object.values(parsed.errors)[0] } };
	const range = parseDateRange({ from: values.from, to: values.to }, today, timeZone);
	if (!range.ok) return { values, query: range };
	values.from = range.from;
	values.to = range.to;
	return { values, query: { ok: true, data: parsed.data, range } };
}

/** A register list's query read: its filters, view, range, and the period that narrows the list. */
export type RegisterQuery<T, V extends string> =
	| {
			ok: true;
			data: T;
			view: V;
			range: DateRange;
			/** Whether the period narrows this view (else its open entries whenever taken). */
			dated: boolean;
			/** The range's bounds for a dated view, else nulls: what the list filters by. */
			period: { fromMs: number | null; toMs: number | null };
	  }
	| { ok: false; message: string };

/**
 * A register list's query (the five front-desk registers): `readListQuery` and then its view —
 * `views.open` when none is given. Open entries are listed whenever they were taken; only the
 * `views.dated` ones (the closed, all) keep to the period, as the printed log always does.
 */
export function readRegisterQuery<K extends string, S extends z.ZodType, V extends string>(
	url: URL,
	keys: readonly K[],
	schema: S,
	desk: { today: string; community: { timeZone: string } },
	views: { open: V; dated: readonly V[] }
): { values: Record<K | 'from' | 'to', string>; query: RegisterQuery<z.infer<S>, V> } {
	const { values, query: q } = readListQuery(
		url,
		keys,
		schema,
		desk.today,
		desk.community.timeZone
	);
	if (!q.ok) return { values, query: q };
	const view = ((values as Record<string, string>).view || views.open) as V;
	const dated = views.dated.includes(view);
	return {
		values,
		query: {
			...q,
			view,
			dated,
			period: { fromMs: dated ? q.range.fromMs : null, toMs: dated ? q.range.toMs : null }
		}
	};
}

/** A register page's list query: the range's days and bounds (file names, the printed log) and the list's filter. */
export type RegisterListQuery<F> =
	| { ok: true; from: string; to: string; fromMs: number; toMs: number; filter: F }
	| { ok: false; message: string };

/** The read query as the page's list query, with the filter `toFilter` makes of it. */
export function registerListQuery<T, V extends string, F>(
	q: RegisterQuery<T, V>,
	toFilter: (q: Extract<RegisterQuery<T, V>, { ok: true }>) => F
): RegisterListQuery<F> {
	if (!q.ok) return q;
	const { from, to, fromMs, toMs } = q.range;
	return { ok: true, from, to, fromMs, toMs, filter: toFilter(q) };
}
