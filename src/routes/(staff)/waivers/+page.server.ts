import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listRequests } from '$lib/server/waivers';
import type { PageServerLoad } from './$types';

/** /waivers — the counter's view: open a request for a unit; returned, pending and recent requests. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	return {
		returned: listRequests(db, user.communityId, { states: ['returned'], limit: 20 }),
		pending: listRequests(db, user.communityId, {
			states: ['pending'],
			order: 'oldest',
			limit: 100
		}),
		recent: listRequests(db, user.communityId, { states: ['approved', 'rejected'], limit: 20 })
	};
};
