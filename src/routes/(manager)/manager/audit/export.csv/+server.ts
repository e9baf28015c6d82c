import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { auditEntries } from '$lib/server/audit-log/queries';
import { actorLabel, areaLabel } from '$lib/audit-labels';
import { auditContext } from '../context';
import type { RequestHandler } from './$types';

/** Rows one export may hold; the period (≤ 366 days) and filters narrow a bigger log. */
const MAX_ROWS = 200_000;

// GET /manager/audit/export.csv?<the page's filters>: every matching entry (not one page), with the raw detail.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const { db, community, query } = auditContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const q = query.query;
	const { rows } = auditEntries(db, user.communityId, q.filter, { offset: 0, limit: MAX_ROWS });
	const csv = toCsv([
		[
			m.audit_col_time(),
			m.audit_col_area(),
			m.audit_col_action(),
			m.audit_col_actor(),
			m.audit_type(),
			m.audit_record(),
			m.audit_col_detail()
		],
		...rows.map((r) => [
			formatDateTimeLocal(r.at, community.timeZone),
			areaLabel(r.area),
			r.action,
			actorLabel(r),
			r.targetType,
			r.targetId,
			r.detail
		])
	]);
	return csvResponse(csv, `操作记录-${q.from}-${q.to}.csv`, `audit-${q.from}-${q.to}.csv`);
};
