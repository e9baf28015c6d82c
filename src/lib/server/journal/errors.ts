import { areaError } from '../errors';

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

/** A refused reconciliation; `code` maps to a translated message (messages.ts). */
export const JournalError = areaError<JournalErrorCode>('journal', 'JournalError', {
	stale_form: 409
});
export type JournalError = InstanceType<typeof JournalError>;
