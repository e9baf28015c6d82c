import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { formatTicketNo } from '$lib/domain/tickets';
import { listBoard, ticketAlertCounts } from '$lib/server/tickets';
import { filterQuery, parseBoardFilter } from './filters';
import type { PageServerLoad } from './$types';

/** The desk board: open tickets, most pressing first, with filters (and the same as CSV). */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();

	// "Open ticket no.": the full number, or just this year's sequence number.
	const go = (url.searchParams.get('no') ?? '').trim().slice(0, 20);
	if (go) {
		const no = /^\d{1,6}$/.test(go)
			? formatTicketNo(Number(communityToday(community, new Date(now)).slice(0, 4)), Number(go))
			: go.toUpperCase();
		redirect(303, `/tickets/${encodeURIComponent(no)}`);
	}

	const filter = parseBoardFilter(url.searchParams);
	return {
		filter,
		query: filterQuery(filter),
		tickets: listBoard(db, user.communityId, filter, now),
		counts: ticketAlertCounts(db, user.communityId, now),
		timeZone: community.timeZone,
		now
	};
}) satisfies PageServerLoad;
