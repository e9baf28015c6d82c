import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { listDirectory, savePerson, setPresence } from '$lib/server/directory';
import { personSchema, presenceSchema } from '$lib/server/directory/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { presenceLabel } from '$lib/directory-labels';
import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** /directory — the centre's people and where they are (去向); managers add and edit people. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const c = getCommunity(db, user.communityId);
	const now = nowMs();
	const fmt = (ms: number | null) => (ms === null ? null : formatDateTimeLocal(ms, c.timeZone));
	return {
		canEdit: roleAtLeast(user.role, 'manager'),
		people: listDirectory(db, user.communityId, now).map((p) => ({
			...p,
			until: fmt(p.untilMs),
			changedAt: fmt(p.changedAt)
		}))
	};
};

export const actions = {
	/** 去向: anyone at the counter may say where a colleague is. */
	presence: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const form = await request.formData();
		const read = parseForm(presenceSchema(getCommunity(db, user.communityId).timeZone), form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { id, until, ...rest } = read.data;
		const change = { ...rest, untilMs: until };
		try {
			setPresence(db, actorOf(locals), id, change);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		const name = String(form.get('name') ?? '');
		return { ok: m.directory_presence_saved({ name, status: presenceLabel(change.status) }) };
	},
	/** Adds a person (no id) or edits one: managers only. */
	save: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		if (!roleAtLeast(user.role, 'manager')) error(403, 'forbidden');
		const form = await request.formData();
		const read = parseForm(personSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { id, ...input } = read.data;
		try {
			savePerson(getDb(), actorOf(locals), id, input);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.directory_saved({ name: input.name }) };
	}
} satisfies Actions;
