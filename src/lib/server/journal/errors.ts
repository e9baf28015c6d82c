import { AppError, statusOf } from '../errors';

/** Refused reconciliations and journal links. */
export type JournalErrorCode =
	| 'stale_form'
	| 'statement_empty'
	| 'statement_header'
	| 'statement_amount'
	| 'statement_too_many'
	| 'statement_cell'
	| 'statement_file';

// Everything here is bad input (400) except a form key reused for another day (a conflict).
const status = statusOf<JournalErrorCode>({ stale_form: 409 });

/** A refused reconciliation; `code` maps to a translated message (messages.ts). */
export class JournalError extends AppError<JournalErrorCode> {
	constructor(code: JournalErrorCode, detail: Record<string, unknown> = {}) {
		super('journal', code, detail, status(code));
		this.name = 'JournalError';
	}
}
