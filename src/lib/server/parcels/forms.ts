// The parcel forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { AUTH_CHANNELS, PARCEL_ID_TYPES } from '$lib/domain/parcels';
import {
	formKey,
	localDate,
	oneOfOrAny,
	optionalLocalDateTime,
	phone,
	required,
	rowId,
	text
} from '$lib/server/form-fields';
import { PARCEL_VIEWS } from './queries';

export const authorisationSchema = z.object({
	unit: required(30),
	channel: z.enum(AUTH_CHANNELS, { error: () => m.parcels_channel_missing() }),
	givenOn: localDate(),
	givenBy: required(30),
	persons: text(200),
	note: text(200),
	formKey
});

export const withdrawSchema = z.object({ id: rowId, reason: text(200) });

export function intakeSchema(timeZone: string) {
	return z.object({
		unit: required(30),
		courier: required(30),
		trackingNo: required(40),
		recipient: required(30),
		slot: required(20),
		calledPhone: phone,
		calledAt: optionalLocalDateTime(timeZone),
		answeredBy: text(30),
		formKey
	});
}

/** The ID fields may come empty: the command refuses that with its own message (id_missing). */
export const handoverSchema = z.object({
	id: rowId,
	collector: required(30),
	idType: oneOfOrAny(PARCEL_ID_TYPES, m.parcels_id_missing).transform((s) => s ?? ''),
	idLast4: text(4)
});

export const listQuerySchema = z.object({
	view: oneOfOrAny(PARCEL_VIEWS, m.parcels_view_invalid),
	unit: z.string().max(20).optional(),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});
