import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { publicNotices } from '$lib/server/notices';
import { listUnitTickets } from '$lib/server/tickets/queries'; // not the index: it loads the PDF library (~0.2 s on first use)
import { residentAccount } from './account';
import { waitingParcels } from './parcels';
import { unitComingAppointments } from '$lib/server/appointments/queries';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const { account } = residentAccount(resident);
	const open = listUnitTickets(getDb(), resident.communityId, resident.unitId).filter(
		(t) => t.state !== 'closed'
	).length;
	return {
		unitCode: resident.unitCode,
		totalDueFen: account.totals.totalDueFen,
		openRequests: open,
		parcels: waitingParcels(resident),
		appointments: unitComingAppointments(getDb(), resident.communityId, resident.unitId, nowMs()),
		// The notices in force, as on the start screen (urgent first): 停水 matters to who lives here.
		notices: publicNotices(getDb(), resident.communityId, nowMs())
	};
}) satisfies PageServerLoad;
