/**
 * The key pages' form schemas and the translated messages of the rule errors. Imported by the
 * routes only (it needs the request's language); the use cases in commands.ts return codes.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { ID_TYPES } from '../db/schema';
import { daysBetween, formatDateTimeLocal, isValidDate, localToEpochMs } from '../../dates';
import {
	CONSENT_ANSWERS,
	CONSENT_MAX_AGE_MS,
	DEPOSIT_CONSENT_METHODS,
	KEY_DISPOSITIONS,
	KEY_KINDS,
	KEY_STATES,
	LOAN_ERROR_FIELD,
	LOAN_PURPOSES,
	RETURN_ERROR_FIELD,
	isPlausibleIdCard,
	type DispositionError,
	type LoanError,
	type ReturnError
} from '../../domain/keys';
import { optionalId } from '../form-fields';
import { checkbox, type FieldErrors } from '../forms';
import type { LendError, RegisterError, ReturnKeyError } from './commands';

const PHONE_RE = /^[0-9+\-() ]{5,20}$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

const text = (max: number) => z.string().trim().max(max).default('');
const required = (max: number) => z.string().trim().min(1).max(max);
const dateTime = z
	.string()
	.trim()
	.regex(DATETIME_RE, { error: () => m.keys_err_datetime() })
	.refine((v) => isValidDate(v.slice(0, 10)), { error: () => m.keys_err_datetime() });
const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine((v) => v === '' || isValidDate(v), { error: () => m.keys_err_date() })
	.transform((v) => (v === '' ? null : v));
const token = z.string().trim().min(8).max(100);

/** "2026-11-23T11:00" (a datetime-local value, meant in the community's zone) → epoch ms. */
export function parseLocalDateTime(value: string, timeZone: string): number {
	const [, date, time] = DATETIME_RE.exec(value)!;
	return localToEpochMs(date, time, timeZone);
}

/** Epoch ms → the datetime-local value in the community's zone. */
export function toLocalInput(ms: number, timeZone: string): string {
	return formatDateTimeLocal(ms, timeZone).replace(' ', 'T');
}

const depositMethod = z
	.enum(['', ...DEPOSIT_CONSENT_METHODS])
	.default('')
	.transform((v) => (v === '' ? null : v));

export const registerSchema = z.object({
	tagNo: required(20),
	kind: z.enum(KEY_KINDS),
	unitCode: text(20),
	description: text(50),
	slot: required(20),
	depositConsentDate: optionalDate,
	depositConsentMethod: depositMethod,
	note: text(200)
});

export const editSchema = registerSchema.omit({ kind: true, unitCode: true });

export const dispositionSchema = z.object({
	target: z.enum(KEY_DISPOSITIONS),
	depositConsentDate: optionalDate,
	depositConsentMethod: depositMethod,
	note: text(200)
});

export const lendSchema = z
	.object({
		borrowerName: required(50),
		borrowerIdType: z.enum(ID_TYPES),
		borrowerIdNumber: required(40),
		borrowerPhone: z
			.string()
			.trim()
			.regex(PHONE_RE, { error: () => m.keys_err_phone() }),
		borrowerCompany: text(100),
		borrowerRelation: text(50),
		purpose: z.enum(LOAN_PURPOSES),
		purposeNote: text(200),
		consentPhone: text(30),
		consentAt: z.string().trim().default(''),
		consentBy: optionalId,
		consentAnswer: z.enum(['', ...CONSENT_ANSWERS]).default(''),
		escortStaffId: optionalId,
		collateralIdType: z.enum(['', ...ID_TYPES]).default(''),
		collateralIdNumber: text(40),
		expectedReturnAt: dateTime,
		token
	})
	.superRefine((v, ctx) => {
		if (v.borrowerIdType === 'id_card' && !isPlausibleIdCard(v.borrowerIdNumber))
			ctx.addIssue({ code: 'custom', path: ['borrowerIdNumber'], message: m.keys_err_id_card() });
		if (v.consentPhone && !PHONE_RE.test(v.consentPhone))
			ctx.addIssue({ code: 'custom', path: ['consentPhone'], message: m.keys_err_phone() });
		if (v.consentAt && !(DATETIME_RE.test(v.consentAt) && isValidDate(v.consentAt.slice(0, 10))))
			ctx.addIssue({ code: 'custom', path: ['consentAt'], message: m.keys_err_datetime() });
		if (v.collateralIdNumber && !v.collateralIdType)
			ctx.addIssue({
				code: 'custom',
				path: ['collateralIdType'],
				message: m.validation_required()
			});
		if (
			v.collateralIdType === 'id_card' &&
			v.collateralIdNumber &&
			!isPlausibleIdCard(v.collateralIdNumber)
		)
			ctx.addIssue({ code: 'custom', path: ['collateralIdNumber'], message: m.keys_err_id_card() });
	});

export const returnSchema = z.object({
	returnedAt: dateTime,
	receivedBy: optionalId,
	lost: checkbox,
	slotConfirmed: checkbox,
	collateralReturned: checkbox,
	note: text(200),
	token
});

