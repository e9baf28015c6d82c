import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { communityToday } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { changeDisposition, keyAuditTrail, keyLoansOf, updateKey } from '$lib/server/keys';
import {
	dispositionSchema,
	editSchema,
	explainDisposition,
	explainRegister,
	keyIdParam
} from '$lib/server/keys/forms';
import { keyPage } from './key-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const { user, db, now, id, key, community } = keyPage(locals, url, params.id);
	return {
		key,
		loans: keyLoansOf(db, user.communityId, id, now),
		audit: keyAuditTrail(db, user.communityId, id),
		timeZone: community.timeZone,
		today: communityToday(community, new Date(now)),
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

export const actions = {
	update: async ({ locals, request, params }) => {
		requireStaff(locals, 'clerk');
		const form = await request.formData();
		const parsed = parseForm(editSchema, form);
		if (!parsed.ok)
			return failForm(400, m.keys_err_form(), {
				...parsed,
				values: { ...parsed.values, _form: 'update' }
			});
		const r = updateKey(getDb(), actorOf(locals), keyIdParam(params.id), parsed.data, nowMs());
		if (!r.ok)
			return failForm(400, m.keys_err_form(), {
				...explainRegister(r.errors),
				values: { ...formValues(form), _form: 'update' }
			});
		return { ok: true, notice: m.keys_updated() };
	},
	disposition: async ({ locals, request, params }) => {
		requireStaff(locals, 'clerk');
		const form = await request.formData();
		const parsed = parseForm(dispositionSchema, form);
		if (!parsed.ok)
			return failForm(400, m.keys_err_form(), {
				...parsed,
				values: { ...parsed.values, _form: 'disposition' }
			});
		const r = changeDisposition(
			getDb(),
			actorOf(locals),
			keyIdParam(params.id),
			parsed.data,
			nowMs()
		);
		if (!r.ok) {
			const e = explainDisposition(r.errors);
			return failForm(r.errors.includes('key_lent') ? 409 : 400, e.message, {
				errors: e.errors,
				values: { ...formValues(form), _form: 'disposition' }
			});
		}
		return { ok: true, notice: m.keys_disposition_done() };
	}
} satisfies Actions;
