import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb, tx } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import {
	addTie,
	createPerson,
	endTie,
	listPeople,
	unitRecord,
	updateUnit
} from '$lib/server/records';
import {
	endTieSchema,
	existingTieSchema,
	idParam,
	newTieSchema,
	tieSearchSchema,
	unitSchema
} from '$lib/server/records/forms';
import { formatArea } from '$lib/domain/renovation-fees';
import { change } from '../../change';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community, new Date(nowMs()));
	const unit = unitRecord(db, user.communityId, idParam(params.id), today);
	if (!unit) error(404, m.records_err_unit_not_found());
	const canEdit = roleAtLeast(user.role, 'manager');
	// A person already on record, to tie to this unit: found by name, phone or the ID's last digits.
	const { who } = tieSearchSchema.parse(Object.fromEntries(url.searchParams));
	return {
		unit,
		initial: {
			building: unit.building,
			entrance: unit.entrance,
			room: unit.room,
			area: formatArea(unit.areaCenti),
			use: unit.use,
			occupancy: unit.occupancy,
			handoverNoticeDate: unit.handoverNoticeDate ?? '',
			moveInDate: unit.moveInDate ?? ''
		},
		who,
		matches: canEdit && who ? listPeople(db, user.communityId, who, today).slice(0, 20) : [],
		today,
		timeZone: community.timeZone,
		canEdit,
		done: url.searchParams.get('done')?.slice(0, 20) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	edit: (event) =>
		change(
			event,
			unitSchema,
			(actor, { area, ...rest }) =>
				updateUnit(getDb(), actor, idParam(event.params.id), { ...rest, areaCenti: area }, nowMs()),
			m.records_unit_saved()
		),
	addTie: (event) =>
		change(
			event,
			newTieSchema,
			(actor, { role, startDate, endDate, reason, ...person }) => {
				const db = getDb();
				const now = nowMs();
				// The new person and their tie are one change: a refused tie leaves no orphan person.
				tx(db, () => {
					const personId = createPerson(db, actor, person, now);
					addTie(
						db,
						actor,
						{ unitId: idParam(event.params.id), personId, role, startDate, endDate, reason },
						now
					);
				});
			},
			m.records_tie_added()
		),
	tieExisting: (event) =>
		change(
			event,
			existingTieSchema,
			(actor, tie) => addTie(getDb(), actor, { ...tie, unitId: idParam(event.params.id) }, nowMs()),
			m.records_tie_added()
		),
	endTie: (event) =>
		change(
			event,
			endTieSchema,
			(actor, d) => endTie(getDb(), actor, d.tieId, d.endDate, d.endReason, d.reason, nowMs()),
			m.records_tie_ended()
		)
} satisfies Actions;
