/**
 * The record screens' form schemas. Imported by the routes only (it needs the request's language);
 * refusals are answered with the shared `refusal()` and `messages.ts`.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	ID_TYPES,
	OCCUPANCY,
	OWNER_TYPES,
	SPACE_HOLDINGS,
	SPACE_KINDS,
	UNIT_OWNER_ROLES,
	UNIT_USES
} from '../db/schema';
import { isValidDate } from '../../dates';
import {
	isValidCodePart,
	isValidIdCard,
	normaliseIdNumber,
	normalisePhone
} from '../../domain/records';
import { parseAreaCenti } from '../../domain/renovation-fees';
import { areaMessage } from '../renovation/forms';
import { optionalId } from '../form-fields';
import { checkbox } from '../forms';
import { END_REASONS } from './commands';

const text = (max: number) => z.string().trim().max(max).default('');
const required = (max: number) => z.string().trim().min(1).max(max);

const codePart = z
	.string()
	.trim()
	.refine(isValidCodePart, { error: () => m.records_err_code_part() });

const date = z
	.string()
	.trim()
	.refine(isValidDate, { error: () => m.records_err_date() });
const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine((v) => v === '' || isValidDate(v), { error: () => m.records_err_date() })
	.transform((v) => (v === '' ? null : v));

/** Area in m² with at most two decimals, above zero: to hundredths. */
const area = z
	.string()
	.default('')
	.transform((v, ctx) => {
		const r = parseAreaCenti(v);
		if (r.ok) return r.centi;
		ctx.addIssue({ code: 'custom', message: areaMessage(r.error) });
		return z.NEVER;
	});

/** 11-digit mainland mobile or a landline, stored normalised. */
const phone = z.string().transform((v, ctx) => {
	const p = normalisePhone(v);
	if (p) return p;
	ctx.addIssue({ code: 'custom', message: m.records_err_phone() });
	return z.NEVER;
});

const id = z
	.string()
	.trim()
	.regex(/^\d{1,9}$/)
	.transform(Number);

const unitCode = z
	.string()
	.trim()
	.max(32)
	.transform((v) => v.replace(/[－—–\s]+/g, '-'))
	.pipe(z.string().min(1));

export const unitSchema = z.object({
	building: codePart,
	entrance: codePart,
	room: codePart,
	area,
	use: z.enum(UNIT_USES),
	occupancy: z.enum(OCCUPANCY),
	handoverNoticeDate: optionalDate,
	moveInDate: optionalDate,
	reason: text(200)
});

/** The person fields; an ID card number must carry a valid check character. */
const personFields = {
	name: required(50),
	phone,
	idType: z.enum(ID_TYPES),
	idNumber: text(40).transform(normaliseIdNumber),
	ownerType: z.enum(OWNER_TYPES).default('individual'),
	note: text(200)
};

function checkId(v: { idType: string; idNumber: string }, ctx: z.RefinementCtx) {
	if (v.idType === 'id_card' && v.idNumber && !isValidIdCard(v.idNumber))
		ctx.addIssue({ code: 'custom', path: ['idNumber'], message: m.records_err_id_card() });
}

export const personSchema = z.object({ ...personFields, reason: text(200) }).superRefine(checkId);

export const phoneSchema = z.object({ phone, reason: required(200) });

const tieFields = {
	role: z.enum(UNIT_OWNER_ROLES),
	startDate: optionalDate,
	endDate: optionalDate,
	reason: text(200)
};

/** From a unit's page: a new person with their role there. */
export const newTieSchema = z.object({ ...personFields, ...tieFields }).superRefine(checkId);

/** From a unit's page: a person already on record (found by name, phone or ID tail) with their role. */
export const existingTieSchema = z.object({ personId: id, ...tieFields });

/** From a person's page: one more unit for them. */
export const personTieSchema = z.object({ unitCode, ...tieFields });

export const endTieSchema = z.object({
	tieId: id,
	endDate: date,
	endReason: z.enum(END_REASONS),
	reason: text(200)
});

/** 过户: an existing person by id, or a new one's fields. */
export const transferSchema = z
	.object({
		date,
		newOwnerId: optionalId,
		name: text(50),
		phone: z.string().default(''),
		idType: z.enum(ID_TYPES).default('id_card'),
		idNumber: text(40).transform(normaliseIdNumber),
		ownerType: z.enum(OWNER_TYPES).default('individual'),
		endHousehold: checkbox,
		reason: required(200)
	})
	.superRefine((v, ctx) => {
		if (v.newOwnerId !== null) return;
		if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: m.validation_required() });
		if (!normalisePhone(v.phone))
			ctx.addIssue({ code: 'custom', path: ['phone'], message: m.records_err_phone() });
		checkId(v, ctx);
	})
	.transform((v) => ({
		...v,
		newPerson:
			v.newOwnerId === null
				? {
						name: v.name,
						phone: normalisePhone(v.phone)!,
						idType: v.idType,
						idNumber: v.idNumber,
						ownerType: v.ownerType,
						note: ''
					}
				: null
	}));

const spaceCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[0-9A-Z-]{1,20}$/, { error: () => m.records_err_space_code() });

export const spaceSchema = z.object({
	code: spaceCode,
	area,
	kind: z.enum(SPACE_KINDS)
});

export const assignSchema = z.object({
	spaceCode,
	unitCode,
	holding: z.enum(SPACE_HOLDINGS),
	startDate: date,
	reason: text(200)
});

/** A mainland plate: province character, letter, 5 (or 6 for new-energy) letters/digits. */
export const PLATE_RE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

export const vehicleSchema = z.object({
	plate: z
		.string()
		.transform((v) => v.replace(/[\s·•.-]/g, '').toUpperCase())
		.refine((v) => PLATE_RE.test(v), { error: () => m.records_err_plate() }),
	unitCode,
	spaceCode: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[0-9A-Z-]{0,20}$/, { error: () => m.records_err_space_code() })
		.default(''),
	personId: optionalId,
	startDate: date
});

export const endRowSchema = z.object({ id, endDate: date, reason: text(200) });

// ------------------------------------------------------------------------------ query strings

export const unitFilterSchema = z.object({
	building: z.string().trim().max(8).catch(''),
	entrance: z.string().trim().max(8).catch(''),
	q: z.string().trim().max(40).catch('')
});

export const peopleFilterSchema = z.object({ q: z.string().trim().max(40).catch('') });

/** The unit page's search for a person to tie (`?who=`). */
export const tieSearchSchema = z.object({ who: z.string().trim().max(40).catch('') });

/** An `[id]` route parameter, or 404. */
export function idParam(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'not_found');
	return Number(raw);
}
