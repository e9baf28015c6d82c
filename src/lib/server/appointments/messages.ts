// Translations of refused appointment writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { AppointmentErrorCode } from './errors';

export const appointmentMessages: ErrorMessages<AppointmentErrorCode> = {
	messages: {
		not_found: () => m.appointments_not_found(),
		unknown_unit: (d) => m.appointments_unknown_unit({ code: String(d.code ?? '') }),
		unknown_ref: (d) => m.appointments_unknown_ref({ ref: String(d.ref ?? '') }),
		no_slot: () => m.appointments_no_slot(),
		slot_past: () => m.appointments_slot_past(),
		too_far: () => m.appointments_too_far(),
		slot_full: () => m.appointments_slot_full_error(),
		already_closed: () => m.appointments_already_closed(),
		reason_required: () => m.appointments_reason_required(),
		from_past: () => m.appointments_from_past(),
		from_invalid: () => m.appointments_from_invalid()
	},
	fields: {
		unknown_unit: 'unit',
		unknown_ref: 'ref',
		no_slot: 'slot',
		slot_past: 'slot',
		too_far: 'day',
		slot_full: 'slot',
		reason_required: 'note',
		from_past: 'from',
		from_invalid: 'from'
	},
	fallback: () => m.appointments_not_found()
};
