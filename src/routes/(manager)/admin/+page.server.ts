import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { adminOverview } from '$lib/server/admin/overview';
import { formatDateTimeLocal } from '$lib/dates';
import { actorLabel, areaLabel } from '$lib/audit-labels';
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
		recent: o.recent.map((r) => ({
			id: r.id,
			action: r.action,
			area: areaLabel(r.area),
			actor: actorLabel(r),
			target: r.subject ?? `${r.targetType} ${r.targetId}`,
			when: formatDateTimeLocal(r.at, c.timeZone)
		}))
	};
};
