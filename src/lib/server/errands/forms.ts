// The errand forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { ERRAND_KINDS, ERRAND_OUTCOMES } from '$lib/domain/errands';
import {
	formKey,
	localDateTime,
	oneOfOrAny,
	phone,
	required,
	rowId,
	text
} from '$lib/server/form-fields';
import { ERRAND_VIEWS } from './queries';

export function errandSchema(timeZone: string) {
	return z.object({
		kind: z.enum(ERRAND_KINDS, { error: () => m.errands_kind_missing() }),
		unit: text(30),
		requester: required(30),
		phone,
		recipient: required(30),
		content: required(300),
		due: localDateTime(timeZone, m.errands_due_invalid),
		formKey
	});
}

export const closeSchema = z.object({
	id: rowId,
	outcome: z.enum(ERRAND_OUTCOMES),
	note: text(200)
});

export const listQuerySchema = z.object({
	kind: oneOfOrAny(ERRAND_KINDS, m.errands_kind_missing),
	view: oneOfOrAny(ERRAND_VIEWS, m.errands_view_invalid),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});
