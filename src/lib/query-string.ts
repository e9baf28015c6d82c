/** A list page's query string: its current filters with some changed; empty values are left out. */
export function queryWith(
	values: Record<string, string>,
	changes: Record<string, string> = {}
): string {
	return new URLSearchParams(
		Object.entries({ ...values, ...changes }).filter(([, v]) => v !== '')
	).toString();
}
