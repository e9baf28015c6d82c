import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { openShiftOf } from '$lib/server/shifts';

export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	// Whether the user has an open shift: counter forms offer to take over one before taking cash.
	return { user, cashShift: openShiftOf(getDb(), user.communityId, user.id) !== null };
};
