import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readTicketPhoto } from '$lib/server/tickets';
import { photoResponse } from '$lib/server/uploads/photos';
import type { RequestHandler } from './$types';

/** GET /tickets/{no}/photos/{id} — a report's photo, for signed-in staff of its community only. */
export const GET = (({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const id = Number(params.id);
	const photo =
		Number.isSafeInteger(id) && id > 0
			? readTicketPhoto(getDb(), user.communityId, params.no, id)
			: null;
	if (!photo) error(404, 'not_found');
	return photoResponse(photo);
}) satisfies RequestHandler;
