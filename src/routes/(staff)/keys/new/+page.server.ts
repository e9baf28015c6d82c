import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { createKey } from '$lib/server/keys';
import { explainRegister, registerSchema } from '$lib/server/keys/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	return {
		today: communityToday(getCommunity(db, user.communityId), new Date(nowMs())),
		unitCode: url.searchParams.get('unit')?.slice(0, 20) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		requireStaff(locals, 'clerk');
		const form = await request.formData();
		const parsed = parseForm(registerSchema, form);
		if (!parsed.ok) return failForm(400, m.keys_err_form(), parsed);
		const result = createKey(getDb(), actorOf(locals), parsed.data, nowMs());
		if (!result.ok)
			return failForm(400, m.keys_err_form(), {
				...explainRegister(result.errors),
				values: formValues(form)
			});
		redirect(303, `/keys/${result.id}?done=created`);
	}
} satisfies Actions;
