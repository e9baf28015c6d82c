import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import {
	addVehicle,
	assignSpace,
	createSpace,
	endHolding,
	endVehicle,
	listSpaces,
	listVehicles
} from '$lib/server/records';
import { assignSchema, endRowSchema, spaceSchema, vehicleSchema } from '$lib/server/records/forms';
import { change } from '../change';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	return {
		spaces: listSpaces(db, user.communityId, today),
		vehicles: listVehicles(db, user.communityId),
		today,
		canEdit: roleAtLeast(user.role, 'manager')
	};
}) satisfies PageServerLoad;

export const actions = {
	createSpace: (event) =>
		change(
			event,
			spaceSchema,
			(actor, d) =>
				createSpace(getDb(), actor, { code: d.code, areaCenti: d.area, kind: d.kind }, nowMs()),
			m.records_space_created()
		),
	assign: (event) =>
		change(
			event,
			assignSchema,
			(actor, d) => assignSpace(getDb(), actor, d, nowMs()),
			m.records_space_assigned()
		),
	endHolding: (event) =>
		change(
			event,
			endRowSchema,
			(actor, d) => endHolding(getDb(), actor, d.id, d.endDate, d.reason, nowMs()),
			m.records_space_released()
		),
	addVehicle: (event) =>
		change(
			event,
			vehicleSchema,
			(actor, d) => addVehicle(getDb(), actor, d, nowMs()),
			m.records_vehicle_added()
		),
	endVehicle: (event) =>
		change(
			event,
			endRowSchema,
			(actor, d) => endVehicle(getDb(), actor, d.id, d.endDate, d.reason, nowMs()),
			m.records_vehicle_ended()
		)
} satisfies Actions;
