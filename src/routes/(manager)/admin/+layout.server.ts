import { requireStaff } from '$lib/server/auth/guards';

// Accounts and settings are for admins only (access.ts says so too; this is the second check).
export const load = ({ locals, url }) => {
	requireStaff(locals, 'admin', url);
	return {};
};
