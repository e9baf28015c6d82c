import { AppError, statusOf } from '../errors';

/** Refused reminder writes and refused file links of the register (query-string checks). */
export type ArrearsErrorCode =
	| 'unknown_unit'
	| 'nothing_owing'
	| 'stale_form'
	| 'bad_format'
	| 'unknown_batch'
	| 'building_needed';

// A unit named in the page's URL is not found (404); one ticked in a list is bad input (the
// caller says 400); a batch where no unit owes any more is a state conflict.
const status = statusOf<ArrearsErrorCode>({ unknown_unit: 404, nothing_owing: 409 });

/** A refused arrears write or file link; `code` maps to a translated message (messages.ts). */
export class ArrearsError extends AppError<ArrearsErrorCode> {
	constructor(code: ArrearsErrorCode, detail: Record<string, unknown> = {}, httpStatus?: number) {
		super('arrears', code, detail, httpStatus ?? status(code));
		this.name = 'ArrearsError';
	}
}
