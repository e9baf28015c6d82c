import { randomUUID } from 'node:crypto';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { photosFromForm } from '$lib/server/uploads/photos';
import {
	authoriseParcels,
	handOverParcel,
	intakeParcel,
	listParcels,
	parcelCounts,
	standingAuthorisations,
	withdrawAuthorisation
} from '$lib/server/parcels';
import {
	authorisationSchema,
	handoverSchema,
	intakeSchema,
	withdrawSchema
} from '$lib/server/parcels/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { parcelsContext } from './context';
import type { Actions, PageServerLoad } from './$types';

/** /parcels?view=waiting|overdue|collected|all&unit=&from=&to= — 快递代收. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, today, values, query } = parcelsContext(user.communityId, url);
	const fmt = (ms: number | null) =>
		ms === null ? null : formatDateTimeLocal(ms, community.timeZone);
	return {
		values,
		today,
		message: query.ok ? null : query.message,
		counts: parcelCounts(db, user.communityId, now),
		intakeKey: randomUUID(),
		authKey: randomUUID(),
		authorisations: standingAuthorisations(db, user.communityId).map((a) => ({
			...a,
			recorded: fmt(a.recordedMs)!
		})),
		rows: query.ok
			? listParcels(db, user.communityId, query.filter, now).map((r) => ({
					...r,
					received: fmt(r.receivedMs)!,
					called: fmt(r.calledMs),
					collected: fmt(r.collectedMs)
				}))
			: []
	};
};

export const actions = {
	intake: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const form = await request.formData();
		const values = formValues(form);
		const read = parseForm(intakeSchema(getCommunity(db, user.communityId).timeZone), form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { calledPhone, calledAt, answeredBy, ...input } = read.data;
		const asked = calledPhone !== '' || calledAt !== null || answeredBy !== '';
		try {
			intakeParcel(db, actorOf(locals), {
				...input,
				phone: asked ? { phone: calledPhone, calledMs: calledAt, answeredBy } : null,
				photos: await photosFromForm(form, 'photo')
			});
		} catch (e) {
			return refusal(e, { values });
		}
		return { ok: m.parcels_received({ unit: input.unit, slot: input.slot }) };
	},
	handover: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(handoverSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			handOverParcel(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return {
			ok: m.parcels_handed_over({ collector: read.data.collector }),
			slip: read.data.id
		};
	},
	authorise: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(authorisationSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			authoriseParcels(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.parcels_authorised({ unit: read.data.unit }) };
	},
	withdraw: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(withdrawSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const db = getDb();
		const unit =
			standingAuthorisations(db, user.communityId).find((a) => a.id === read.data.id)?.unitCode ??
			'';
		try {
			withdrawAuthorisation(db, actorOf(locals), read.data.id, read.data.reason);
		} catch (e) {
			return refusal(e);
		}
		return { ok: m.parcels_withdrawn({ unit }) };
	}
} satisfies Actions;
