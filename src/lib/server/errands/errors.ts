import { AppError, statusOf } from '../errors';

/** A refused errand write (thrown inside its transaction: nothing is written). */
export type ErrandErrorCode =
	'not_found' | 'unknown_unit' | 'due_past' | 'due_too_far' | 'already_closed';

const status = statusOf<ErrandErrorCode>({ not_found: 404, already_closed: 409 });

export class ErrandError extends AppError<ErrandErrorCode> {
	constructor(code: ErrandErrorCode, detail: Record<string, unknown> = {}) {
		super('errands', code, detail, status(code));
		this.name = 'ErrandError';
	}
}
