import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { createPaidService, listPaidServices, updatePaidService } from '$lib/server/charges';
import { paidServiceSchema } from '$lib/server/charges/forms';
import { refusal } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	return { services: listPaidServices(getDb(), user.communityId) };
}) satisfies PageServerLoad;

export const actions = {
	/** Adds a line (no id) or edits one (id). */
	save: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const read = parseForm(paidServiceSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { id, price, ...d } = read.data;
		const input = { ...d, nameEn: d.nameEn, priceFen: price };
		try {
			if (id === null) createPaidService(getDb(), user, input);
			else updatePaidService(getDb(), user, id, input);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.charges_service_saved({ name: d.nameZh }) };
	}
} satisfies Actions;
