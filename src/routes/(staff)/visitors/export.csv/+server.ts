import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { listVisitors } from '$lib/server/visitors';
import { visitorStateLabel } from '$lib/visitor-labels';
import { idTypeLabel } from '../../keys/labels';
import { visitorsContext } from '../context';
import type { RequestHandler } from './$types';

// GET /visitors/export.csv?<the page's filters>: the listed visitors for a spreadsheet (IDs masked).
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = visitorsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, community.timeZone);
	const rows = listVisitors(db, user.communityId, query.filter, now, 50_000);
	const csv = toCsv([
		[
			m.visitors_slip_no(),
			m.visitors_name(),
			m.visitors_id_type(),
			m.visitors_id_number(),
			m.visitors_unit(),
			m.visitors_host(),
			m.visitors_purpose(),
			m.visitors_party(),
			m.visitors_confirm_phone(),
			m.visitors_confirm_answered_by(),
			m.visitors_in(),
			m.visitors_state(),
			m.visitors_left()
		],
		...rows.map((r) => [
			r.slipNo,
			r.name,
			idTypeLabel(r.idType),
			r.idMasked,
			r.unitCode,
			r.hostName,
			r.purpose,
			String(r.partySize),
			r.confirmPhone,
			r.confirmAnsweredBy,
			`${at(r.inMs)} ${r.registeredBy}`,
			visitorStateLabel(r.state, r.overdue),
			r.leftMs === null ? '' : `${at(r.leftMs)} ${r.leftBy ?? ''}`
		])
	]);
	return csvResponse(
		csv,
		`访客登记-${query.from}-${query.to}.csv`,
		`visitors-${query.from}-${query.to}.csv`
	);
};
