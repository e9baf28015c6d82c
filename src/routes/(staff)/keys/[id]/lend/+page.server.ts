import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { activeStaff, lendKey, unitHolders } from '$lib/server/keys';
import {
	explainLoan,
	keyIdParam,
	lendSchema,
	parseLocalDateTime,
	toLocalInput
} from '$lib/server/keys/forms';
import { defaultExpectedReturn } from '$lib/domain/keys';
import { keyPage } from '../key-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, params }) => {
	const { user, db, now, key, community } = keyPage(locals, url, params.id);
	const holders = key.unitId ? unitHolders(db, key.unitId) : [];
	return {
		key: {
			id: key.id,
			tagNo: key.tagNo,
			kind: key.kind,
			opens: key.opens,
			slot: key.slot,
			state: key.state
		},
		// Names and roles only: the clerk checks the borrower's ID against the file, the server matches it.
		holders: holders.map((h) => ({ name: h.name, role: h.role })),
		staff: activeStaff(db, user.communityId),
		defaults: {
			consentPhone: holders.find((h) => h.role === 'owner')?.phone ?? '',
			consentAt: toLocalInput(now, community.timeZone),
			consentBy: String(user.id),
			expectedReturnAt: toLocalInput(
				defaultExpectedReturn(now, community.settings.keys.loanHours),
				community.timeZone
			)
		},
		token: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, params }) => {
		const user = requireStaff(locals, 'clerk');
		const db = getDb();
		const now = nowMs();
		const tz = getCommunity(db, user.communityId).timeZone;
		const form = await request.formData();
		const parsed = parseForm(lendSchema, form);
		if (!parsed.ok) return failForm(400, m.keys_err_form(), parsed);
		const d = parsed.data;
		// A call is recorded when a number or an answer was entered; its time defaults to now.
		const called = d.consentPhone !== '' || d.consentAnswer !== '';
		const result = lendKey(
			db,
			actorOf(locals),
			keyIdParam(params.id),
			{
				borrowerName: d.borrowerName,
				borrowerIdType: d.borrowerIdType,
				borrowerIdNumber: d.borrowerIdNumber,
				borrowerPhone: d.borrowerPhone,
				borrowerCompany: d.borrowerCompany,
				borrowerRelation: d.borrowerRelation,
				purpose: d.purpose,
				purposeNote: d.purposeNote,
				consent: called
					? {
							phone: d.consentPhone,
							atMs: d.consentAt ? parseLocalDateTime(d.consentAt, tz) : now,
							byStaffId: d.consentBy ?? user.id,
							answer: d.consentAnswer || null
						}
					: null,
				escortStaffId: d.escortStaffId,
				collateral:
					d.collateralIdType && d.collateralIdNumber
						? { idType: d.collateralIdType, idNumber: d.collateralIdNumber }
						: null,
				expectedReturnAt: parseLocalDateTime(d.expectedReturnAt, tz),
				idempotencyKey: d.token
			},
			now
		);
		if (!result.ok) {
			const e = explainLoan(result.errors);
			const conflict = result.errors.some(
				(x) => x === 'key_lent' || x === 'key_lost' || x === 'key_returned_to_owner'
			);
			return failForm(conflict ? 409 : 400, e.message, {
				errors: e.errors,
				values: formValues(form)
			});
		}
		redirect(303, `/keys/${params.id}?done=lent`);
	}
} satisfies Actions;
