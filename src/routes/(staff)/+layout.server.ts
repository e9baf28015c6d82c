import { requireStaff } from '$lib/server/auth/guards';

export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	return { user };
};
