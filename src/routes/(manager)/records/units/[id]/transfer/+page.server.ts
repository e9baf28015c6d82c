import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import {
	reviewTransfer,
	transferOwnership,
	unitRecord,
	type TransferInput
} from '$lib/server/records';
import { idParam, transferSchema } from '$lib/server/records/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const unit = unitRecord(db, user.communityId, idParam(params.id), today);
	if (!unit) error(404, m.records_err_unit_not_found());
	return {
		unit: { id: unit.id, code: unit.code },
		current: unit.ties.filter((t) => t.current),
		today
	};
}) satisfies PageServerLoad;

/** Parses the form into the transfer's input, or the failure answer. */
async function parseTransfer({ locals, request, params }: RequestEvent) {
	const user = requireStaff(locals, 'manager');
	const form = await request.formData();
	const parsed = parseForm(transferSchema, form);
	if (!parsed.ok) return { failure: failForm(400, m.records_err_form(), parsed) } as const;
	const d = parsed.data;
	const input: TransferInput = {
		unitId: idParam(params.id),
		date: d.date,
		newOwnerId: d.newOwnerId,
		newPerson: d.newPerson,
		endHousehold: d.endHousehold,
		reason: d.reason
	};
	return { actor: { id: user.id, communityId: user.communityId }, input, values: formValues(form) };
}

export const actions = {
	/** Checked on the server exactly as the transfer is, then confirmed with what it would end. */
	review: async (event) => {
		const p = await parseTransfer(event);
		if ('failure' in p) return p.failure;
		try {
			return { review: reviewTransfer(getDb(), p.actor, p.input, nowMs()), values: p.values };
		} catch (e) {
			return refusal(e, { values: p.values });
		}
	},
	transfer: async (event) => {
		const p = await parseTransfer(event);
		if ('failure' in p) return p.failure;
		try {
			transferOwnership(getDb(), p.actor, p.input, nowMs());
		} catch (e) {
			return refusal(e, { values: p.values });
		}
		redirect(303, `/records/units/${p.input.unitId}?done=transferred`);
	}
} satisfies Actions;
