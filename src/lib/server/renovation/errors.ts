import { AppError, type ErrorDetail } from '../errors';

/**
 * A refused renovation write. `code` maps to a translated message (messages.ts); `detail` fills
 * it in (which worker, which deduction…). Thrown inside the transaction: nothing was written.
 * Every refusal answers 409: the application's state decides what may be written.
 */
export class RenovationError extends AppError {
	constructor(code: string, detail: ErrorDetail = {}) {
		super('renovation', code, detail, 409);
		this.name = 'RenovationError';
	}
}
