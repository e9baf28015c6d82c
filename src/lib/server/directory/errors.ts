import { AppError, statusOf } from '../errors';

/** A refused directory write (thrown inside its transaction: nothing is written). */
export type DirectoryErrorCode = 'not_found' | 'work_no_taken' | 'until_past' | 'until_on_duty';

const status = statusOf<DirectoryErrorCode>({ not_found: 404, work_no_taken: 409 });

export class DirectoryError extends AppError<DirectoryErrorCode> {
	constructor(code: DirectoryErrorCode, detail: Record<string, unknown> = {}) {
		super('directory', code, detail, status(code));
		this.name = 'DirectoryError';
	}
}
