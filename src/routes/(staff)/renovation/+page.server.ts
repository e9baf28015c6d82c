import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { listRenovations, renovationBoard, todayOf } from '$lib/server/renovation';
import { RENOVATION_STATES, type RenovationState } from '$lib/domain/renovation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = todayOf(db, user.communityId, nowMs());
	const warnDays = getCommunity(db, user.communityId).settings.renovation.permitWarnDays;
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40);
	const stateParam = url.searchParams.get('state') ?? '';
	const state = (RENOVATION_STATES as readonly string[]).includes(stateParam)
		? (stateParam as RenovationState)
		: null;
	const searching = q !== '' || state !== null;
	return {
		today,
		warnDays,
		q,
		state,
		results: searching
			? listRenovations(db, user.communityId, {
					q,
					states: state ? [state] : undefined,
					limit: 100
				})
			: null,
		review: listRenovations(db, user.communityId, { states: ['submitted'] }),
		approved: listRenovations(db, user.communityId, { states: ['approved'] }),
		board: renovationBoard(db, user.communityId, today, warnDays)
	};
};
