// Translations of refused changes to the records. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { RecordsErrorCode } from './errors';

// The field is named where the error is thrown (a unit code on one form, a person on another).
const thrownField = (d: Record<string, unknown>) => (typeof d.field === 'string' ? d.field : null);

const messages: ErrorMessages<RecordsErrorCode>['messages'] = {
	not_found: () => m.records_err_not_found(),
	unit_not_found: () => m.records_err_unit_not_found(),
	person_not_found: () => m.records_err_person_not_found(),
	space_not_found: () => m.records_err_space_not_found(),
	code_taken: () => m.records_err_code_taken(),
	space_code_taken: () => m.records_err_space_code_taken(),
	no_change: () => m.records_err_no_change(),
	end_before_start: () => m.records_err_end_before_start(),
	already_ended: () => m.records_err_already_ended(),
	tie_exists: () => m.records_err_tie_exists(),
	owner_exists: () => m.records_err_owner_exists(),
	date_invalid: () => m.records_err_date(),
	date_future: () => m.records_err_date_future(),
	date_before_tie: () => m.records_err_date_before_tie(),
	same_owner: () => m.records_err_same_owner(),
	no_current_owner: () => m.records_err_no_current_owner(),
	holding_overlap: () => m.records_err_holding_overlap()
};

export const recordsMessages: ErrorMessages<RecordsErrorCode> = {
	messages,
	fields: Object.fromEntries(Object.keys(messages).map((code) => [code, thrownField])),
	fallback: () => m.form_stale()
};
