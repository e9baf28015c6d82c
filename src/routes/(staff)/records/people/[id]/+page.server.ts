import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
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
import { change } from '../../change';
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
	// A clerk may correct a phone with the owner present (recorded): the rest is a manager's.
	phone: (event) =>
		change(
			event,
			phoneSchema,
			(actor, d) =>
				correctPhone(getDb(), actor, idParam(event.params.id), d.phone, d.reason, nowMs()),
			m.records_phone_saved(),
			'clerk'
		),
	edit: (event) =>
		change(
			event,
			personSchema,
			(actor, d) => updatePerson(getDb(), actor, idParam(event.params.id), d, nowMs()),
			m.records_person_saved()
		),
	addTie: (event) =>
		change(
			event,
			personTieSchema,
			(actor, { unitCode, ...tie }) => {
				const db = getDb();
				const unitId = unitIdByCodeIn(db, actor.communityId, unitCode);
				if (unitId === null) throw new RecordsError('unit_not_found', 'unitCode');
				addTie(db, actor, { ...tie, unitId, personId: idParam(event.params.id) }, nowMs());
			},
			m.records_tie_added()
		)
} satisfies Actions;
