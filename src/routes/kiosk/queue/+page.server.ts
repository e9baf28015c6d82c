import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { failForm } from '$lib/server/forms';
import { QueueError, estimateNew, loadDay, queueDayOf, takeNumber } from '$lib/server/queue';
import { queueErrorMessage } from '$lib/server/queue/messages';
import { QUEUE_PRIORITIES, QUEUE_SERVICES } from '$lib/domain/queue';
import { kioskCommunityId } from '../community';
import { residentSource } from '../source';

export const load = ({ locals, url }) => {
	const communityId = kioskCommunityId(locals);
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
};

export const actions = {
	/** No sign-in needed: anyone in the hall may take a number. */
	default: async ({ locals, request, cookies, url }) => {
		const communityId = kioskCommunityId(locals);
		const form = await request.formData();
		const values = { service: String(form.get('service') ?? '').slice(0, 20), priority: String(form.get('priority') ?? 'normal').slice(0, 20) };
		let taken;
		try {
			taken = takeNumber(
				getDb(),
				communityId,
				{ service: values.service, priority: values.priority, source: residentSource(request, cookies, url), unitId: locals.resident?.unitId ?? null },
				{ idempotencyKey: String(form.get('idempotencyKey') ?? '') }
			);
		} catch (e) {
			const message = queueErrorMessage(e);
			if (message === null) throw e;
			const field = e instanceof QueueError && e.code === 'bad_priority' ? 'priority' : 'service';
			return failForm(400, message, { errors: { [field]: message }, values });
		}
		redirect(303, `/kiosk/queue/${taken.id}?new=1`);
	}
};
