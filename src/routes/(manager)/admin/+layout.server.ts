import { requireStaff } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Accounts and settings are for admins only (access.ts says so too; this is the second check).
export const load = (({ locals, url }) => {
	requireStaff(locals, 'admin', url);
	return {};
}) satisfies LayoutServerLoad;
