import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { parseMethodFields } from '$lib/server/ledger/method-form';
import { availableActions, PASS_OUTCOMES, type RenovationDocument } from '$lib/domain/renovation';
import { formatArea } from '$lib/domain/renovation-fees';
import { isValidDate } from '$lib/dates';
import {
	payFees,
	permitEnd,
	renovationDetail,
	reviewFees,
	reviewSettlement,
	reviewStep,
	settleDeposit,
	settlePass,
	todayOf,
	transition,
	type TransitionInput
} from '$lib/server/renovation';
import {
	documentsSchema,
	idemSchema,
	parseDeductions,
	parseRefund,
	parseWallArea,
	parseWorkers
} from '$lib/server/renovation/forms';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

function idOf(params: { id: string }): number {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not_found');
	return id;
}

export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const c = getCommunity(db, user.communityId);
	const today = todayOf(db, user.communityId, nowMs());
	const d = renovationDetail(db, user.communityId, idOf(params), today);
	if (!d) error(404, 'not_found');
	return {
		d,
		today,
		area: formatArea(d.unit.areaCenti),
		permitEnd: permitEnd(d.renovation),
		fees: c.settings.renovation,
		actions: availableActions(d.renovation.state, user.role),
		role: user.role,
		timeZone: c.timeZone,
		idem: {
			t: crypto.randomUUID(),
			pay: crypto.randomUUID(),
			settle: crypto.randomUUID(),
			passes: Object.fromEntries(d.passes.map((p) => [p.id, crypto.randomUUID()]))
		},
		created: url.searchParams.has('created')
	};
};

/** Runs a write; a refusal becomes the standard form failure (nothing was written). */
function attempt<T>(form: FormData, fn: () => T, rows: number[] = []) {
	try {
		return { ok: true as const, value: fn() };
	} catch (e) {
		return { ok: false as const, fail: refusal(e, { rows, values: formValues(form) }) };
	}
}

const noteSchema = z.object({ note: z.string().trim().max(500).default(''), idem: idemSchema });
const reasonSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.renovation_err_reason_required() })
		.max(500),
	idem: idemSchema
});
const untilSchema = z.object({
	until: z
		.string()
		.trim()
		.refine(isValidDate, { error: () => m.renovation_date_invalid() }),
	note: z.string().trim().max(500).default(''),
	idem: idemSchema
});
const inspectSchema = z.object({
	outcome: z.enum(['pass', 'fail'], { error: () => m.validation_required() }),
	items: z.string().max(2000).default(''),
	note: z.string().trim().max(500).default(''),
	idem: idemSchema
});
const inspection = (v: z.infer<typeof inspectSchema>): TransitionInput =>
	v.outcome === 'pass'
		? { action: 'inspect_pass', note: v.note }
		: { action: 'inspect_fail', items: v.items.split(/\r?\n/), note: v.note };
const passSettleSchema = z.object({
	passId: z.coerce.number().int().positive(),
	outcome: z.enum(PASS_OUTCOMES)
});

/** A plain state step: parse, transition, answer. */
/** Reads a step's form against its schema; a refusal is the 400 answer with the fields to fix. */
async function readStep(request: Request, schema: z.ZodType) {
	const form = await request.formData();
	const parsed = parseForm(schema, form);
	if (!parsed.ok)
		return {
			ok: false as const,
			fail: failForm(400, Object.values(parsed.errors)[0] ?? m.form_fix_errors(), {
				errors: parsed.errors,
				values: parsed.values
			})
		};
	return { ok: true as const, form, data: parsed.data as { idem: string } };
}

async function step(
	locals: App.Locals,
	url: URL,
	params: { id: string },
	request: Request,
	schema: z.ZodType,
	build: (v: never) => TransitionInput,
	role: 'clerk' | 'manager' = 'clerk'
) {
	requireStaff(locals, role, url);
	const read = await readStep(request, schema);
	if (!read.ok) return read.fail;
	const { form, data } = read;
	const r = attempt(form, () =>
		transition(getDb(), actorOf(locals), idOf(params), build(data as never), {
			idempotencyKey: data.idem,
			now: nowMs()
		})
	);
	if (!r.ok) return r.fail;
	return { ok: m.renovation_saved() };
}

