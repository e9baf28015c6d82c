import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { allCommunities } from '$lib/server/community/default';
import { phonePath } from '$lib/domain/phone-link';
import { safeNext } from '$lib/safe-next';
import { residentSource } from '../source';
import type { PageServerLoad } from './$types';

/**
 * A phone that opened a kiosk link naming no community, with several on the server: it chooses
 * here. Each choice is a link back to the page it opened, naming the community (`?c=`), so the
 * page itself remembers it (the same way as a printed link) and no form is needed.
 */
export const load = (({ url, request, cookies }) => {
	const asked = safeNext(url.searchParams.get('next'));
	const next = asked && /^\/kiosk(?:[/?]|$)/.test(asked) ? asked : '/kiosk';
	// A hall screen never chooses by itself: it is paired at the counter.
	if (residentSource(request, cookies, url) !== 'mobile') redirect(303, next);
	return {
		communities: allCommunities(getDb()).map((c) => ({
			code: c.code,
			name: c.name,
			centreName: c.centreName,
			href: phonePath(next, c.code)
		}))
	};
}) satisfies PageServerLoad;
