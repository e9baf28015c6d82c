import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { pendingCount } from '$lib/server/waivers';
import { awaitingReviewCount } from '$lib/server/renovation';
import type { PageServerLoad } from './$types';

/** The manager's home: counts of what waits for a decision (each area adds its own). */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	return {
		waiversPending: pendingCount(db, user.communityId),
		renovationsToReview: awaitingReviewCount(db, user.communityId)
	};
}) satisfies PageServerLoad;
