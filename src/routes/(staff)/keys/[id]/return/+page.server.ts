import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { activeStaff, returnKey } from '$lib/server/keys';
import {
	explainReturn,
	keyIdParam,
	parseLocalDateTime,
	returnSchema,
	toLocalInput
} from '$lib/server/keys/forms';
import { keyPage } from '../key-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const { user, db, now, key, community } = keyPage(locals, url, params.id);
	const l = key.openLoan;
	return {
		key: { id: key.id, tagNo: key.tagNo, opens: key.opens, slot: key.slot, state: key.state },
		loan: l && {
			borrowerName: l.borrowerName,
			borrowerPhone: l.borrowerPhone,
			lentAt: l.lentAt,
			expectedReturnAt: l.expectedReturnAt,
			overdue: l.overdue,
			escort: l.escort,
			collateralIdType: l.collateralIdType,
			collateralIdNumber: l.collateralIdNumber
		},
		staff: activeStaff(db, user.communityId),
		timeZone: community.timeZone,
		defaults: { returnedAt: toLocalInput(now, community.timeZone), receivedBy: String(user.id) },
		token: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'clerk');
		const db = getDb();
		const form = await request.formData();
		const parsed = parseForm(returnSchema, form);
		if (!parsed.ok) return failForm(400, m.keys_err_form(), parsed);
		const d = parsed.data;
		const tz = getCommunity(db, user.communityId).timeZone;
		const result = returnKey(
			db,
			actorOf(locals),
			keyIdParam(params.id),
			{
				returnedAt: parseLocalDateTime(d.returnedAt, tz),
				receivedBy: d.receivedBy ?? user.id,
				lost: d.lost,
				slotConfirmed: d.slotConfirmed,
				collateralReturned: d.collateralReturned,
				note: d.note,
				idempotencyKey: d.token
			},
			nowMs()
		);
		if (!result.ok) {
			const e = explainReturn(result.errors);
			return failForm(result.errors.includes('key_not_lent') ? 409 : 400, e.message, {
				errors: e.errors,
				values: formValues(form)
			});
		}
		redirect(303, `/keys/${params.id}?done=${d.lost ? 'lost' : 'returned'}`);
	}
} satisfies Actions;
