import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { NOTE_MAX } from '$lib/domain/waiver';
import { decideWaiverRequest, requestView, reviewWaiverDecision } from '$lib/server/waivers';
import { waiverDecisionSchema } from '$lib/server/waivers/forms';
import type { RequestEvent } from './$types';

function requestId(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'not_found');
	return Number(raw);
}

/** /manager/waivers/{id} — the request, the unit's history and the decision form. */
export const load = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'manager', url);
	const v = requestView(getDb(), user.communityId, requestId(params.id));
	if (!v) error(404, 'not_found');
	// One key per rendering of the decision form: a double submit decides once.
	return { v, own: v.request.clerkId === user.id, key: crypto.randomUUID(), noteMax: NOTE_MAX };
};

/** The decision form, parsed; a refusal keeps what was typed. */
function parseDecision(form: FormData, decision: 'approve' | 'reject') {
	const parsed = parseForm(waiverDecisionSchema(decision), form);
	if (!parsed.ok)
		return { ok: false as const, failure: failForm(400, Object.values(parsed.errors)[0], parsed) };
	return { ok: true as const, ...parsed.data, values: formValues(form) };
}

function decide(decision: 'approve' | 'reject') {
	return async ({ locals, url, params, request }: RequestEvent) => {
		const user = requireStaff(locals, 'manager', url);
		const id = requestId(params.id);
		const p = parseDecision(await request.formData(), decision);
		if (!p.ok) return p.failure;
		const { values, plan } = p;
		try {
			const r = decideWaiverRequest(getDb(), {
				communityId: user.communityId,
				requestId: id,
				deciderId: user.id,
				note: p.note,
				key: p.key,
				now: nowMs(),
				...(decision === 'approve' ? { decision, plan } : { decision })
			});
			return { decided: r.state, approvedFen: r.approvedFen };
		} catch (e) {
			return refusal(e, { step: decision, values });
		}
	};
}

/**
 * ?/review: the decision checked on the server exactly as approve/reject check it, writing
 * nothing; the page then asks for confirmation with the amounts that will be written.
 */
async function review({ locals, url, params, request }: RequestEvent) {
	const user = requireStaff(locals, 'manager', url);
	const id = requestId(params.id);
	const form = await request.formData();
	const decision: 'approve' | 'reject' = form.get('decision') === 'reject' ? 'reject' : 'approve';
	const p = parseDecision(form, decision);
	if (!p.ok) return p.failure;
	const { values, plan } = p;
	try {
		const r = reviewWaiverDecision(getDb(), {
			communityId: user.communityId,
			requestId: id,
			deciderId: user.id,
			note: p.note,
			now: nowMs(),
			...(decision === 'approve' ? { decision, plan } : { decision })
		});
		return { review: { decision, approvedFen: r.approvedFen, amounts: r.amounts }, values };
	} catch (e) {
		return refusal(e, { step: decision, values });
	}
}

export const actions = { review, approve: decide('approve'), reject: decide('reject') };
