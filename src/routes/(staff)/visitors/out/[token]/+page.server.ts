import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { deskContext } from '$lib/server/list-query';
import { refusal } from '$lib/server/refusal';
import { findVisitor, recordLeaving } from '$lib/server/visitors';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

// The slip's token: 16 random bytes as base64url (anything else is not a slip).
const TOKEN = /^[\w-]{22}$/;

/** /visitors/out/<token> — what the guard's scan of a visitor slip opens: who, and 登记离开. */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now } = deskContext(user.communityId);
	const v = TOKEN.test(params.token)
		? findVisitor(db, user.communityId, { token: params.token }, now)
		: null;
	if (!v) error(404, m.visitors_not_found());
	const fmt = (ms: number | null) =>
		ms === null ? null : formatDateTimeLocal(ms, community.timeZone);
	const { token: _, ...visitor } = v;
	return {
		visitor: {
			...visitor,
			in: fmt(v.inMs)!,
			validUntil: fmt(v.validUntilMs)!,
			left: fmt(v.leftMs)
		}
	};
};

export const actions = {
	leave: async ({ locals, url, params }) => {
		requireStaff(locals, 'clerk', url);
		if (!TOKEN.test(params.token)) error(404, m.visitors_not_found());
		try {
			const v = recordLeaving(getDb(), actorOf(locals), { token: params.token });
			return { ok: m.visitors_left_ok({ name: v.name }) };
		} catch (e) {
			return refusal(e);
		}
	}
} satisfies Actions;
