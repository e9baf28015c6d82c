import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listRequests } from '$lib/server/waivers';

/** /manager/waivers — requests awaiting a decision (oldest first) and recent decisions. */
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	return {
		pending: listRequests(db, user.communityId, {
			states: ['pending'],
			order: 'oldest',
			limit: 200
		}),
		recent: listRequests(db, user.communityId, {
			states: ['approved', 'rejected', 'returned'],
			limit: 30
		})
	};
};
