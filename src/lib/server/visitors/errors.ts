import { AppError, statusOf } from '../errors';

/** A refused visitor write (thrown inside its transaction: nothing is written). */
export type VisitorErrorCode =
	'not_found' | 'unknown_unit' | 'id_invalid' | 'not_confirmed' | 'already_left';

const status = statusOf<VisitorErrorCode>({ not_found: 404, already_left: 409 });

export class VisitorError extends AppError<VisitorErrorCode> {
	constructor(code: VisitorErrorCode, detail: Record<string, unknown> = {}) {
		super('visitors', code, detail, status(code));
		this.name = 'VisitorError';
	}
}
