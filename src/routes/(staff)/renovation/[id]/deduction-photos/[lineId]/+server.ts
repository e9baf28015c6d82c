import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { readDeductionPhoto } from '$lib/server/renovation';
import { photoResponse } from '$lib/server/uploads/photos';
import type { RequestHandler } from './$types';

/** GET /renovation/{id}/deduction-photos/{line id} — a deposit deduction's photo, for signed-in staff of its community only. */
export const GET: RequestHandler = ({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const [id, lineId] = [Number(params.id), Number(params.lineId)];
	const valid = (n: number) => Number.isSafeInteger(n) && n > 0;
	const photo =
		valid(id) && valid(lineId) ? readDeductionPhoto(getDb(), user.communityId, id, lineId) : null;
	if (!photo) error(404, 'not_found');
	return photoResponse(photo);
};
