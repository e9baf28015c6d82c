import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { createPerson, listPeople } from '$lib/server/records';
import { peopleFilterSchema, personSchema } from '$lib/server/records/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const filter = peopleFilterSchema.parse(Object.fromEntries(url.searchParams));
	return {
		filter,
		people: filter.q ? listPeople(db, user.communityId, filter.q, today) : [],
		canEdit: roleAtLeast(user.role, 'manager')
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ locals, request }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(personSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const { reason, ...person } = parsed.data;
		let id: number;
		try {
			id = createPerson(getDb(), { id: user.id, communityId: user.communityId }, person, nowMs());
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		redirect(303, `/records/people/${id}?done=created`);
	}
} satisfies Actions;
