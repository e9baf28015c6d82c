// Translations of refused shift writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import { amountMessage } from '../ledger/forms';
import type { ErrorMessages } from '../errors';
import type { ShiftErrorCode } from './errors';
import { NOTE_MAX } from './commands';

/** Refused shift writes; at step 'acknowledge' the manager is told the shift is their own. */
export const shiftMessages: ErrorMessages<ShiftErrorCode> = {
	messages: {
		already_open: () => m.reports_shift_error_already_open(),
		not_open: () => m.reports_shift_error_not_open(),
		not_found: () => m.reports_shift_error_not_found(),
		not_yours: (_d, c) =>
			c.step === 'acknowledge'
				? m.reports_shift_error_own_shift()
				: m.reports_shift_error_not_yours(),
		bad_amount: () => amountMessage('too_large'),
		note_too_long: () => m.reports_shift_error_note_too_long({ max: NOTE_MAX }),
		note_required: () => m.reports_shift_error_note_required(),
		nothing_to_acknowledge: () => m.reports_shift_error_nothing_to_acknowledge(),
		already_acknowledged: () => m.reports_shift_error_already_acknowledged(),
		bad_successor: () => m.reports_shift_error_bad_successor(),
		idempotency_conflict: () => m.form_stale()
	},
	fields: { note_required: 'note' },
	fallback: () => m.form_stale()
};
