import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues } from '$lib/server/forms';
import { parseMethodFields } from '$lib/server/ledger/method-form';
import { addDays } from '$lib/dates';
import { findRenovation, issuePasses, passApplication, todayOf } from '$lib/server/renovation';
import { parseWorkers } from '$lib/server/renovation/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

/** Worker passes for workers who come after the fees were paid: found by application number or room. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const today = todayOf(db, user.communityId, nowMs());
	const ref = (url.searchParams.get('ref') ?? '').trim().slice(0, 30);
	const app = ref ? passApplication(db, user.communityId, ref) : undefined;
	return {
		idem: crypto.randomUUID(),
		today,
		ref,
		notFound: ref !== '' && !app,
		app: app ?? null,
		fees: getCommunity(db, user.communityId).settings.renovation,
		defaultEnd: app ? app.permitEnd : addDays(today, 30)
	};
};

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const db = getDb();
		const ref = String(form.get('ref') ?? '').trim();
		const values = formValues(form);
		const r = ref ? findRenovation(db, user.communityId, ref) : undefined;
		if (!r)
			return failForm(404, m.renovation_err_unknown_application({ ref }), {
				errors: { ref: m.renovation_err_unknown_application({ ref }) },
				values
			});
		const errors: Record<string, string> = {};
		const method = parseMethodFields(form);
		if (!method.ok) Object.assign(errors, method.errors);
		const workers = parseWorkers(form);
		if (!workers.ok) Object.assign(errors, workers.errors);
		if (!method.ok || !workers.ok)
			return failForm(400, errors._form ?? m.form_fix_errors(), { errors, values });
		try {
			const paid = issuePasses(
				db,
				user,
				{ renovationId: r.id, workers: workers.workers, method: method.data },
				nowMs()
			);
			return {
				ok: m.renovation_passes_issued_ok({
					count: paid.passIds.length,
					receiptNo: paid.receiptNo
				}),
				receiptNo: paid.receiptNo,
				renovationId: r.id
			};
		} catch (e) {
			return refusal(e, { rows: workers.rows, values });
		}
	}
} satisfies Actions;
