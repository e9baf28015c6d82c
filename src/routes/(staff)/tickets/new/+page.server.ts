import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { nowPartsIn } from '$lib/dates';
import { formValues } from '$lib/server/forms';
import { createTicket, photosFromForm, staffActor } from '$lib/server/tickets';
import { ticketFail } from '$lib/server/tickets/messages';
import type { Actions, PageServerLoad } from './$types';

/** "2026-11-23T09:05": a datetime-local value in the community's zone. */
function localInput(ms: number, timeZone: string): string {
	const p = nowPartsIn(timeZone, ms);
	return `${p.date}T${p.time}`;
}

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const community = getCommunity(getDb(), user.communityId);
	const now = nowMs();
	return {
		idempotencyKey: crypto.randomUUID(),
		receivedDefault: localInput(now, community.timeZone),
		recordWithinMinutes: community.settings.tickets.recordWithinMinutes,
		// The counter may open intake for a unit it is serving (?unit=6-1-101).
		unit: (url.searchParams.get('unit') ?? '').slice(0, 20),
		assigneeDefault: ''
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const community = getCommunity(db, user.communityId);
		const form = await request.formData();
		const values = formValues(form);
		const photos = await photosFromForm(form, 'photos');
		const r = createTicket(db, { ...values, photos }, staffActor(user), {
			idempotencyKey: values.idempotencyKey
		});
		if (!r.ok) return ticketFail(r, community.timeZone);
		redirect(303, `/tickets/${r.ticketNo}?created=1`);
	}
} satisfies Actions;
