import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { openShiftOf } from '$lib/server/shifts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	// Whether the user has an open shift: counter forms offer to take over one before taking cash.
	return { user, cashShift: openShiftOf(getDb(), user.communityId, user.id) !== null };
};
