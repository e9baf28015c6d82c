import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm } from '$lib/server/forms';
import { unitAccount, unitIdByCode } from '$lib/server/fees';
import { WaiverError, createWaiverRequest, unitHistory, waiverCandidates } from '$lib/server/waivers';
import { waiverRefusal } from '$lib/server/waivers/messages';
import { APPLICANT_MAX, MAX_BILLS, PHONE_MAX, REASON_MAX } from '$lib/domain/waiver';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Room codes typed with a Chinese IME (full-width digits and dashes) or with spaces. */
function normaliseCode(raw: string | null): string {
	return String(raw ?? '')
		.normalize('NFKC')
		.replace(/[－—–\s/]+/g, (c) => (/\s/.test(c) ? '' : '-'))
		.trim()
		.slice(0, 20);
}

/** /waivers/new?unit=2-2-702 — the counter files a late-fee waiver request for a unit. */
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

const ID = /^\d{1,12}$/;
const text = (form: FormData, name: string, max: number) => {
	const v = form.get(name);
	return typeof v === 'string' ? v.slice(0, max) : '';
};

export const actions = {
	file: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const bills = form.getAll('bill').map(String).slice(0, MAX_BILLS + 1);
		const values = {
			unit: normaliseCode(text(form, 'unit', 40)),
			bill: bills.join(',').slice(0, 2000),
			reason: text(form, 'reason', REASON_MAX + 200),
			applicant: text(form, 'applicant', APPLICANT_MAX + 50),
			phone: text(form, 'phone', PHONE_MAX + 50),
			key: text(form, 'key', 200)
		};
		const db = getDb();
		const unitId = values.unit ? unitIdByCode(db, user.communityId, values.unit) : null;
		if (!unitId) return failForm(404, m.waivers_unit_not_found({ code: values.unit }), { values });
		if (!bills.every((b) => ID.test(b))) return failForm(400, m.waivers_error_bill_not_found(), { values });
		let filed;
		try {
			filed = createWaiverRequest(db, {
				communityId: user.communityId,
				unitId,
				billIds: bills.map(Number),
				reason: values.reason,
				applicantName: values.applicant,
				applicantPhone: values.phone,
				clerkId: user.id,
				idempotencyKey: values.key,
				now: nowMs()
			});
		} catch (e) {
			if (!(e instanceof WaiverError)) throw e;
			const { message, errors } = waiverRefusal(e, 'file');
			const status = e.code === 'pending_request' || e.code === 'already_decided' || e.code === 'idempotency_conflict' ? 409 : e.code === 'bill_not_found' || e.code === 'not_found' ? 404 : 400;
			return failForm(status, message, { errors, values });
		}
		redirect(303, `/waivers/${filed.id}?filed=1`);
	}
} satisfies Actions;
