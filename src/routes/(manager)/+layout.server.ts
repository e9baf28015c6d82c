import { requireStaff } from '$lib/server/auth/guards';

export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	return { user };
};
