import { z } from 'zod';
import { DEPARTMENTS, TICKET_KINDS, TICKET_STATES } from '$lib/domain/tickets';
import { AGE_FILTERS, ALERT_FILTERS, type BoardFilter } from '$lib/server/tickets';

// An unknown value in the address is ignored (shows everything) rather than an error page.
const opt = <T extends readonly [string, ...string[]]>(list: T) =>
	z.enum(list).nullable().catch(null);
const schema = z.object({
	state: opt(TICKET_STATES),
	kind: opt(TICKET_KINDS),
	department: opt(DEPARTMENTS),
	age: opt(AGE_FILTERS),
	alert: opt(ALERT_FILTERS)
});

/** The board's filters from the query string (shared by the board and its CSV export). */
export function parseBoardFilter(params: URLSearchParams): BoardFilter {
	const raw = Object.fromEntries(
		['state', 'kind', 'department', 'age', 'alert'].map((k) => [k, params.get(k) || null])
	);
	return schema.parse(raw);
}

/** The same filters back as a query string ("" when none). */
export function filterQuery(f: BoardFilter): string {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
	const s = p.toString();
	return s ? `?${s}` : '';
}
