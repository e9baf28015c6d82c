import { areaError } from '../errors';

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

/**
 * A refused shift write; `code` maps to a translated message (messages.ts). Nothing was written.
 * A shift's state decides what may be written: most refusals are conflicts (409).
 */
export const ShiftError = areaError<ShiftErrorCode>(
	'shifts',
	'ShiftError',
	{ not_found: 404, note_required: 400 },
	409
);
export type ShiftError = InstanceType<typeof ShiftError>;
