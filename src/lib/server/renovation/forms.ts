import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../db/schema';
import { isValidDate } from '../../dates';
import { parseYuanPositive } from '../../money';
import { isPlausibleIdCard, normaliseIdNumber } from '../../domain/keys';
import { parseAreaCenti, type AreaError } from '../../domain/renovation-fees';
import { amountMessage } from '../ledger/method-form';
import { checkbox, formValues, type FieldErrors } from '../forms';
import type { ApplicationInput } from './applications';
import type { WorkerInput } from './payments';
import type { DeductionInput, RefundInput } from './settlements';
import { photosFromForm } from '../uploads/photos';

/*
 * The renovation forms: field shapes are checked here (translated, per field); business rules
 * (open application, duplicate workers, deductions above the deposit…) are checked by the
 * server module inside its transaction.
 */

const UNSAFE = /[<>\p{Cc}]/u;
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.refine((s) => !UNSAFE.test(s), { error: () => m.validation_no_markup() });
const required = (max: number) => text(max).pipe(z.string().min(1));
const phone = z
	.string()
	.trim()
	.max(20)
	.regex(/^[0-9+\-() ]*$/, { error: () => m.validation_phone_format() });
const date = z
	.string()
	.trim()
	.refine(isValidDate, { error: () => m.renovation_date_invalid() });
export const idemSchema = z.string().regex(/^[0-9a-f-]{36}$/i, { error: () => m.form_stale() });

export const applicationSchema = z
	.object({
		unitCode: required(20),
		applicantKind: z.enum(['owner', 'designee'], { error: () => m.validation_required() }),
		// Fields the page hides (relation for the owner, contractor for 自装) are simply absent.
		applicantName: text(40).default(''),
		applicantPhone: phone.default(''),
		applicantRelation: text(40).default(''),
		contractorKind: z.enum(['self', 'contractor'], { error: () => m.validation_required() }),
		contractorName: text(100).default(''),
		contractorLicence: text(50).default(''),
		contractorPhone: phone.default(''),
		plannedStart: date,
		plannedEnd: date,
		scope: required(500),
		wallDemolition: z.enum(['yes', 'no'], { error: () => m.validation_required() }),
		doc_design_drawings: checkbox,
		doc_construction_drawings: checkbox,
		doc_contractor_qualification: checkbox,
		doc_business_licence: checkbox,
		idem: idemSchema
	})
	.superRefine((v, ctx) => {
		if (v.applicantKind === 'designee') {
			if (!v.applicantName)
				ctx.addIssue({
					code: 'custom',
					path: ['applicantName'],
					message: m.renovation_err_applicant_name_required()
				});
			if (!v.applicantPhone)
				ctx.addIssue({
					code: 'custom',
					path: ['applicantPhone'],
					message: m.renovation_err_applicant_phone_required()
				});
			if (!v.applicantRelation)
				ctx.addIssue({
					code: 'custom',
					path: ['applicantRelation'],
					message: m.renovation_err_relation_required()
				});
		}
		if (v.contractorKind === 'contractor') {
			if (!v.contractorName)
				ctx.addIssue({
					code: 'custom',
					path: ['contractorName'],
					message: m.renovation_err_contractor_name()
				});
			if (!v.contractorLicence)
				ctx.addIssue({
					code: 'custom',
					path: ['contractorLicence'],
					message: m.renovation_err_contractor_licence()
				});
		}
		if (isValidDate(v.plannedStart) && isValidDate(v.plannedEnd) && v.plannedEnd < v.plannedStart) {
			ctx.addIssue({
				code: 'custom',
				path: ['plannedEnd'],
				message: m.renovation_err_end_before_start()
			});
		}
	});

export function toApplicationInput(v: z.infer<typeof applicationSchema>): ApplicationInput {
	return {
		unitCode: v.unitCode,
		applicantKind: v.applicantKind,
		applicantName: v.applicantName,
		applicantPhone: v.applicantPhone,
		applicantRelation: v.applicantRelation,
		selfRenovation: v.contractorKind === 'self',
		contractorName: v.contractorName,
		contractorLicence: v.contractorLicence,
		contractorPhone: v.contractorPhone,
		plannedStart: v.plannedStart,
		plannedEnd: v.plannedEnd,
		scope: v.scope,
		wallDemolition: v.wallDemolition === 'yes',
		documents: {
			design_drawings: v.doc_design_drawings,
			construction_drawings: v.doc_construction_drawings,
			contractor_qualification: v.doc_contractor_qualification,
			business_licence: v.doc_business_licence
		},
		idempotencyKey: v.idem
	};
}

export const documentsSchema = z.object({
	doc_design_drawings: checkbox,
	doc_construction_drawings: checkbox,
	doc_contractor_qualification: checkbox,
	doc_business_licence: checkbox,
	idem: idemSchema
});

export function areaMessage(error: AreaError): string {
	switch (error) {
		case 'empty':
			return m.renovation_area_empty();
		case 'negative':
			return m.renovation_area_negative();
		case 'zero':
			return m.renovation_area_zero();
		case 'too_many_decimals':
			return m.renovation_area_decimals();
		case 'too_large':
			return m.renovation_area_too_large();
		default:
			return m.renovation_area_invalid();
	}
}

