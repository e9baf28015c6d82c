import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failForm, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { homeFor, safeNext } from '$lib/server/auth/home';
import { choicesOf, switchCommunity } from '$lib/server/company/memberships';
import { switchSchema } from '$lib/server/company/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * /account/community — which community the session works in. The header's switcher posts here;
 * the page itself lists the choices (without scripts, or from a bookmark).
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	return { user, choices: choicesOf(getDb(), user) };
};

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const read = parseForm(switchSchema, await request.formData());
		if (!read.ok) return failForm(400, m.form_fix_errors(), { errors: read.errors });
		const db = getDb();
		try {
			switchCommunity(db, user, locals.sessionId ?? '', read.data.communityId);
		} catch (e) {
			return refusal(e);
		}
		// The role may differ in the new community: without a page to go to, its home.
		const role = choicesOf(db, user).find((c) => c.id === read.data.communityId)?.role;
		redirect(303, safeNext(read.data.next) ?? homeFor(role ?? user.role));
	}
} satisfies Actions;
