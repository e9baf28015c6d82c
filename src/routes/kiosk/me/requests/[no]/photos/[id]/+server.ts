import { error } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getTicketDetail, readTicketPhoto } from '$lib/server/tickets/queries';
import { residentActor } from '$lib/server/tickets/model';
import { photoResponse } from '$lib/server/uploads/photos';
import type { RequestHandler } from './$types';

/** GET /kiosk/me/requests/{no}/photos/{id} — a photo the resident sent with their own report. */
export const GET = (({ locals, params }) => {
	const resident = requireResident(locals);
	const db = getDb();
	const id = Number(params.id);
	const t = /^[A-Za-z]{2}-\d{4}-\d{6}$/.test(params.no)
		? getTicketDetail(db, resident.communityId, params.no, residentActor(resident))
		: null;
	const photo =
		t && t.photos.some((p) => p.id === id)
			? readTicketPhoto(db, resident.communityId, params.no, id)
			: null;
	if (!photo) error(404, 'not_found');
	return photoResponse(photo);
}) satisfies RequestHandler;
