import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { parseForm } from '$lib/server/forms';
import { noticeById, reviseNotice } from '$lib/server/notices';
import { idSchema, toLocalInput } from '$lib/server/notices/forms';
import { refusal } from '$lib/server/refusal';
import { readNoticeForm } from '../form';
import type { Actions, PageServerLoad } from './$types';

function noticeId(params: { id: string }): number {
	const p = parseForm(idSchema, { id: params.id });
	if (!p.ok) error(404, 'not_found');
	return p.data.id;
}

/** /notices/[id] — edit a notice: saved as a new version. */
export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const n = noticeById(db, user.communityId, noticeId(params), nowMs());
	if (!n || n.status === 'withdrawn') error(404, 'not_found');
	const tz = getCommunity(db, user.communityId).timeZone;
	return {
		notice: n,
		values: {
			title: n.title,
			body: n.body,
			startsAt: toLocalInput(n.startsAt, tz),
			endsAt: toLocalInput(n.endsAt, tz),
			urgent: n.urgent ? 'on' : '',
			keepImage: 'on'
		},
		idem: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url, params }) => {
		const user = requireStaff(locals, 'clerk', url);
		const id = noticeId(params);
		const r = await readNoticeForm(request, user.communityId);
		if (!r.ok) return r.failure;
		let version: number;
		try {
			version = reviseNotice(getDb(), actorOf(locals), id, r.input, nowMs()).version;
		} catch (e) {
			return refusal(e, { values: r.values });
		}
		redirect(303, `/notices?revised=${version}`);
	}
} satisfies Actions;
