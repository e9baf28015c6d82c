import { requireStaff } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	return { user };
};
