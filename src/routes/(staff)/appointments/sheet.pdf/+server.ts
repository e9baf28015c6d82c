import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { deskContext } from '$lib/server/list-query';
import { daySheet } from '$lib/server/appointments';
import { slotQuerySchema } from '$lib/server/appointments/forms';
import { appointmentDaySheetPdf } from '$lib/server/pdf/appointment-log';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /appointments/sheet.pdf?team=&day= — one team's day sheet (派工单), by slot.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, today } = deskContext(user.communityId);
	const q = slotQuerySchema.parse({
		team: url.searchParams.get('team') ?? undefined,
		day: url.searchParams.get('day') ?? today
	});
	if (!q.day) return refusedText(m.appointments_day_invalid());
	const pdf = await appointmentDaySheetPdf({
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		team: q.team,
		day: q.day,
		printedAt: now,
		printedBy: `${user.displayName} ${user.workNo}`,
		appointments: daySheet(db, user.communityId, q.team, q.day, now)
	});
	return pdfResponse(pdf, { filename: `appointments-${q.team}-${q.day}.pdf` });
};
