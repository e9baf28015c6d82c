import { deskContext, readRegisterQuery, registerListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/appointments/forms';
import type { AppointmentView } from '$lib/server/appointments';
import type { AppointmentTeam } from '$lib/domain/appointments';

/** What the appointments page and its files start from: the community, now, and the list's query. */
export function appointmentsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readRegisterQuery(url, ['team', 'view'], listQuerySchema, desk, {
		open: 'open' as AppointmentView,
		dated: ['closed', 'all']
	});
	// Appointments are filed by their day, not the moment they were taken.
	const query = registerListQuery(q, (q) => ({
		team: (values.team || null) as AppointmentTeam | null,
		view: q.view,
		fromDay: q.dated ? q.range.from : null,
		toDay: q.dated ? q.range.to : null
	}));
	return { ...desk, values, query };
}
