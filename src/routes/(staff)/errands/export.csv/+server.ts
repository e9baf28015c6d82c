import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { listErrands } from '$lib/server/errands';
import { errandKindLabel, errandStateLabel } from '$lib/errand-labels';
import { errandsContext } from '../context';
import type { RequestHandler } from './$types';

// GET /errands/export.csv?<the page's filters>: the listed errands for a spreadsheet.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = errandsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, community.timeZone);
	const rows = listErrands(db, user.communityId, query.filter, now, 50_000);
	const csv = toCsv([
		[
			m.errands_kind(),
			m.errands_unit(),
			m.errands_requester(),
			m.errands_phone(),
			m.errands_recipient(),
			m.errands_content(),
			m.errands_due(),
			m.errands_taken(),
			m.errands_state(),
			m.errands_closed(),
			m.errands_note()
		],
		...rows.map((r) => [
			errandKindLabel(r.kind),
			r.unitCode ?? '',
			r.requester,
			r.phone,
			r.recipient,
			r.content,
			at(r.dueMs),
			`${at(r.takenMs)} ${r.takenBy}`,
			errandStateLabel(r.state, r.overdue),
			r.closedMs === null ? '' : `${at(r.closedMs)} ${r.closedBy ?? ''}`,
			r.note
		])
	]);
	return csvResponse(
		csv,
		`代办留言回电-${query.from}-${query.to}.csv`,
		`errands-${query.from}-${query.to}.csv`
	);
};
