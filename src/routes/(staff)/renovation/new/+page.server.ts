import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { createApplication, ownerOfUnit, todayOf, unitByCode } from '$lib/server/renovation';
import { applicationSchema, toApplicationInput } from '$lib/server/renovation/forms';
import { refusal } from '$lib/server/refusal';
import { formatArea } from '$lib/domain/renovation-fees';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const code = url.searchParams.get('unit')?.trim() ?? '';
	const unit = code ? unitByCode(db, user.communityId, code) : undefined;
	const owner = unit ? ownerOfUnit(db, unit.id) : undefined;
	return {
		idem: crypto.randomUUID(),
		today: todayOf(db, user.communityId, nowMs()),
		unit: unit
			? {
					code: unit.code,
					area: formatArea(unit.areaCenti),
					owner: owner?.name ?? '',
					phone: owner?.phone ?? ''
				}
			: null
	};
};

export const actions = {
	default: async ({ locals, request, url }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const parsed = parseForm(applicationSchema, form);
		if (!parsed.ok)
			return failForm(400, m.form_fix_errors(), { errors: parsed.errors, values: parsed.values });
		let id: number;
		try {
			id = createApplication(getDb(), actorOf(locals), toApplicationInput(parsed.data), nowMs()).id;
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		redirect(303, `/renovation/${id}?created=1`);
	}
} satisfies Actions;
