import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { formValues } from '$lib/server/forms';
import { ACTIONS, defaultDepartment, type TicketAction } from '$lib/domain/tickets';
import { applyTicketAction, getTicketDetail, staffActor } from '$lib/server/tickets';
import { ticketFail } from '$lib/server/tickets/messages';
import type { Action, Actions, PageServerLoad } from './$types';

/** A ticket: its facts, time limits, full timeline and the actions its state allows. */
export const load = (({ locals, params, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const ticket = getTicketDetail(db, user.communityId, params.no, staffActor(user), nowMs());
	if (!ticket) error(404, 'not_found');
	return {
		ticket,
		timeZone: community.timeZone,
		created: url.searchParams.get('created') === '1',
		suggestedDepartment: ticket.department ?? defaultDepartment(ticket.kind),
		// One token per form, fresh on every load: a double submit of the same form posts once.
		keys: Object.fromEntries(ACTIONS.map((a) => [a, crypto.randomUUID()])) as Record<
			TicketAction,
			string
		>,
		userName: user.displayName,
		recordWithinMinutes: community.settings.tickets.recordWithinMinutes
	};
}) satisfies PageServerLoad;

function action(name: TicketAction): Action {
	return async ({ locals, params, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const tz = getCommunity(db, user.communityId).timeZone;
		const values = formValues(await request.formData());
		// Approving a developer complaint is the manager's: the state machine's role rule refuses
		// anyone else with a translated 403, checked here on every submit.
		const r = applyTicketAction(db, params.no, name, values, staffActor(user), {
			idempotencyKey: values.idempotencyKey
		});
		if (!r.ok) return ticketFail(r, tz, { _action: name });
		const message = r.replay
			? m.tickets_replayed()
			: r.events.includes('reopened') && r.events.includes('return_visit')
				? m.tickets_visit_reopened()
				: r.events.includes('reopened') && r.events.includes('checked')
					? m.tickets_check_reopened()
					: m.tickets_saved();
		return { ok: true, action: name, message };
	};
}

export const actions = Object.fromEntries(ACTIONS.map((a) => [a, action(a)])) satisfies Actions;
