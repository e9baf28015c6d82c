import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { buildings, createUnit, listUnits, UNIT_PAGE } from '$lib/server/records';
import { unitFilterSchema, unitSchema } from '$lib/server/records/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const filter = unitFilterSchema.parse(Object.fromEntries(url.searchParams));
	const searched = !!(filter.building || filter.entrance || filter.q);
	return {
		buildings: buildings(db, user.communityId),
		filter,
		units: searched ? listUnits(db, user.communityId, filter, today) : { rows: [], more: false },
		searched,
		page: UNIT_PAGE,
		canEdit: roleAtLeast(user.role, 'manager')
	};
}) satisfies PageServerLoad;

export const actions = {
	createUnit: async ({ locals, request }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(unitSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const { area, ...rest } = parsed.data;
		let id: number;
		try {
			id = createUnit(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				{ ...rest, areaCenti: area },
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		redirect(303, `/records/units/${id}?done=created`);
	}
} satisfies Actions;
