import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { getCommunity } from '$lib/server/community';
import { formatDateTimeLocal } from '$lib/dates';
import { queueTicket } from '$lib/server/queue';
import { renderQueueTicket } from '$lib/server/pdf/queue-ticket';
import { kioskCommunityId } from '../../../community';
import { pdfResponse } from '$lib/server/pdf/response';
import { phoneLink } from '$lib/domain/phone-link';
import type { RequestHandler } from './$types';

/** The 80 mm queue ticket, in the kiosk's language. Public like the number itself (it holds nothing personal). */
export const GET = (async (event) => {
	const { params, url } = event;
	const communityId = kioskCommunityId(event);
	const db = getDb();
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
	const t = queueTicket(db, communityId, id, nowMs());
	if (!t) error(404, 'not_found');
	const c = getCommunity(db, communityId);
	const pdf = await renderQueueTicket({
		communityName: c.name,
		centreName: c.centreName,
		queueNo: t.queueNo,
		service: t.service,
		priority: t.priority,
		takenAt: formatDateTimeLocal(t.takenAt, c.timeZone),
		estimate: t.estimate ? { ahead: t.estimate.ahead, minutes: t.estimate.minutes } : null,
		url: phoneLink(url.origin, `/kiosk/queue/${t.id}`, c.code),
		// In the language the kiosk shows, as the statement.
		locale: getLocale()
	});
	return pdfResponse(pdf, { filename: `queue-${t.queueNo}.pdf` });
}) satisfies RequestHandler;
