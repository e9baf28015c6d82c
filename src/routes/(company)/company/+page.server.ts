import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { companyDashboard } from '$lib/server/company/dashboard';
import { getCommunity } from '$lib/server/community';
import type { PageServerLoad } from './$types';

/** /company — every centre side by side (head office and company admins; read-only). */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'company', url);
	const db = getDb();
	// Times read in the zone of the community the user looks from; each centre has its own date.
	return { board: companyDashboard(db), timeZone: getCommunity(db, user.communityId).timeZone };
};
