// Reading the counter payment form and translating refusals. Routes only (uses Paraglide);
// scripts and tests import the fees module through index.ts, which does not export this file.
import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '$lib/money';
import { LedgerError } from '$lib/server/ledger';
import { ledgerErrorMessage } from '$lib/server/ledger/method-form';
import { formValues, parseForm } from '$lib/server/forms';
import { paymentSchema, type PaymentForm } from './forms';

export type { PaymentForm };

export type FormRead =
	| { ok: true; data: PaymentForm; values: Record<string, string> }
	| { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Validates the payment form (fees/forms.ts); every error is per field and translated. Values come back to refill it. */
export function readPaymentForm(form: FormData, withExpectedTotal: boolean): FormRead {
	const read = parseForm(paymentSchema(withExpectedTotal), form);
	return read.ok ? { ok: true, data: read.data, values: formValues(form) } : read;
}

/** A refused payment in the clerk's language; the field it belongs to when there is one. */
export function ledgerMessage(e: LedgerError): { message: string; field?: string } {
	const total =
		typeof e.detail.totalFen === 'number' ? formatYuan(e.detail.totalFen, { symbol: false }) : '';
	switch (e.code) {
		case 'stale':
			return { message: m.fees_error_stale({ total }) };
		case 'tendered_short':
			return { message: m.ledger_tendered_short(), field: 'tendered' };
		case 'tendered_missing':
			return { message: m.ledger_amount_empty(), field: 'tendered' };
		case 'change_too_large':
			return { message: m.fees_error_change_too_large(), field: 'tendered' };
		case 'method_ref_missing':
			return { message: m.ledger_ref_required(), field: 'ref' };
		case 'bank_missing':
			return { message: m.ledger_bank_required(), field: 'bank' };
		case 'payer_missing':
			return { message: m.fees_error_payer_missing(), field: 'payer' };
		case 'payer_too_long':
			return { message: m.fees_error_payer_too_long(), field: 'payer' };
		case 'bad_prepay':
			return { message: m.fees_error_bad_prepay(), field: 'prepay' };
		case 'nothing_selected':
			return { message: m.ledger_nothing_selected() };
		case 'idempotency_conflict':
			return { message: m.fees_error_conflict() };
		case 'idempotency_key':
		case 'bad_input':
			return { message: m.fees_error_form() };
		default:
			return { message: ledgerErrorMessage(e) };
	}
}
