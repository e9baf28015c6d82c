import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { toCsv } from '$lib/server/csv';
import { listBoard } from '$lib/server/tickets';
import { parseBoardFilter } from '../filters';
import {
	deadlineStateLabel,
	departmentLabel,
	kindLabel,
	limitLabel,
	sourceLabel,
	stateLabel,
	urgencyLabel
} from '$lib/ticket-labels';
import type { RequestHandler } from './$types';

/** GET /tickets/export.csv?… — exactly what the board shows with the same filters (UTF-8 + BOM). */
export const GET = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const tz = getCommunity(db, user.communityId).timeZone;
	const now = nowMs();
	const list = listBoard(db, user.communityId, parseBoardFilter(url.searchParams), now);
	const t = (ms: number | null) => (ms === null ? '' : formatDateTimeLocal(ms, tz));
	const rows: (string | number)[][] = [
		[
			m.tickets_col_no(),
			m.tickets_col_kind(),
			m.tickets_col_state(),
			m.tickets_col_source(),
			m.tickets_col_urgency(),
			m.tickets_col_unit(),
			m.tickets_col_location(),
			m.tickets_col_reporter(),
			m.tickets_col_phone(),
			m.tickets_col_text(),
			m.tickets_col_department(),
			m.tickets_col_assignee(),
			m.tickets_col_received(),
			m.tickets_col_recorded(),
			m.tickets_col_late(),
			m.tickets_col_next(),
			m.tickets_col_due(),
			m.tickets_col_alert()
		],
		...list.map((x) => [
			x.ticketNo,
			kindLabel(x.kind),
			stateLabel(x.state),
			sourceLabel(x.source),
			urgencyLabel(x.urgency),
			x.unitCode,
			x.location,
			x.reporterName,
			x.reporterPhone,
			x.text,
			x.department ? departmentLabel(x.department) : '',
			x.assignee ?? '',
			t(x.receivedAt),
			t(x.recordedAt),
			x.recordedLate ? m.tickets_yes() : m.tickets_no(),
			x.next ? limitLabel(x.next.limit) : '',
			x.next ? t(x.next.dueAt) : '',
			x.next ? deadlineStateLabel(x.next) : ''
		])
	];
	const day = formatDateTimeLocal(now, tz).slice(0, 10);
	return new Response(toCsv(rows), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="tickets-${day}.csv"`
		}
	});
}) satisfies RequestHandler;
