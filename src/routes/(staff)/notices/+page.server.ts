import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { noticeHistory, postNotice, withdrawNotice } from '$lib/server/notices';
import { toLocalInput } from '$lib/server/notices/forms';
import { refusal } from '$lib/server/refusal';
import { idSchema } from '$lib/server/notices/forms';
import { m } from '$lib/paraglide/messages.js';
import { readNoticeForm } from './form';
import type { Actions, PageServerLoad } from './$types';

/** /notices — the counter's notice board: post a notice, see every notice and where it stands. */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const now = nowMs();
	const tz = getCommunity(db, user.communityId).timeZone;
	return {
		timeZone: tz,
		notices: noticeHistory(db, user.communityId, now),
		// A new notice starts now and runs a day unless changed.
		defaults: { startsAt: toLocalInput(now, tz), endsAt: toLocalInput(now + 86_400_000, tz) },
		idem: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	post: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const r = await readNoticeForm(request, user.communityId);
		if (!r.ok) return r.failure;
		try {
			postNotice(getDb(), actorOf(locals), r.input, nowMs());
		} catch (e) {
			return refusal(e, { values: r.values });
		}
		return { posted: true };
	},
	withdraw: async ({ locals, request, url }) => {
		requireStaff(locals, 'clerk', url);
		const parsed = parseForm(idSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.notices_err_not_found(), parsed);
		try {
			withdrawNotice(getDb(), actorOf(locals), parsed.data.id, nowMs());
		} catch (e) {
			return refusal(e);
		}
		return { withdrawn: true };
	}
} satisfies Actions;
