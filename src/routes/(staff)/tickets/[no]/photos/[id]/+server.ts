import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readTicketPhoto } from '$lib/server/tickets';

/** GET /tickets/{no}/photos/{id} — a report's photo, for signed-in staff of its community only. */
export const GET = ({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const id = Number(params.id);
	const photo = Number.isSafeInteger(id) && id > 0 ? readTicketPhoto(getDb(), user.communityId, params.no, id) : null;
	if (!photo) error(404, 'not_found');
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'Content-Type': photo.mime,
			'Cache-Control': 'private, no-store',
			// Served as an image only, never sniffed into anything else.
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
