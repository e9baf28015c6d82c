import { deskContext, readListQuery } from '$lib/server/list-query';
import { listQuerySchema } from '$lib/server/appointments/forms';
import type { AppointmentFilter, AppointmentView } from '$lib/server/appointments';
import type { AppointmentTeam } from '$lib/domain/appointments';

/** What the appointments page and its files start from: the community, now, and the list's query. */
export function appointmentsContext(communityId: number, url: URL) {
	const desk = deskContext(communityId);
	const { values, query: q } = readListQuery(
		url,
		['team', 'view'],
		listQuerySchema,
		desk.today,
		desk.community.timeZone
	);
	const query = (():
		| { ok: true; filter: AppointmentFilter; from: string; to: string }
		| { ok: false; message: string } => {
		if (!q.ok) return q;
		const view = (values.view || 'open') as AppointmentView;
		// Open ones are listed whatever their day; the period narrows the rest and the printed log.
		const dated = view === 'closed' || view === 'all';
		return {
			ok: true,
			from: q.range.from,
			to: q.range.to,
			filter: {
				team: (values.team || null) as AppointmentTeam | null,
				view,
				fromDay: dated ? q.range.from : null,
				toDay: dated ? q.range.to : null
			}
		};
	})();
	return { ...desk, values, query };
}
