import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { adminOverview } from '$lib/server/admin/overview';
import { formatDateTimeLocal } from '$lib/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	const c = getCommunity(db, user.communityId);
	const o = adminOverview(db, user.communityId);
	return {
		staff: { active: o.active, inactive: o.inactive },
		community: {
			name: c.name,
			centreName: c.centreName,
			timeZone: c.timeZone,
			dueDay: c.settings.fees.dueDay,
			rate: c.settings.fees.lateFeeRatePerMille
		},
		recent: o.recent.map((r) => ({ ...r, when: formatDateTimeLocal(r.at, c.timeZone) }))
	};
};
