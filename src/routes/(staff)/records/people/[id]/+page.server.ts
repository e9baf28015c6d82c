import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import {
	RecordsError,
	addTie,
	correctPhone,
	personForEdit,
	personRecord,
	unitIdByCodeIn,
	updatePerson
} from '$lib/server/records';
import { idParam, personSchema, personTieSchema, phoneSchema } from '$lib/server/records/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community, new Date(nowMs()));
	const id = idParam(params.id);
	const person = personRecord(db, user.communityId, id, today);
	if (!person) error(404, m.records_err_person_not_found());
	const canEdit = roleAtLeast(user.role, 'manager');
	// The ID number as entered goes to the page only inside a manager's edit form.
	return {
		person,
		edit: canEdit ? personForEdit(db, user.communityId, id)! : null,
		canEdit,
		today,
		timeZone: community.timeZone,
		done: url.searchParams.get('done')?.slice(0, 20) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	phone: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'clerk');
		const form = await request.formData();
		const parsed = parseForm(phoneSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		try {
			correctPhone(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				idParam(params.id),
				parsed.data.phone,
				parsed.data.reason,
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_phone_saved() };
	},
	edit: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(personSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		try {
			updatePerson(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				idParam(params.id),
				parsed.data,
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_person_saved() };
	},
	addTie: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(personTieSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const { unitCode, ...tie } = parsed.data;
		const db = getDb();
		try {
			const unitId = unitIdByCodeIn(db, user.communityId, unitCode);
			if (unitId === null) throw new RecordsError('unit_not_found', 'unitCode');
			addTie(
				db,
				{ id: user.id, communityId: user.communityId },
				{ ...tie, unitId, personId: idParam(params.id) },
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_tie_added() };
	}
} satisfies Actions;
