import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { pendingCount } from '$lib/server/waivers';

/** The manager's home: counts of what waits for a decision (each area adds its own). */
export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	return { waiversPending: pendingCount(getDb(), user.communityId) };
};
