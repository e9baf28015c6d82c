import { error } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { formatDateTimeLocal } from '$lib/dates';
import { getTicketDetail } from '$lib/server/tickets/queries'; // not the index: it loads the PDF library
import { residentActor, type LoggedEvent } from '$lib/server/tickets/model';
import {
	departmentLabel,
	eventLabel,
	kindLabel,
	ratingLabel,
	stateLabel
} from '../../../../(staff)/tickets/labels';
import type { PageServerLoad } from './$types';

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

export const load = (({ locals, params }) => {
	const resident = requireResident(locals);
	const db = getDb();
	// Another unit's ticket is simply not found (getTicketDetail checks the resident's unit).
	const t = /^[A-Za-z]{2}-\d{4}-\d{6}$/.test(params.no)
		? getTicketDetail(db, resident.communityId, params.no, residentActor(resident))
		: null;
	if (!t) error(404, 'not_found');
	const tz = getCommunity(db, resident.communityId).timeZone;
	return {
		ticket: {
			ticketNo: t.ticketNo,
			kind: kindLabel(t.kind),
			state: stateLabel(t.state),
			text: t.text,
			location: t.location,
			received: formatDateTimeLocal(t.receivedAt, tz)
		},
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
