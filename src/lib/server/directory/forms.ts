// The directory's forms as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { checkbox } from '$lib/server/forms';
import { isValidDate, localToEpochMs } from '$lib/dates';
import { PRESENCE } from '$lib/domain/directory';

const orEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
const text = (max: number) =>
	z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.max(max, { error: () => m.directory_too_long({ max }) })
	);
const required = (max: number) =>
	text(max).refine((s) => s.length > 0, { error: () => m.validation_required() });

export const personSchema = z.object({
	id: z.preprocess(orEmpty, z.string().regex(/^\d{0,9}$/)).transform((s) => (s ? Number(s) : null)),
	name: required(30),
	workNo: required(20),
	position: required(30),
	department: text(30),
	extension: text(20),
	sort: z.preprocess(
		orEmpty,
		z
			.string()
			.trim()
			.refine((s) => /^\d{0,3}$/.test(s), { error: () => m.validation_number() })
			.transform((s) => (s === '' ? 0 : Number(s)))
	),
	active: checkbox
});

/** 去向: the status, an optional end ("YYYY-MM-DDTHH:MM" in the community's zone) and a note. */
export function presenceSchema(timeZone: string) {
	return z.object({
		id: z.preprocess(orEmpty, z.string().regex(/^\d{1,9}$/)).transform(Number),
		status: z.enum(PRESENCE, { error: () => m.directory_status_missing() }),
		until: z.preprocess(
			orEmpty,
			z
				.string()
				.trim()
				.refine(
					(s) =>
						s === '' || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) && isValidDate(s.slice(0, 10))),
					{
						error: () => m.directory_until_invalid()
					}
				)
				.transform((s) => (s ? localToEpochMs(s.slice(0, 10), s.slice(11), timeZone) : null))
		),
		note: text(60)
	});
}
