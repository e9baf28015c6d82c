import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import {
	createCommunity,
	endMembership,
	grantMembership,
	listCommunities,
	listMemberships
} from '$lib/server/company';
import { communitySchema, endSchema, grantSchema } from '$lib/server/company/forms';
import type { Actions, PageServerLoad } from './$types';

/** /company/communities — the company admin adds communities and gives staff their memberships. */
export const load: PageServerLoad = ({ locals, url }) => {
	requireStaff(locals, 'company_admin', url);
	const db = getDb();
	return { communities: listCommunities(db), memberships: listMemberships(db) };
};

export const actions = {
	create: async ({ locals, request, url }) => {
		requireStaff(locals, 'company_admin', url);
		const form = await request.formData();
		const read = parseForm(communitySchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			createCommunity(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.company_created({ name: read.data.name }) };
	},
	grant: async ({ locals, request, url }) => {
		requireStaff(locals, 'company_admin', url);
		const form = await request.formData();
		const read = parseForm(grantSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			grantMembership(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.company_granted({ username: read.data.username }) };
	},
	end: async ({ locals, request, url }) => {
		requireStaff(locals, 'company_admin', url);
		const read = parseForm(endSchema, await request.formData());
		if (!read.ok) return failForm(400, m.form_fix_errors(), { errors: read.errors });
		try {
			endMembership(getDb(), actorOf(locals), read.data.id);
		} catch (e) {
			return refusal(e);
		}
		return { ok: m.company_ended() };
	}
} satisfies Actions;
