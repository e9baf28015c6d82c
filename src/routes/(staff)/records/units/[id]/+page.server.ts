import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { addTie, createPerson, endTie, unitRecord, updateUnit } from '$lib/server/records';
import { endTieSchema, idParam, newTieSchema, unitSchema } from '$lib/server/records/forms';
import { refusal } from '$lib/server/refusal';
import { tx } from '$lib/server/db';
import { formatArea } from '$lib/domain/renovation-fees';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const unit = unitRecord(
		db,
		user.communityId,
		idParam(params.id),
		communityToday(community, new Date(nowMs()))
	);
	if (!unit) error(404, m.records_err_unit_not_found());
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
		today: communityToday(community, new Date(nowMs())),
		timeZone: community.timeZone,
		canEdit: roleAtLeast(user.role, 'manager'),
		done: url.searchParams.get('done')?.slice(0, 20) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	edit: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(unitSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const { area, ...rest } = parsed.data;
		try {
			updateUnit(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				idParam(params.id),
				{ ...rest, areaCenti: area },
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_unit_saved() };
	},
	addTie: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(newTieSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const { role, startDate, endDate, reason, ...person } = parsed.data;
		const db = getDb();
		const actor = { id: user.id, communityId: user.communityId };
		const now = nowMs();
		try {
			// The new person and their tie are one change: a refused tie leaves no orphan person.
			tx(db, () => {
				const personId = createPerson(db, actor, person, now);
				addTie(
					db,
					actor,
					{ unitId: idParam(params.id), personId, role, startDate, endDate, reason },
					now
				);
			});
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_tie_added() };
	},
	endTie: async ({ locals, request }) => {
		const user = requireStaff(locals, 'manager');
		const form = await request.formData();
		const parsed = parseForm(endTieSchema, form);
		if (!parsed.ok) return failForm(400, m.records_err_form(), parsed);
		const d = parsed.data;
		try {
			endTie(
				getDb(),
				{ id: user.id, communityId: user.communityId },
				d.tieId,
				d.endDate,
				d.endReason,
				d.reason,
				nowMs()
			);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { done: m.records_tie_ended() };
	}
} satisfies Actions;
