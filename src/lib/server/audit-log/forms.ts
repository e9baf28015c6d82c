import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isAuditArea, type AuditArea } from '../../domain/audit-areas';
import { parseDateRange } from '../date-range';
import { parseForm } from '../forms';
import type { AuditFilter } from './queries';

/*
 * The audit log viewer's query string, parsed with zod: every refusal is a translated message
 * (the page shows it, the CSV answers 400), never an exception.
 */

/** Days the viewer shows when no period is asked for. */
export const DEFAULT_DAYS = 30;

const QUERY_KEYS = ['from', 'to', 'area', 'actor', 'type', 'record', 'page'] as const;
type Key = (typeof QUERY_KEYS)[number];

const querySchema = () =>
	z.object({
		from: z.string().max(20).optional(),
		to: z.string().max(20).optional(),
		area: z
			.string()
			.refine((v) => v === '' || isAuditArea(v), { error: () => m.audit_error_area() })
			.optional(),
		actor: z
			.string()
			.regex(/^(\d{1,9})?$/, { error: () => m.audit_error_actor() })
			.optional(),
		type: z
			.string()
			.max(40, { error: () => m.audit_error_record() })
			.optional(),
		record: z
			.string()
			.max(80, { error: () => m.audit_error_record() })
			.optional(),
		page: z
			.string()
			.regex(/^(\d{1,6})?$/, { error: () => m.audit_error_page() })
			.optional()
	});

export interface AuditQuery {
	from: string;
	to: string;
	filter: AuditFilter;
	page: number;
	values: Record<Key, string>;
}

/** `?from=&to=&area=&actor=&type=&record=&page=` (the period defaults to the last 30 days). */
export function parseAuditQuery(
	url: URL,
	today: string,
	timeZone: string
): { ok: true; query: AuditQuery } | { ok: false; message: string; values: Record<Key, string> } {
	const values = {} as Record<Key, string>;
	const raw: Record<string, string> = {};
	for (const k of QUERY_KEYS) {
		const v = url.searchParams.get(k);
		values[k] = (v ?? '').trim().slice(0, 80);
		if (v !== null) raw[k] = v.trim();
	}
	const parsed = parseForm(querySchema(), raw);
	if (!parsed.ok) return { ok: false, message: Object.values(parsed.errors)[0], values };
	const d = parsed.data;
	const period = parseDateRange({ from: d.from, to: d.to }, today, timeZone, DEFAULT_DAYS);
	if (!period.ok) return { ok: false, message: period.message, values };
	values.from = period.from;
	values.to = period.to;
	return {
		ok: true,
		query: {
			from: period.from,
			to: period.to,
			page: Math.max(1, Number(d.page || '1')),
			values,
			filter: {
				area: (d.area || null) as AuditArea | null,
				actorId: d.actor ? Number(d.actor) : null,
				targetType: d.type || null,
				targetId: d.record || null,
				fromMs: period.fromMs,
				toMs: period.toMs
			}
		}
	};
}
