// Translations of refused errand writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { ErrandErrorCode } from './errors';

export const errandMessages: ErrorMessages<ErrandErrorCode> = {
	messages: {
		not_found: () => m.errands_not_found(),
		unknown_unit: (d) => m.errands_unknown_unit({ code: String(d.code ?? '') }),
		due_past: () => m.errands_due_past(),
		due_too_far: () => m.errands_due_too_far(),
		already_closed: () => m.errands_already_closed()
	},
	fields: { unknown_unit: 'unit', due_past: 'due', due_too_far: 'due' },
	fallback: () => m.errands_not_found()
};