/**
 * The review of a state step (permit, inspection): checked on the server as the step itself,
 * nothing written; the page then confirms with what will be recorded.
 */
async function stepReview(
	locals: App.Locals,
	url: URL,
	params: { id: string },
	request: Request,
	schema: z.ZodType,
	build: (v: never) => TransitionInput
) {
	requireStaff(locals, 'clerk', url);
	const read = await readStep(request, schema);
	if (!read.ok) return read.fail;
	const { form, data } = read;
	const input = build(data as never);
	const r = attempt(form, () =>
		reviewStep(getDb(), actorOf(locals), idOf(params), input, {
			idempotencyKey: data.idem,
			now: nowMs()
		})
	);
	if (!r.ok) return r.fail;
	const items =
		input.action === 'inspect_fail' ? input.items.map((x) => x.trim()).filter(Boolean) : [];
	return { review: { step: input.action, ...r.value, items }, values: formValues(form) };
}

/** The fee form read into payFees' input, or the refusal (what was typed kept). */
async function readPay(locals: App.Locals, url: URL, params: { id: string }, request: Request) {
	const user = requireStaff(locals, 'clerk', url);
	const form = await request.formData();
	const db = getDb();
	const id = idOf(params);
	const d = renovationDetail(db, user.communityId, id, todayOf(db, user.communityId, nowMs()));
	if (!d) return { ok: false as const, fail: failForm(404, m.renovation_err_not_found()) };
	const errors: Record<string, string> = {};
	const method = parseMethodFields(form);
	if (!method.ok) Object.assign(errors, method.errors);
	const workers = parseWorkers(form);
	if (!workers.ok) Object.assign(errors, workers.errors);
	const wall = parseWallArea(form, d.renovation.wallDemolition);
	if (!wall.ok) errors.wallArea = wall.error;
	const agreementSigned = form.get('agreement') === 'on';
	if (!agreementSigned) errors.agreement = m.renovation_err_agreement_required();
	if (Object.keys(errors).length || !method.ok || !workers.ok || !wall.ok) {
		return {
			ok: false as const,
			fail: failForm(
				400,
				errors._form ??
					(Object.keys(errors).length === 1 ? Object.values(errors)[0] : m.form_fix_errors()),
				{ errors, values: formValues(form) }
			)
		};
	}
	return {
		ok: true as const,
		user,
		form,
		db,
		rows: workers.rows,
		input: {
			renovationId: id,
			agreementSigned,
			wallAreaCenti: wall.centi,
			workers: workers.workers,
			method: method.data
		}
	};
}

/** The deposit refund form read into settleDeposit's input, or the refusal. */
async function readSettle(locals: App.Locals, url: URL, params: { id: string }, request: Request) {
	const user = requireStaff(locals, 'clerk', url);
	const form = await request.formData();
	const errors: Record<string, string> = {};
	const deductions = await parseDeductions(form);
	if (!deductions.ok) Object.assign(errors, deductions.errors);
	const refund = parseRefund(form);
	if (!refund.ok) Object.assign(errors, refund.errors);
	if (!deductions.ok || !refund.ok)
		return {
			ok: false as const,
			fail: failForm(400, errors._form ?? m.form_fix_errors(), { errors, values: formValues(form) })
		};
	return {
		ok: true as const,
		user,
		form,
		rows: deductions.rows,
		input: { renovationId: idOf(params), deductions: deductions.deductions, refund: refund.refund }
	};
}

