import { requireResident } from '$lib/server/auth/guards';
import { QUEUE_PRIORITIES } from '$lib/domain/queue';
import { residentAccount } from '../account';
import { takeFromKiosk } from '../../queue/take';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const { community, asOf, account, bills } = residentAccount(resident);
	return {
		unitCode: resident.unitCode,
		asOf,
		bills,
		totals: account.totals,
		ratePerMille: community.settings.fees.lateFeeRatePerMille,
		priorities: QUEUE_PRIORITIES,
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	/** "Please pay at the counter": a payment number linked to the unit, after the priority question. */
	queue: (event) => {
		requireResident(event.locals);
		return takeFromKiosk(event, 'payment');
	}
} satisfies Actions;
