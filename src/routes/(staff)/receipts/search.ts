// The 票据 search's fields and its query string (page, error page and links share them).
export const SEARCH_FIELDS = [
	'no',
	'room',
	'name',
	'phone',
	'from',
	'to',
	'method',
	'cashier',
	'page'
] as const;

export type SearchValues = Partial<Record<(typeof SEARCH_FIELDS)[number], string>>;

/** "?room=2-1-301&page=2" from the filled fields ("" when none). */
export function searchQuery(values: SearchValues): string {
	const p = new URLSearchParams();
	for (const k of SEARCH_FIELDS) if (values[k]) p.set(k, values[k]!);
	const s = p.toString();
	return s ? `?${s}` : '';
}
