// Reading the counter payment form (refusals are translated by `ledger/messages.ts`). Routes
// only; scripts and tests import the fees module through index.ts, which does not export this file.
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
