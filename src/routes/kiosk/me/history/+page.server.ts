import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { communityToday, getCommunity } from '$lib/server/community';
import { residentHistory } from '$lib/server/unit-file/resident';
import type { PageServerLoad } from './$types';

/** The identified resident's own history: receipts of the last 24 months, waivers, deposits, services. */
export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const db = getDb();
	const community = getCommunity(db, resident.communityId);
	return {
		unitCode: resident.unitCode,
		history: residentHistory(db, resident.unitId, {
			asOf: communityToday(community),
			timeZone: community.timeZone,
			now: nowMs()
		})
	};
}) satisfies PageServerLoad;
