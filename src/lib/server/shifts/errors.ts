import { AppError, statusOf } from '../errors';

export type ShiftErrorCode =
	| 'already_open'
	| 'not_open'
	| 'not_found'
	| 'not_yours'
	| 'bad_amount'
	| 'note_too_long'
	| 'note_required'
	| 'nothing_to_acknowledge'
	| 'already_acknowledged'
	| 'bad_successor'
	| 'idempotency_conflict';

// A shift's state decides what may be written: most refusals are conflicts.
const status = statusOf<ShiftErrorCode>({ not_found: 404, note_required: 400 }, 409);

/** A refused shift write; `code` maps to a translated message (messages.ts). Nothing was written. */
export class ShiftError extends AppError<ShiftErrorCode> {
	constructor(code: ShiftErrorCode) {
		super('shifts', code, {}, status(code));
		this.name = 'ShiftError';
	}
}
