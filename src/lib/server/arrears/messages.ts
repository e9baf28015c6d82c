// Translations of refused arrears writes and file links. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { ArrearsErrorCode } from './errors';

export const arrearsMessages: ErrorMessages<ArrearsErrorCode> = {
	messages: {
		unknown_unit: () => m.arrears_error_unknown_unit(),
		nothing_owing: () => m.arrears_error_nothing_owing(),
		stale_form: () => m.arrears_error_form(),
		bad_format: () => m.arrears_error_format(),
		unknown_batch: () => m.arrears_error_batch(),
		building_needed: () => m.arrears_error_building_needed()
	},
	fallback: () => m.arrears_error_form()
};
