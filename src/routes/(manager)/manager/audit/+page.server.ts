import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { AUDIT_AREAS } from '$lib/domain/audit-areas';
import {
	AUDIT_PAGE_SIZE,
	auditActors,
	auditEntries,
	auditTargetTypes,
	detailSummary
} from '$lib/server/audit-log/queries';
import { auditContext } from './context';
import { actorLabel, areaLabel } from '$lib/audit-labels';
import type { PageServerLoad } from './$types';

/** /manager/audit?from=&to=&area=&actor=&type=&record=&page= — the audit log, newest first. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const { db, community, query } = auditContext(user.communityId, url);
	const options = {
		areas: AUDIT_AREAS.map((a) => ({ value: a, label: areaLabel(a) })),
		actors: auditActors(db, user.communityId),
		types: auditTargetTypes(db, user.communityId)
	};
	if (!query.ok) return { options, values: query.values, message: query.message, list: null };
	const q = query.query;
	const { rows, total } = auditEntries(db, user.communityId, q.filter, {
		offset: (q.page - 1) * AUDIT_PAGE_SIZE,
		limit: AUDIT_PAGE_SIZE
	});
	return {
		options,
		values: q.values,
		message: null,
		list: {
			total,
			page: q.page,
			pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
			rows: rows.map((r) => ({
				id: r.id,
				when: formatDateTimeLocal(r.at, community.timeZone),
				area: areaLabel(r.area),
				action: r.action,
				actor: actorLabel(r),
				targetType: r.targetType,
				targetId: r.targetId,
				detail: detailSummary(r.detail)
			}))
		}
	};
};
