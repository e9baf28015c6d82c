// The errand forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate, localToEpochMs } from '$lib/dates';
import { ERRAND_KINDS, ERRAND_OUTCOMES } from '$lib/domain/errands';
import { ERRAND_VIEWS } from './queries';

const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
const text = (max: number) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.max(max, { error: () => m.errands_too_long({ max }) })
	);
const required = (max: number) =>
	text(max).refine((s) => s.length > 0, { error: () => m.validation_required() });

/** "YYYY-MM-DDTHH:MM" (a datetime-local field) in the community's zone → epoch ms. */
const localDateTime = (timeZone: string) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) && isValidDate(s.slice(0, 10)), {
				error: () => m.errands_due_invalid()
			})
			.transform((s) => localToEpochMs(s.slice(0, 10), s.slice(11), timeZone))
	);

export function errandSchema(timeZone: string) {
	return z.object({
		kind: z.enum(ERRAND_KINDS, { error: () => m.errands_kind_missing() }),
		unit: text(30),
		requester: required(30),
		phone: z.preprocess(
			orEmpty,
			z
				.string()
				.trim()
				.refine((s) => /^[\d\s+\-()]{0,20}$/.test(s), { error: () => m.errands_phone_invalid() })
		),
		recipient: required(30),
		content: required(300),
		due: localDateTime(timeZone),
		formKey: z.preprocess(orEmpty, z.string().regex(/^[\w-]{8,64}$/))
	});
}

export const closeSchema = z.object({
	id: z.preprocess(orEmpty, z.string().regex(/^\d{1,9}$/)).transform(Number),
	outcome: z.enum(ERRAND_OUTCOMES),
	note: text(200)
});

export const listQuerySchema = z.object({
	kind: z
		.string()
		.refine((s) => s === '' || (ERRAND_KINDS as readonly string[]).includes(s), {
			error: () => m.errands_kind_missing()
		})
		.optional(),
	view: z
		.string()
		.refine((s) => s === '' || (ERRAND_VIEWS as readonly string[]).includes(s), {
			error: () => m.errands_view_invalid()
		})
		.optional(),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});
