import { error } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { formValues } from '$lib/server/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
// Not the index: it loads the PDF library.
import { getTicketDetail } from '$lib/server/tickets/queries';
import { applyTicketAction } from '$lib/server/tickets/actions';
import { ticketFail } from '$lib/server/tickets/messages';
import { residentActor, type LoggedEvent } from '$lib/server/tickets/model';
import { departmentLabel, eventLabel, ratingLabel } from '../../../../(staff)/tickets/labels';
import { residentKindLabel, residentStateLabel } from '../../labels';
import { residentSource } from '../../../source';
import type { Actions, PageServerLoad } from './$types';

/** What a resident sees of an event: the step and, where it is meant for them, its words. Staff notes stay inside. */
function residentDetail(e: LoggedEvent): string {
	switch (e.type) {
		case 'dispatched':
			return departmentLabel(e.data.department);
		case 'answered':
		case 'result_told':
			return e.data.text;
		case 'return_visit':
			return ratingLabel(e.data.rating);
		default:
			return '';
	}
}

const TICKET_NO = /^[A-Za-z]{2}-\d{4}-\d{6}$/;

export const load = (({ locals, params }) => {
	const resident = requireResident(locals);
	const db = getDb();
	// Another unit's ticket is simply not found (getTicketDetail checks the resident's unit).
	const t = TICKET_NO.test(params.no)
		? getTicketDetail(db, resident.communityId, params.no, residentActor(resident))
		: null;
	if (!t) error(404, 'not_found');
	const tz = getCommunity(db, resident.communityId).timeZone;
	return {
		ticket: {
			ticketNo: t.ticketNo,
			kind: residentKindLabel(t.kind),
			state: residentStateLabel(t.state),
			urgent: t.urgency === 'urgent',
			text: t.text,
			location: t.location,
			received: formatDateTimeLocal(t.receivedAt, tz),
			photos: t.photos.map((p) => p.id)
		},
		/** Finished work waiting for the resident's rating (the ticket's return visit). */
		canRate: t.actions.includes('return_visit'),
		idempotencyKey: crypto.randomUUID(),
		timeline: t.events
			.filter((e) => e.type !== 'edited')
			.map((e) => ({
				id: e.id,
				label: eventLabel(e.type),
				time: formatDateTimeLocal(e.at, tz),
				detail: residentDetail(e)
			}))
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * The resident rates finished work: the ticket's return visit, its method the channel (kiosk or
	 * phone). The counter's own server function records it, so 不满意 reopens the ticket the same way.
	 */
	rate: async ({ locals, params, request, cookies, url }) => {
		const resident = requireResident(locals);
		const db = getDb();
		const tz = getCommunity(db, resident.communityId).timeZone;
		const values = formValues(await request.formData());
		const actor = residentActor(resident, residentSource(request, cookies, url));
		const r = applyTicketAction(
			db,
			params.no,
			'return_visit',
			{ rating: values.rating ?? '', note: values.note ?? '' },
			actor,
			{ idempotencyKey: values.idempotencyKey }
		);
		if (!r.ok) return ticketFail(r, tz);
		return {
			rated: true,
			message: r.events.includes('reopened') ? m.kiosk_rate_reopened() : m.kiosk_rate_done()
		};
	}
} satisfies Actions;
