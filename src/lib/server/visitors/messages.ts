// Translations of refused visitor writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { VisitorErrorCode } from './errors';

export const visitorMessages: ErrorMessages<VisitorErrorCode> = {
	messages: {
		not_found: () => m.visitors_not_found(),
		unknown_unit: (d) => m.visitors_unknown_unit({ code: String(d.code ?? '') }),
		id_invalid: () => m.visitors_id_invalid(),
		not_confirmed: () => m.visitors_not_confirmed(),
		already_left: () => m.visitors_already_left()
	},
	fields: { unknown_unit: 'unit', id_invalid: 'idNumber', not_confirmed: 'confirmed' },
	fallback: () => m.visitors_not_found()
};
