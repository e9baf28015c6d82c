import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { findUnits } from '$lib/server/fees';

// Type-ahead runs through this load (`?q=`): with JavaScript the page re-runs it as the clerk
// types; without, the search form submits it. A search with exactly one match opens the unit.
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const q = (url.searchParams.get('q') ?? '').slice(0, 50);
	const hits = q.trim() ? findUnits(getDb(), user.communityId, q, 10) : [];
	// Enter opens a unit only when exactly one matches; otherwise the page lands in the list.
	if (url.searchParams.has('go') && hits.length === 1) {
		redirect(303, `/fees/${encodeURIComponent(hits[0].code)}`);
	}
	return { q, hits, go: url.searchParams.has('go') };
};
