import { randomUUID } from 'node:crypto';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { listVisitors, recordLeaving, registerVisitor, visitorCounts } from '$lib/server/visitors';
import { leaveSchema, visitorSchema } from '$lib/server/visitors/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { visitorsContext } from './context';
import type { Actions, PageServerLoad } from './$types';

/** /visitors?view=inside|overdue|left|all&from=&to= — 访客登记. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, values, query } = visitorsContext(user.communityId, url);
	const fmt = (ms: number | null) =>
		ms === null ? null : formatDateTimeLocal(ms, community.timeZone);
	return {
		values,
		message: query.ok ? null : query.message,
		counts: visitorCounts(db, user.communityId, now),
		formKey: randomUUID(),
		rows: query.ok
			? listVisitors(db, user.communityId, query.filter, now).map(({ token: _, ...r }) => ({
					...r,
					in: fmt(r.inMs)!,
					left: fmt(r.leftMs)
				}))
			: []
	};
};

export const actions = {
	register: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(visitorSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		let done;
		try {
			done = registerVisitor(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return {
			ok: m.visitors_registered({ slipNo: done.slipNo }),
			repeat: done.earlierVisits > 0 ? m.visitors_repeat({ n: done.earlierVisits }) : null,
			slip: `/visitors/${done.id}/slip.pdf`
		};
	},
	leave: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(leaveSchema, form);
		if (!read.ok) return failForm(400, m.form_fix_errors(), { errors: read.errors });
		try {
			const v = recordLeaving(getDb(), actorOf(locals), { id: read.data.id });
			return { ok: m.visitors_left_ok({ name: v.name }) };
		} catch (e) {
			return refusal(e);
		}
	}
} satisfies Actions;
