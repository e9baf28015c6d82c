import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { getKey } from '$lib/server/keys';
import { keyIdParam } from '$lib/server/keys/forms';

/** What a key's pages load from: the clerk, the key (404 when it is not the community's), now. */
export function keyPage(locals: App.Locals, url: URL, idParam: string) {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const now = nowMs();
	const id = keyIdParam(idParam);
	const key = getKey(db, user.communityId, id, now);
	if (!key) error(404, 'not_found');
	const community = getCommunity(db, user.communityId);
	return { user, db, now, id, key, community };
}
