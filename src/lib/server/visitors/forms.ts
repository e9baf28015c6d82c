// The visitor forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { MAX_PARTY } from '$lib/domain/visitors';
import { ID_TYPES } from '$lib/server/db/schema';
import { formKey, oneOfOrAny, orEmpty, phone, required, rowId } from '$lib/server/form-fields';
import { VISITOR_VIEWS } from './queries';

export const visitorSchema = z.object({
	name: required(30),
	idType: z.enum(ID_TYPES, { error: () => m.visitors_id_type_missing() }),
	idNumber: required(30),
	unit: required(30),
	hostName: required(30),
	purpose: required(100),
	partySize: z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_PARTY, {
				error: () => m.visitors_party_invalid({ max: MAX_PARTY })
			})
			.transform(Number)
	),
	confirmPhone: phone.refine((s) => s.length > 0, { error: () => m.validation_required() }),
	confirmAnsweredBy: required(30),
	// 'yes' lets them in; 'no' (or nothing) is refused by the command with its own message.
	confirmed: z.preprocess(orEmpty, z.string()).transform((s) => s === 'yes'),
	formKey
});

export const leaveSchema = z.object({ id: rowId });

export const listQuerySchema = z.object({
	view: oneOfOrAny(VISITOR_VIEWS, m.visitors_view_invalid),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});
