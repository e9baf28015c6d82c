/** A refused shift write; `code` maps to a translated message in the route. Nothing was written. */
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

export class ShiftError extends Error {
	constructor(public code: ShiftErrorCode) {
		super(code);
		this.name = 'ShiftError';
	}
}
