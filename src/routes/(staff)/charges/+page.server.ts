import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { unitIdByCode, unitAccount } from '$lib/server/fees';
import {
	chargeOptions,
	chargesOfUnit,
	raiseCharge,
	reviewCharge,
	type ChargeInput
} from '$lib/server/charges';
import { chargeSchema, type ChargeForm } from '$lib/server/charges/forms';
import { refusal } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId));
	const code = (url.searchParams.get('unit') ?? '').trim().slice(0, 30);
	const unitId = code ? unitIdByCode(db, user.communityId, code) : null;
	const account = unitId ? unitAccount(db, user.communityId, unitId, today) : null;
	return {
		unitCode: code,
		unit: account
			? { code: account.unit.code, owners: account.owners.map((o) => o.name).join('、') }
			: null,
		unknownUnit: !!code && !unitId,
		options: chargeOptions(db, user.communityId, today.slice(0, 7)),
		recent: unitId ? chargesOfUnit(db, user.communityId, unitId) : [],
		// One key per rendering of the form: a double submit raises one charge.
		key: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

/** The form as the area's input, or the refusal (an unknown unit is a field error). */
async function read(request: Request, communityId: number, actorId: number, confirmed: boolean) {
	const form = await request.formData();
	const parsed = parseForm(chargeSchema(confirmed), form);
	if (!parsed.ok)
		return {
			fail: failForm(400, m.form_fix_errors(), { errors: parsed.errors, values: parsed.values })
		};
	const d: ChargeForm = parsed.data;
	const unitId = unitIdByCode(getDb(), communityId, d.unit);
	if (!unitId) {
		const message = m.charges_unknown_unit_code({ code: d.unit });
		return {
			fail: failForm(400, message, { errors: { unit: message }, values: formValues(form) })
		};
	}
	const input: ChargeInput = {
		communityId,
		unitId,
		choice: d.choice,
		quantity: d.quantity,
		unitPriceFen: d.price,
		note: d.note,
		actorId,
		idempotencyKey: d.key,
		now: nowMs(),
		expectedAmountFen: d.expected
	};
	return { input, values: formValues(form) };
}

export const actions = {
	/** Step 1: the figures the charge will have, for the clerk to confirm (nothing is written). */
	review: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const r = await read(request, user.communityId, user.id, false);
		if ('fail' in r) return r.fail;
		try {
			const plan = reviewCharge(getDb(), r.input);
			return { review: { ...plan, note: r.input.note }, values: r.values };
		} catch (e) {
			return refusal(e, { values: r.values });
		}
	},
	/** Step 2: writes the charge as a bill, then on to the counter fee page to take payment. */
	raise: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const r = await read(request, user.communityId, user.id, true);
		if ('fail' in r) return r.fail;
		let code: string;
		try {
			raiseCharge(getDb(), r.input);
			code = r.values.unit.trim();
		} catch (e) {
			return refusal(e, { values: r.values });
		}
		redirect(303, `/fees/${encodeURIComponent(code)}?charged=1`);
	}
} satisfies Actions;
