/**
 * Links printed or shown for residents' phones (the hall poster, arrears notices, queue tickets).
 * A phone is never paired with a community, and unit codes repeat between communities, so the
 * link itself names the community: `?c=<community code>`, beside `via=mobile`.
 */

/** The query parameter that names a phone's community. */
export const COMMUNITY_PARAM = 'c';

/**
 * The community a link's (or a cookie's) code names, or null: no code, or a code of no community.
 * Case does not matter (a phone may change it); an unknown code is simply ignored.
 */
export function communityOfCode<C extends { code: string }>(
	communities: readonly C[],
	raw: string | null | undefined
): C | null {
	const code = raw?.trim().toUpperCase();
	if (!code || code.length > 32) return null;
	return communities.find((c) => c.code.toUpperCase() === code) ?? null;
}

/**
 * Kiosk page `path` (it may carry a query already) for a phone of `communityCode`: `query` first
 * (e.g. `room`, `next`), then `via=mobile` and the code. Relative, for a link on our own pages.
 */
export function phonePath(
	path: string,
	communityCode: string,
	query: Record<string, string> = {}
): string {
	const url = new URL(path, 'http://same-origin.invalid');
	for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
	url.searchParams.set('via', 'mobile');
	url.searchParams.set(COMMUNITY_PARAM, communityCode);
	return url.pathname + url.search + url.hash;
}

/** The same, absolute (`origin` like `https://wy.example`): printed on paper, behind a QR code. */
export function phoneLink(
	origin: string,
	path: string,
	communityCode: string,
	query: Record<string, string> = {}
): string {
	return origin + phonePath(path, communityCode, query);
}
