import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { estimateNew, loadDay, queueDayOf } from '$lib/server/queue';
import { QUEUE_PRIORITIES, QUEUE_SERVICES } from '$lib/domain/queue';
import { kioskCommunityId } from '../community';
import { takeFromKiosk } from './take';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	const { url } = event;
	const communityId = kioskCommunityId(event);
	const db = getDb();
	const now = nowMs();
	const wanted = url.searchParams.get('service');
	return {
		services: QUEUE_SERVICES,
		priorities: QUEUE_PRIORITIES,
		preselect: (QUEUE_SERVICES as readonly string[]).includes(wanted ?? '') ? wanted : null,
		estimate: estimateNew(loadDay(db, communityId, queueDayOf(db, communityId, now)), now),
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	/** No sign-in needed: anyone in the hall may take a number (within the take limits). */
	default: (event) => takeFromKiosk(event)
} satisfies Actions;
