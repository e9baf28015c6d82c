import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { choicesOf } from '$lib/server/company/memberships';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'company', url);
	return { user, choices: choicesOf(getDb(), user) };
};