// ------------------------------------------------------------------------------ query strings

/** The key list's search box and state filter; an unknown value shows everything rather than an error. */
export const listFilterSchema = z.object({
	q: z.string().trim().max(40).catch(''),
	state: z.enum(['', ...KEY_STATES]).catch('')
});

const logDate = z.string().refine(isValidDate);
/** The lending log's days (both included), at most a year and a day apart. */
// Zod 4 runs this refinement even when a date above failed: check them again before daysBetween (it throws).
export const logRangeSchema = z
	.object({ from: logDate, to: logDate })
	.refine(
		(r) =>
			isValidDate(r.from) && isValidDate(r.to) && r.from <= r.to && daysBetween(r.from, r.to) <= 366
	);

// ------------------------------------------------------------------------------ messages

const REGISTER_MESSAGES: Record<RegisterError, () => string> = {
	tag_taken: () => m.keys_err_tag_taken(),
	unit_required: () => m.keys_err_unit_required(),
	unit_not_found: () => m.keys_err_unit_not_found(),
	area_required: () => m.keys_err_area_required(),
	deposit_consent_required: () => m.keys_err_deposit_consent_required(),
	deposit_consent_future: () => m.keys_err_deposit_consent_future(),
	not_found: () => m.keys_err_not_found()
};
const REGISTER_FIELD: Record<RegisterError, string | null> = {
	tag_taken: 'tagNo',
	unit_required: 'unitCode',
	unit_not_found: 'unitCode',
	area_required: 'description',
	deposit_consent_required: 'depositConsentDate',
	deposit_consent_future: 'depositConsentDate',
	not_found: null
};

const LOAN_MESSAGES: Record<LendError, () => string> = {
	key_lent: () => m.keys_err_key_lent(),
	key_lost: () => m.keys_err_key_lost(),
	key_returned_to_owner: () => m.keys_err_key_returned_to_owner(),
	identity_incomplete: () => m.keys_err_identity_incomplete(),
	purpose_note_required: () => m.keys_err_purpose_note_required(),
	consent_required: () => m.keys_err_consent_required(),
	consent_refused: () => m.keys_err_consent_refused(),
	consent_no_answer: () => m.keys_err_consent_no_answer(),
	consent_time_future: () => m.keys_err_consent_time_future(),
	consent_time_stale: () => m.keys_err_consent_time_stale({ hours: CONSENT_MAX_AGE_MS / 3600_000 }),
	consent_staff_unknown: () => m.keys_err_consent_staff_unknown(),
	escort_or_collateral_required: () => m.keys_err_escort_or_collateral_required(),
	escort_unknown: () => m.keys_err_escort_unknown(),
	expected_return_past: () => m.keys_err_expected_return_past(),
	not_found: () => m.keys_err_not_found()
};

const RETURN_MESSAGES: Record<ReturnKeyError, () => string> = {
	key_not_lent: () => m.keys_err_key_not_lent(),
	return_time_future: () => m.keys_err_return_time_future(),
	return_time_before_loan: () => m.keys_err_return_time_before_loan(),
	receiver_unknown: () => m.keys_err_receiver_unknown(),
	slot_not_confirmed: () => m.keys_err_slot_not_confirmed(),
	collateral_not_returned: () => m.keys_err_collateral_not_returned(),
	not_found: () => m.keys_err_not_found()
};

const DISPOSITION_MESSAGES: Record<DispositionError | 'not_found', () => string> = {
	key_lent: () => m.keys_err_disposition_key_lent(),
	no_change: () => m.keys_err_no_change(),
	deposit_consent_required: () => m.keys_err_deposit_consent_required(),
	deposit_consent_future: () => m.keys_err_deposit_consent_future(),
	not_found: () => m.keys_err_not_found()
};

/** Summary message (the first error's) and per-field messages for a rule failure. */
function explain<E extends string>(
	errors: E[],
	messages: Record<E, () => string>,
	fields: Partial<Record<E, string | null>>
) {
	const fieldErrors: FieldErrors = {};
	for (const e of errors) {
		const field = fields[e];
		if (field) fieldErrors[field] ??= messages[e]();
	}
	return { message: messages[errors[0]](), errors: fieldErrors };
}

export const explainRegister = (errors: RegisterError[]) =>
	explain(errors, REGISTER_MESSAGES, REGISTER_FIELD);
export const explainLoan = (errors: LendError[]) =>
	explain(errors, LOAN_MESSAGES, LOAN_ERROR_FIELD as Record<LoanError, string | null>);
export const explainReturn = (errors: ReturnKeyError[]) =>
	explain(errors, RETURN_MESSAGES, RETURN_ERROR_FIELD as Record<ReturnError, string | null>);
export const explainDisposition = (errors: (DispositionError | 'not_found')[]) =>
	explain(errors, DISPOSITION_MESSAGES, {
		deposit_consent_required: 'depositConsentDate',
		deposit_consent_future: 'depositConsentDate'
	});

/** The `[id]` route parameter: a key id, or 404. */
export function keyIdParam(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'not_found');
	return Number(raw);
}
