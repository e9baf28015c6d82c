import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { renovationDetail, todayOf } from '$lib/server/renovation';

/** The signed-in clerk's community and the application of the URL, or 404. */
export function detailFor(locals: App.Locals, url: URL, idParam: string) {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const id = Number(idParam);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not_found');
	const d = renovationDetail(db, user.communityId, id, todayOf(db, user.communityId, nowMs()));
	if (!d) error(404, 'not_found');
	return { user, db, d, community: getCommunity(db, user.communityId) };
}