/** Most rows one visit may carry (workers, deductions): a bigger count is a forged form. */
const MAX_ROWS = 30;

function rowCount(form: FormData, name: string): number {
	const n = Number(form.get(name) ?? 0);
	return Number.isInteger(n) && n >= 0 && n <= MAX_ROWS ? n : 0;
}

/**
 * Worker rows `w{i}_name`, `w{i}_id`, `w{i}_phone`, `w{i}_idcopy`, `w{i}_photo`, `w{i}_expiry`
 * (i < `workers`). Fully empty rows are skipped; errors are keyed by the field name.
 */
export function parseWorkers(
	form: FormData
): { ok: true; workers: WorkerInput[]; rows: number[] } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const workers: WorkerInput[] = [];
	const rows: number[] = [];
	const n = rowCount(form, 'workers');
	for (let i = 0; i < n; i++) {
		const get = (k: string) => String(form.get(`w${i}_${k}`) ?? '').trim();
		const [name, id, ph, expiry] = [get('name'), get('id'), get('phone'), get('expiry')];
		if (!name && !id && !ph) continue;
		if (!name) errors[`w${i}_name`] = m.validation_required();
		else if (name.length > 40 || UNSAFE.test(name)) errors[`w${i}_name`] = m.validation_invalid();
		if (!id) errors[`w${i}_id`] = m.validation_required();
		else if (!isPlausibleIdCard(id)) errors[`w${i}_id`] = m.renovation_err_id_number();
		if (!ph) errors[`w${i}_phone`] = m.validation_required();
		else if (!/^[0-9+\-() ]{5,20}$/.test(ph)) errors[`w${i}_phone`] = m.validation_phone_format();
		if (!isValidDate(expiry)) errors[`w${i}_expiry`] = m.renovation_date_invalid();
		const idCopyOnFile = form.get(`w${i}_idcopy`) === 'on';
		const photoOnFile = form.get(`w${i}_photo`) === 'on';
		if (!idCopyOnFile || !photoOnFile)
			errors[`w${i}_photo`] = m.renovation_err_pass_documents_required({ row: i + 1, name });
		workers.push({
			name,
			idNumber: normaliseIdNumber(id),
			phone: ph,
			idCopyOnFile,
			photoOnFile,
			expiresOn: expiry
		});
		rows.push(i);
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, workers, rows };
}

/**
 * Deduction rows `d{i}_desc`, `d{i}_amount` (yuan) and the optional file `d{i}_photo` for
 * i < `deductions`; empty rows skipped. The photo's bytes are checked by settleDeposit.
 */
export async function parseDeductions(
	form: FormData
): Promise<
	{ ok: true; deductions: DeductionInput[]; rows: number[] } | { ok: false; errors: FieldErrors }
> {
	const errors: FieldErrors = {};
	const deductions: DeductionInput[] = [];
	const rows: number[] = [];
	const n = rowCount(form, 'deductions');
	for (let i = 0; i < n; i++) {
		const description = String(form.get(`d${i}_desc`) ?? '').trim();
		const amount = String(form.get(`d${i}_amount`) ?? '').trim();
		const photos = await photosFromForm(form, `d${i}_photo`);
		if (!description && !amount && !photos.length) continue;
		if (!description) errors[`d${i}_desc`] = m.renovation_err_deduction_description({ row: i + 1 });
		else if (description.length > 200 || UNSAFE.test(description))
			errors[`d${i}_desc`] = m.validation_invalid();
		const fen = parseYuanPositive(amount);
		if (!fen.ok) errors[`d${i}_amount`] = amountMessage(fen.error);
		else {
			deductions.push({ description, amountFen: fen.fen, photos });
			rows.push(i);
		}
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, deductions, rows };
}

/** How a refund is paid out: `refundMethod`, `refundRef`, `payeeName`, `idem`. */
export function parseRefund(
	form: FormData
): { ok: true; refund: RefundInput } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	const raw = String(form.get('refundMethod') ?? '');
	const method = raw === '' ? null : (raw as PaymentMethod);
	if (method && !PAYMENT_METHODS.includes(method)) errors.refundMethod = m.validation_invalid();
	const methodRef = String(form.get('refundRef') ?? '').trim();
	if (methodRef.length > 64) errors.refundRef = m.validation_too_long({ max: 64 });
	const payeeName = String(form.get('payeeName') ?? '').trim();
	if (payeeName.length > 100 || UNSAFE.test(payeeName)) errors.payeeName = m.validation_invalid();
	const idem = idemSchema.safeParse(String(form.get('idem') ?? ''));
	if (!idem.success) errors._form = m.form_stale();
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		refund: { method, methodRef, payeeName, idempotencyKey: String(form.get('idem')) }
	};
}

/** The measured demolished wall area field (`wallArea`, m²): 0 when the plan has no demolition. */
export function parseWallArea(
	form: FormData,
	planned: boolean
): { ok: true; centi: number } | { ok: false; error: string } {
	if (!planned) return { ok: true, centi: 0 };
	const r = parseAreaCenti(String(form.get('wallArea') ?? ''));
	return r.ok ? { ok: true, centi: r.centi } : { ok: false, error: areaMessage(r.error) };
}

export { formValues };
