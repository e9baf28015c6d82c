import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { normaliseCode, waiverFileSchema } from '$lib/server/waivers/forms';
import { unitAccount, unitIdByCode } from '$lib/server/fees';
import { createWaiverRequest, unitHistory, waiverCandidates } from '$lib/server/waivers';
import { refusal } from '$lib/server/refusal';
import { APPLICANT_MAX, PHONE_MAX, REASON_MAX } from '$lib/domain/waiver';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const code = normaliseCode(url.searchParams.get('unit'));
	const limits = { reasonMax: REASON_MAX, applicantMax: APPLICANT_MAX, phoneMax: PHONE_MAX };
	if (!code) return { code, found: null, ...limits };
	const db = getDb();
	const unitId = unitIdByCode(db, user.communityId, code);
	if (!unitId) return { code, found: null, notFound: true, ...limits };
	const today = communityToday(getCommunity(db, user.communityId));
	const account = unitAccount(db, user.communityId, unitId, today)!;
	const history = unitHistory(db, user.communityId, unitId);
	return {
		code,
		found: {
			unit: account.unit,
			owners: account.owners,
			today,
			candidates: waiverCandidates(db, user.communityId, unitId, today),
			history: history.requests,
			summary: history.summary,
			// One key per rendering of the form: a double submit files once.
			key: crypto.randomUUID()
		},
		...limits
	};
};

export const actions = {
	file: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(waiverFileSchema, form);
		const raw = read.ok ? formValues(form) : read.values;
		const values = { ...raw, unit: normaliseCode(raw.unit ?? null) };
		const db = getDb();
		const unitId = values.unit ? unitIdByCode(db, user.communityId, values.unit) : null;
		if (!unitId) return failForm(404, m.waivers_unit_not_found({ code: values.unit }), { values });
		// Only the bill ids can be refused here: the texts are the server module's to judge.
		if (!read.ok) return failForm(400, m.waivers_error_bill_not_found(), { values });
		const input = read.data;
		let filed;
		try {
			filed = createWaiverRequest(db, {
				communityId: user.communityId,
				unitId,
				billIds: input.bill,
				reason: input.reason,
				applicantName: input.applicant,
				applicantPhone: input.phone,
				clerkId: user.id,
				idempotencyKey: input.key,
				now: nowMs()
			});
		} catch (e) {
			return refusal(e, { step: 'file', values });
		}
		redirect(303, `/waivers/${filed.id}?filed=1`);
	}
} satisfies Actions;
