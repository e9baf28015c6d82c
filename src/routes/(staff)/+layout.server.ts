import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { openShiftOf } from '$lib/server/shifts';
import { choicesOf } from '$lib/server/company/memberships';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	// Whether the user has an open shift: counter forms offer to take over one before taking cash.
	const db = getDb();
	return {
		user,
		cashShift: openShiftOf(db, user.communityId, user.id) !== null,
		choices: choicesOf(db, user)
	};
};
