import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { listAppointments } from '$lib/server/appointments';
import { appointmentStateLabel, appointmentTeamLabel } from '$lib/appointment-labels';
import { appointmentsContext } from '../context';
import type { RequestHandler } from './$types';

// GET /appointments/export.csv?<the page's filters>: the listed appointments for a spreadsheet.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = appointmentsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, community.timeZone);
	const rows = listAppointments(db, user.communityId, query.filter, now, 50_000);
	const csv = toCsv([
		[
			m.appointments_team(),
			m.appointments_day(),
			m.appointments_slot(),
			m.appointments_unit(),
			m.appointments_contact(),
			m.appointments_phone(),
			m.appointments_what(),
			m.appointments_ref(),
			m.appointments_taken(),
			m.appointments_state(),
			m.appointments_closed(),
			m.appointments_note()
		],
		...rows.map((r) => [
			appointmentTeamLabel(r.team),
			r.day,
			`${r.slotStart}–${r.slotEnd}`,
			r.unitCode,
			r.contact,
			r.phone,
			r.what,
			r.ticketNo ?? '',
			`${at(r.takenMs)} ${r.takenBy}`,
			appointmentStateLabel(r.state, r.overdue),
			r.closedMs === null ? '' : `${at(r.closedMs)} ${r.closedBy ?? ''}`,
			r.note
		])
	]);
	return csvResponse(
		csv,
		`预约-${query.from}-${query.to}.csv`,
		`appointments-${query.from}-${query.to}.csv`
	);
};
