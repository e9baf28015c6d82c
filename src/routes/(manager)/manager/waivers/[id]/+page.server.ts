import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import type { RequestEvent } from './$types';
import { failForm } from '$lib/server/forms';
import { parseYuan } from '$lib/money';
import { NOTE_MAX, type ApprovalPlan } from '$lib/domain/waiver';
import {
	WaiverError,
	decideWaiverRequest,
	requestView,
	reviewWaiverDecision
} from '$lib/server/waivers';
import { waiverCodeMessage, waiverRefusal } from '$lib/server/waivers/messages';
import { m } from '$lib/paraglide/messages.js';

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

const str = (form: FormData, name: string, max = 200) => {
	const v = form.get(name);
	return typeof v === 'string' ? v.slice(0, max) : '';
};

/** A typed yuan amount → fen, or the refusal code (negative amounts get their own message). */
function fen(text: string): { ok: true; fen: number } | { ok: false; code: string } {
	const r = parseYuan(text);
	if (r.ok) return r;
	return { ok: false, code: r.error === 'negative' ? 'amount_negative' : 'bad_amount' };
}

type Parsed =
	| { ok: true; values: Record<string, string>; plan: ApprovalPlan }
	| { ok: false; failure: ReturnType<typeof failForm> };

/** The decision form: what was typed (kept on every refusal) and the approval plan it asks for. */
function parseDecision(form: FormData, decision: 'approve' | 'reject'): Parsed {
	const values: Record<string, string> = {
		mode: str(form, 'mode', 20),
		amount: str(form, 'amount', 40),
		note: str(form, 'note', NOTE_MAX + 200),
		key: str(form, 'key')
	};
	for (const [k, v] of form.entries())
		if (/^amt_\d{1,12}$/.test(k) && typeof v === 'string') values[k] = v.slice(0, 40);
	let plan: ApprovalPlan = { mode: 'full' };
	if (decision === 'approve') {
		if (values.mode === 'amount') {
			const r = fen(values.amount);
			if (!r.ok)
				return {
					ok: false,
					failure: failForm(400, waiverCodeMessage(r.code), {
						errors: { amount: waiverCodeMessage(r.code) },
						values
					})
				};
			plan = { mode: 'amount', amountFen: r.fen };
		} else if (values.mode === 'per_bill') {
			const amounts = [];
			for (const [k, v] of Object.entries(values)) {
				if (!k.startsWith('amt_')) continue;
				const r = v.trim() === '' ? ({ ok: true, fen: 0 } as const) : fen(v);
				if (!r.ok)
					return {
						ok: false,
						failure: failForm(400, waiverCodeMessage(r.code), {
							errors: { [k]: waiverCodeMessage(r.code) },
							values
						})
					};
				amounts.push({ billId: Number(k.slice(4)), amountFen: r.fen });
			}
			plan = { mode: 'per_bill', amounts };
		} else if (values.mode !== 'full') {
			return { ok: false, failure: failForm(400, m.waivers_error_mode(), { values }) };
		}
	}
	return { ok: true, values, plan };
}

function refused(e: unknown, decision: 'approve' | 'reject', values: Record<string, string>) {
	if (!(e instanceof WaiverError)) throw e;
	const { message, errors } = waiverRefusal(e, decision);
	const status =
		e.code === 'not_found'
			? 404
			: e.code === 'not_pending'
				? 409
				: e.code === 'own_request'
					? 403
					: 400;
	return failForm(status, message, { errors, values });
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
				note: values.note,
				key: values.key,
				now: nowMs(),
				...(decision === 'approve' ? { decision, plan } : { decision })
			});
			return { decided: r.state, approvedFen: r.approvedFen };
		} catch (e) {
			return refused(e, decision, values);
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
			note: values.note,
			now: nowMs(),
			...(decision === 'approve' ? { decision, plan } : { decision })
		});
		return { review: { decision, approvedFen: r.approvedFen, amounts: r.amounts }, values };
	} catch (e) {
		return refused(e, decision, values);
	}
}

export const actions = { review, approve: decide('approve'), reject: decide('reject') };
