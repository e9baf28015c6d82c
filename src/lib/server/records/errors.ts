import { AppError, statusOf } from '../errors';

export type RecordsErrorCode =
	| 'not_found'
	| 'unit_not_found'
	| 'person_not_found'
	| 'space_not_found'
	| 'code_taken'
	| 'space_code_taken'
	| 'no_change'
	| 'end_before_start'
	| 'already_ended'
	| 'tie_exists'
	| 'owner_exists'
	| 'date_invalid'
	| 'date_future'
	| 'date_before_tie'
	| 'same_owner'
	| 'no_current_owner'
	| 'holding_overlap';

// A record that is already there or already over is a conflict; the rest is bad input.
const status = statusOf<RecordsErrorCode>({
	code_taken: 409,
	space_code_taken: 409,
	already_ended: 409,
	tie_exists: 409,
	owner_exists: 409,
	same_owner: 409
});

/**
 * A refused change to the records; `code` maps to a translated message (messages.ts). The same
 * code concerns different fields on different forms, so the thrower names the `field` it marks.
 * Thrown inside the transaction: nothing was written.
 */
export class RecordsError extends AppError<RecordsErrorCode, { field?: string }> {
	constructor(code: RecordsErrorCode, field: string | null = null) {
		super('records', code, field ? { field } : {}, status(code));
		this.name = 'RecordsError';
	}

	/** The form field the refusal marks, if any. */
	get field(): string | null {
		return this.detail.field ?? null;
	}
}
