import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { unitFile } from '$lib/server/unit-file';
import { ownerUnits } from '$lib/server/unit-file/multi-pay';
import { tieInForce } from '$lib/domain/records';
import type { PageServerLoad } from './$types';

/** /units/42 — the unit file (房屋档案): everything held about one unit, each part linking to its page. */
export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : 0;
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const file = id
		? unitFile(db, user.communityId, id, {
				asOf: today,
				timeZone: community.timeZone,
				now: nowMs()
			})
		: null;
	if (!file) error(404, 'not_found');
	// Current owners holding several units can pay them together from here.
	const multi = new Set(
		file.ties
			.filter((t) => tieInForce(t, today) && (t.role === 'owner' || t.role === 'co_owner'))
			.filter((t) => ownerUnits(db, user.communityId, t.ownerId, today).length > 1)
			.map((t) => t.ownerId)
	);
	return { file, multiOwners: [...multi] };
}) satisfies PageServerLoad;
