import { redirect } from '@sveltejs/kit';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failForm } from '$lib/server/forms';
import { takeNumber } from '$lib/server/queue';
import { queueErrorMessage } from '$lib/server/queue/messages';
import { residentAccount } from '../account';
import { residentSource } from '../../source';

export const load = ({ locals }) => {
	const resident = requireResident(locals);
	const { community, asOf, account, bills } = residentAccount(resident);
	return {
		unitCode: resident.unitCode,
		asOf,
		bills,
		totals: account.totals,
		ratePerMille: community.settings.fees.lateFeeRatePerMille,
		idempotencyKey: crypto.randomUUID()
	};
};

export const actions = {
	/** "Please pay at the counter": a payment number in one tap, linked to the unit. */
	queue: async ({ locals, request, cookies, url }) => {
		const resident = requireResident(locals);
		const form = await request.formData();
		let id: number;
		try {
			id = takeNumber(getDb(), resident.communityId, { service: 'payment', priority: 'normal', source: residentSource(request, cookies, url), unitId: resident.unitId }, { idempotencyKey: String(form.get('idempotencyKey') ?? '') }).id;
		} catch (e) {
			const message = queueErrorMessage(e);
			if (message === null) throw e;
			return failForm(400, message);
		}
		redirect(303, `/kiosk/queue/${id}?new=1`);
	}
};