export const actions = {
	docs: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, documentsSchema, (v: z.infer<typeof documentsSchema>) => ({
			action: 'update_documents',
			documents: {
				design_drawings: v.doc_design_drawings,
				construction_drawings: v.doc_construction_drawings,
				contractor_qualification: v.doc_contractor_qualification,
				business_licence: v.doc_business_licence
			} satisfies Record<RenovationDocument, boolean>
		})),

	approve: async ({ locals, url, params, request }) =>
		step(
			locals,
			url,
			params,
			request,
			noteSchema,
			(v: z.infer<typeof noteSchema>) => ({ action: 'approve', note: v.note }),
			'manager'
		),

	reject: async ({ locals, url, params, request }) =>
		step(
			locals,
			url,
			params,
			request,
			reasonSchema,
			(v: z.infer<typeof reasonSchema>) => ({ action: 'reject', reason: v.reason }),
			'manager'
		),

	permitReview: async ({ locals, url, params, request }) =>
		stepReview(locals, url, params, request, untilSchema, (v: z.infer<typeof untilSchema>) => ({
			action: 'issue_permit',
			until: v.until
		})),

	permit: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, untilSchema, (v: z.infer<typeof untilSchema>) => ({
			action: 'issue_permit',
			until: v.until
		})),

	start: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, noteSchema, () => ({ action: 'start' })),

	extend: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, untilSchema, (v: z.infer<typeof untilSchema>) => ({
			action: 'extend_permit',
			until: v.until,
			note: v.note
		})),

	inspectReview: async ({ locals, url, params, request }) =>
		stepReview(locals, url, params, request, inspectSchema, inspection),

	inspect: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, inspectSchema, inspection),

	close: async ({ locals, url, params, request }) =>
		step(locals, url, params, request, noteSchema, () => ({ action: 'close' })),

	/** Step 1 of taking the fees: the receipt as it would be posted (nothing written). */
	payReview: async ({ locals, url, params, request }) => {
		const p = await readPay(locals, url, params, request);
		if (!p.ok) return p.fail;
		const r = attempt(p.form, () => reviewFees(p.db, p.user, p.input, nowMs()), p.rows);
		if (!r.ok) return r.fail;
		return {
			review: {
				step: 'pay' as const,
				...r.value,
				method: p.input.method.method,
				tenderedFen: p.input.method.tenderedFen
			},
			values: formValues(p.form)
		};
	},

	/** Step 2: post it. */
	pay: async ({ locals, url, params, request }) => {
		const p = await readPay(locals, url, params, request);
		if (!p.ok) return p.fail;
		const r = attempt(p.form, () => payFees(p.db, p.user, p.input, nowMs()), p.rows);
		if (!r.ok) return r.fail;
		return {
			ok: m.renovation_paid_ok({ receiptNo: r.value.receiptNo }),
			receiptNo: r.value.receiptNo,
			changeFen: r.value.changeFen
		};
	},

	/** Step 1 of the deposit refund: refund and deductions as they would be recorded (nothing written). */
	settleReview: async ({ locals, url, params, request }) => {
		const p = await readSettle(locals, url, params, request);
		if (!p.ok) return p.fail;
		const r = attempt(p.form, () => reviewSettlement(getDb(), p.user, p.input, nowMs()), p.rows);
		if (!r.ok) return r.fail;
		return { review: { step: 'settle' as const, ...r.value }, values: formValues(p.form) };
	},

	settle: async ({ locals, url, params, request }) => {
		const p = await readSettle(locals, url, params, request);
		if (!p.ok) return p.fail;
		const r = attempt(p.form, () => settleDeposit(getDb(), p.user, p.input, nowMs()), p.rows);
		if (!r.ok) return r.fail;
		return {
			ok: m.renovation_settled_ok({ voucherNo: r.value.voucherNo }),
			voucherNo: r.value.voucherNo
		};
	},

	passSettle: async ({ locals, url, params, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const parsed = parseForm(passSettleSchema, {
			passId: String(form.get('passId') ?? ''),
			outcome: String(form.get('outcome') ?? '')
		});
		const refund = parseRefund(form);
		if (!parsed.ok || !refund.ok)
			return failForm(
				400,
				refund.ok
					? m.renovation_err_pass_not_found()
					: (refund.errors._form ?? m.form_fix_errors()),
				{ errors: refund.ok ? {} : refund.errors, values: formValues(form) }
			);
		const db = getDb();
		// The pass must belong to this application (the page it was sent from).
		const d = renovationDetail(
			db,
			user.communityId,
			idOf(params),
			todayOf(db, user.communityId, nowMs())
		);
		if (!d || !d.passes.some((p) => p.id === parsed.data.passId))
			return failForm(404, m.renovation_err_pass_not_found());
		const r = attempt(form, () =>
			settlePass(
				db,
				user,
				{ passId: parsed.data.passId, outcome: parsed.data.outcome, refund: refund.refund },
				nowMs()
			)
		);
		if (!r.ok) return r.fail;
		return {
			ok: m.renovation_pass_settled_ok({ voucherNo: r.value.voucherNo }),
			voucherNo: r.value.voucherNo
		};
	}
} satisfies Actions;
