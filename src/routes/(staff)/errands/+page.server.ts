import { randomUUID } from 'node:crypto';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { closeErrand, createErrand, errandCounts, listErrands } from '$lib/server/errands';
import { closeSchema, errandSchema } from '$lib/server/errands/forms';
import { ERRAND_KINDS, defaultDueMs } from '$lib/domain/errands';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { errandsContext } from './context';
import type { Actions, PageServerLoad } from './$types';

/** "2026-11-23T11:00" for a datetime-local field, in the community's zone. */
const fieldTime = (ms: number, tz: string) => formatDateTimeLocal(ms, tz).replace(' ', 'T');

/** /errands?view=open|overdue|closed|all&kind=&from=&to= — 代办、留言转告、回电. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, values, query } = errandsContext(user.communityId, url);
	const tz = community.timeZone;
	const fmt = (ms: number | null) => (ms === null ? null : formatDateTimeLocal(ms, tz));
	return {
		values,
		message: query.ok ? null : query.message,
		counts: errandCounts(db, user.communityId, now),
		formKey: randomUUID(),
		dueDefaults: Object.fromEntries(
			ERRAND_KINDS.map((k) => [k, fieldTime(defaultDueMs(k, now), tz)])
		),
		minDue: fieldTime(now, tz),
		rows: query.ok
			? listErrands(db, user.communityId, query.filter, now).map((r) => ({
					...r,
					due: fmt(r.dueMs)!,
					taken: fmt(r.takenMs)!,
					closed: fmt(r.closedMs)
				}))
			: []
	};
};

export const actions = {
	create: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const form = await request.formData();
		const read = parseForm(errandSchema(getCommunity(db, user.communityId).timeZone), form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { due, ...input } = read.data;
		try {
			createErrand(db, actorOf(locals), { ...input, dueMs: due });
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.errands_created({ recipient: input.recipient }) };
	},
	close: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(closeSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			closeErrand(getDb(), actorOf(locals), read.data.id, read.data.outcome, read.data.note);
		} catch (e) {
			return refusal(e);
		}
		return {
			ok: read.data.outcome === 'done' ? m.errands_closed_done() : m.errands_closed_failed()
		};
	}
} satisfies Actions;
