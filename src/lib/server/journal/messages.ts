// Translations of refused reconciliations. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import { STATEMENT_HEADER } from '$lib/domain/reconcile';
import type { ErrorMessages } from '../errors';
import type { JournalErrorCode } from './errors';
import { MAX_STATEMENT_LINES } from '../../domain/reconcile';

const line = (d: Record<string, unknown>) => Number(d.line ?? 0);

export const journalMessages: ErrorMessages<JournalErrorCode> = {
	messages: {
		stale_form: () => m.journal_error_form(),
		statement_empty: () => m.journal_error_statement_empty(),
		statement_header: () => m.journal_error_statement_header({ header: STATEMENT_HEADER }),
		statement_amount: (d) => m.journal_error_statement_amount({ line: line(d) }),
		statement_too_many: () => m.journal_error_statement_too_many({ max: MAX_STATEMENT_LINES }),
		statement_cell: (d) => m.journal_error_statement_cell({ line: line(d) }),
		statement_file: () => m.journal_error_statement_file()
	},
	fields: {
		statement_empty: 'file',
		statement_header: 'file',
		statement_amount: 'file',
		statement_too_many: 'file',
		statement_cell: 'file',
		statement_file: 'file'
	},
	fallback: () => m.journal_error_form()
};
