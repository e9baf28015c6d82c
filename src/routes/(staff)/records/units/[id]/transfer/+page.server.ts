import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { transferOwnership, unitRecord } from '$lib/server/records';
import { idParam, refusal, transferSchema } from '$lib/server/records/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const unit = unitRecord(db, user.communityId, idParam(params.id), today);
	if (!unit) error(404, m.records_err_unit_not_found());
	return {
		unit: { id: unit.id, code: unit.code },
		current: unit.ties.filter((t) => t.current),
		today
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(transferSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const d = parsed.data;
		const unitId = idParam(params.id);
		try {
			transferOwnership(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				{
					unitId,
					date: d.date,
					newOwnerId: d.newOwnerId,
					newPerson: d.newPerson,
					endHousehold: d.endHousehold,
					reason: d.reason
				},
				nowMs()
			);
		} catch (e) {
			return refusal(e, formValues(form));
		}
		redirect(303, `/records/units/${unitId}?done=transferred`);
	}
} satisfies Actions;
