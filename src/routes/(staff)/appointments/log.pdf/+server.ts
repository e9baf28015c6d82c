import { requireStaff } from '$lib/server/auth/guards';
import { listAppointments } from '$lib/server/appointments';
import { appointmentLogPdf } from '$lib/server/pdf/appointment-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import { appointmentsContext } from '../context';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';

// GET /appointments/log.pdf?from=&to=&team= — the A4 log of the appointments on those days (every state).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, query } = appointmentsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const rows = listAppointments(
		db,
		user.communityId,
		{ ...query.filter, view: 'all', fromDay: query.from, toDay: query.to },
		now,
		5000
	);
	const pdf = await appointmentLogPdf({
		...registerLogHead(community, query, now, user),
		appointments: rows.reverse()
	});
	return pdfResponse(pdf, { filename: `appointments-${query.from}-${query.to}.pdf` });
};
