// The directory's forms as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { checkbox } from '$lib/server/forms';
import {
	optionalId,
	optionalLocalDateTime,
	required,
	rowId,
	sortOrder,
	text
} from '$lib/server/form-fields';
import { PRESENCE } from '$lib/domain/directory';

export const personSchema = z.object({
	id: optionalId,
	name: required(30),
	workNo: required(20),
	position: required(30),
	department: text(30),
	extension: text(20),
	sort: sortOrder,
	active: checkbox
});

/** 去向: the status, an optional end ("YYYY-MM-DDTHH:MM" in the community's zone) and a note. */
export function presenceSchema(timeZone: string) {
	return z.object({
		id: rowId,
		status: z.enum(PRESENCE, { error: () => m.directory_status_missing() }),
		until: optionalLocalDateTime(timeZone, m.directory_until_invalid),
		note: text(60)
	});
}
