import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { overdueSummary } from '$lib/server/keys';
import { ticketAlertCounts } from '$lib/server/tickets';
import { errandCounts } from '$lib/server/errands';
import { parcelCounts } from '$lib/server/parcels/queries';
import { visitorCounts } from '$lib/server/visitors';
import { itemCounts } from '$lib/server/items';
import { appointmentCounts } from '$lib/server/appointments';
import type { PageServerLoad } from './$types';

// The counter home: each capability adds what its panel needs here.
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	return {
		timeZone: community.timeZone,
		overdueKeys: overdueSummary(db, user.communityId, nowMs()),
		ticketAlerts: ticketAlertCounts(db, user.communityId, nowMs()),
		errands: errandCounts(db, user.communityId, nowMs()),
		parcels: parcelCounts(db, user.communityId, nowMs()),
		visitors: visitorCounts(db, user.communityId, nowMs()),
		items: itemCounts(db, user.communityId, communityToday(community)),
		appointments: appointmentCounts(db, user.communityId, communityToday(community), nowMs())
	};
}) satisfies PageServerLoad;
