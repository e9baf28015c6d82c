import { m } from '$lib/paraglide/messages.js';
import { LedgerError } from './errors';

// The method fields are zod schemas in ./forms.ts; these names stay for the routes that use them.
export { amountMessage, MAX_REF_LENGTH, parseMethodFields, type MethodFields } from './forms';

/** The translated message for a refused ledger write. */
export function ledgerErrorMessage(e: LedgerError): string {
	switch (e.code) {
		case 'tendered_short':
			return m.ledger_tendered_short();
		case 'already_paid':
			return m.ledger_already_paid();
		case 'no_open_shift':
			return m.ledger_no_open_shift();
		case 'already_voided':
			return m.ledger_already_voided();
		case 'not_found':
			return m.ledger_not_found();
		case 'idempotency_conflict':
		case 'idempotency_key':
			return m.form_stale();
		case 'method_ref_missing':
			return m.ledger_ref_required();
		case 'bank_missing':
			return m.ledger_bank_required();
		case 'reason_missing':
			return m.ledger_reason_required();
		case 'too_large':
			return m.ledger_amount_too_large();
		case 'no_lines':
			return m.ledger_nothing_selected();
		default:
			return m.ledger_refused();
	}
}

export { methodLabel } from '../../payment-methods';
