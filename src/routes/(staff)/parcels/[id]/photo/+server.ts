import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { rowId } from '$lib/server/form-fields';
import { getDb } from '$lib/server/db';
import { parcelPhoto } from '$lib/server/parcels';
import { photoResponse } from '$lib/server/uploads/photos';
import type { RequestHandler } from './$types';

// GET /parcels/[id]/photo — the photo taken at intake (staff only; never cached).
export const GET: RequestHandler = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const read = rowId.safeParse(params.id);
	const id = read.success ? read.data : 0;
	const photo = parcelPhoto(getDb(), user.communityId, id);
	if (!photo) error(404, m.parcels_not_found());
	return photoResponse(photo);
};
