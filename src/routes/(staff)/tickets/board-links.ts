/** The board's address with its state filter set (or cleared), keeping the other filters. */
export function withState(query: string, state: string | null): string {
	const p = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
	if (state) p.set('state', state);
	else p.delete('state');
	const q = p.toString();
	return q ? `/tickets?${q}` : '/tickets';
}
