import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { getCommunity } from '$lib/server/community';
import { formatDateTimeLocal } from '$lib/dates';
import { queueTicket } from '$lib/server/queue';
import { kioskCommunityId } from '../../community';
import type { PageServerLoad } from './$types';

export const load = ((event) => {
	const { params, depends } = event;
	depends('queue:ticket');
	const communityId = kioskCommunityId(event);
	const db = getDb();
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
	const t = queueTicket(db, communityId, id, nowMs());
	if (!t) error(404, 'not_found');
	return {
		ticket: {
			id: t.id,
			queueNo: t.queueNo,
			service: t.service,
			priority: t.priority,
			askedPriority: t.askedPriority,
			priorityPending: t.priorityPending,
			state: t.state,
			counter: t.counter,
			today: t.today,
			estimate: t.estimate,
			takenAt: formatDateTimeLocal(t.takenAt, getCommunity(db, communityId).timeZone)
		}
	};
}) satisfies PageServerLoad;
