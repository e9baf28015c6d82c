import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { formatDateTimeLocal } from '$lib/dates';
import { listUnitTickets } from '$lib/server/tickets/queries'; // not the index: it loads the PDF library
import { listRenovations } from '$lib/server/renovation';
import { residentKindLabel, residentStateLabel } from '../labels';
import { stateLabel as renovationStateLabel } from '../../../(staff)/renovation/labels';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const db = getDb();
	const tz = getCommunity(db, resident.communityId).timeZone;
	const tickets = listUnitTickets(db, resident.communityId, resident.unitId).map((t) => ({
		ticketNo: t.ticketNo,
		kind: residentKindLabel(t.kind),
		state: residentStateLabel(t.state),
		closed: t.state === 'closed',
		text: t.text.length > 80 ? t.text.slice(0, 80) + '…' : t.text,
		received: formatDateTimeLocal(t.receivedAt, tz)
	}));
	// The renovation area's list, narrowed to this unit exactly (its search is a LIKE on the code).
	const renovations = listRenovations(db, resident.communityId, { q: resident.unitCode, limit: 20 })
		.filter((r) => r.unitCode === resident.unitCode)
		.map((r) => ({
			appNo: r.appNo,
			state: renovationStateLabel(r.state),
			plannedStart: r.plannedStart,
			plannedEnd: r.plannedEnd,
			permitUntil: r.permitUntil
		}));
	return { tickets, renovations };
}) satisfies PageServerLoad;
