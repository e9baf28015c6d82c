// The 寄存 / 放行 forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { CLAIMERS, CONSENTS, ID_LAST4, ID_TYPES } from '$lib/domain/items';
import {
	formKey,
	localDate,
	oneOfOrAny,
	orEmpty,
	phone,
	required,
	rowId,
	text
} from '$lib/server/form-fields';
import { ITEM_TABS, ITEM_VIEWS } from './queries';

/** How many pieces (1–999). */
const itemCount = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, { error: () => m.validation_range_int({ min: 1, max: 999 }) })
		.transform(Number)
		.refine((n) => n >= 1, { error: () => m.validation_range_int({ min: 1, max: 999 }) })
);

/** A phone number someone can be reached on: required here. */
const requiredPhone = phone.refine((s) => s.length > 0, { error: () => m.validation_required() });

const idType = z.preprocess(
	orEmpty,
	z.union([z.enum(ID_TYPES), z.literal('')], { error: () => m.items_id_type_missing() })
);
const idLast4 = z.preprocess(orEmpty, z.string().trim());

export const depositSchema = z
	.object({
		unit: text(30),
		depositorName: required(30),
		depositorPhone: requiredPhone,
		items: required(200),
		itemCount,
		claimer: z.enum(CLAIMERS, { error: () => m.items_claimer_missing() }),
		claimerName: text(30),
		claimerPhone: phone,
		claimBy: localDate(m.items_claim_by_invalid),
		formKey
	})
	.superRefine((d, ctx) => {
		if (d.claimer === 'named' && !d.claimerName)
			ctx.addIssue({
				code: 'custom',
				path: ['claimerName'],
				message: m.items_claimer_name_missing()
			});
	});

export const claimSchema = z
	.object({
		ref: required(20),
		claimantName: required(30),
		idType,
		idLast4,
		note: text(200)
	})
	.superRefine((d, ctx) => {
		if (!d.idType)
			ctx.addIssue({ code: 'custom', path: ['idType'], message: m.items_id_type_missing() });
		if (!ID_LAST4.test(d.idLast4))
			ctx.addIssue({ code: 'custom', path: ['idLast4'], message: m.items_id_missing() });
	});

/** Consent's details are checked by the command (consentProblems), so a refusal names each one. */
export const releaseSchema = z.object({
	unit: required(30),
	items: required(200),
	itemCount,
	carrierName: required(30),
	carrierPhone: requiredPhone,
	plate: text(12),
	consent: z.preprocess(
		orEmpty,
		z.union([z.enum(CONSENTS), z.literal('')], { error: () => m.items_no_consent() })
	),
	consentBy: text(30),
	consentPhone: phone,
	consentIdType: idType,
	consentIdLast4: idLast4.pipe(z.string().max(4, { error: () => m.items_id_missing() })),
	consentNote: text(200),
	validUntil: localDate(m.items_valid_invalid),
	formKey
});

export const passSchema = z.object({ id: rowId, note: text(200) });

export const listQuerySchema = z.object({
	tab: oneOfOrAny(ITEM_TABS, m.items_view_invalid),
	view: oneOfOrAny(ITEM_VIEWS, m.items_view_invalid),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});
