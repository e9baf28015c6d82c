import { PAYMENT_METHODS, type PaymentMethod } from '../db/schema';
import { parseYuanPositive } from '../../money';
import { m } from '$lib/paraglide/messages.js';
import { LedgerError } from './errors';

export interface MethodFields {
	method: PaymentMethod;
	methodRef: string;
	bank: string;
	tenderedFen: number | null;
	payerName: string;
	idempotencyKey: string;
}

export type MethodParse = { ok: true; data: MethodFields } | { ok: false; errors: Record<string, string> };

/**
 * Reads the payment-method part of every money-taking form (fees, renovation, move-in):
 * `method`, `tendered` (cash, yuan), `methodRef`, `bank`, `payerName`, `idem`. One parser so
 * every counter form accepts and refuses the same things with the same messages.
 */
export function parseMethodFields(form: FormData): MethodParse {
	const get = (name: string) => String(form.get(name) ?? '');
	const payerName = get('payerName').trim();
	const idempotencyKey = get('idem');
	const checked = checkMethod({ method: get('method'), tendered: get('tendered'), methodRef: get('methodRef'), bank: get('bank') });
	const errors: Record<string, string> = { ...checked.errors };
	if (!/^[0-9a-f-]{36}$/i.test(idempotencyKey)) errors._form = m.form_stale();
	if (payerName.length > 100) errors.payerName = m.validation_too_long({ max: 100 });
	if (Object.keys(errors).length || !checked.ok) return { ok: false, errors };
	return { ok: true, data: { ...checked.data, payerName, idempotencyKey } };
}

export const MAX_REF_LENGTH = 100;

export type MethodCheck =
	| { ok: true; data: { method: PaymentMethod; tenderedFen: number | null; methodRef: string; bank: string }; errors: Record<string, never> }
	| { ok: false; errors: Partial<Record<'method' | 'tendered' | 'methodRef' | 'bank', string>> };

/**
 * The rules every counter payment form shares: a known method; cash needs the amount received
 * (a positive amount to the fen); other methods a reference; a transfer its bank.
 */
export function checkMethod(input: { method: string; tendered: string; methodRef: string; bank: string }): MethodCheck {
	const errors: Partial<Record<'method' | 'tendered' | 'methodRef' | 'bank', string>> = {};
	const method = input.method as PaymentMethod;
	const methodRef = input.methodRef.trim();
	const bank = input.bank.trim();
	if (!PAYMENT_METHODS.includes(method)) errors.method = m.ledger_method_required();
	let tenderedFen: number | null = null;
	if (method === 'cash') {
		const t = parseYuanPositive(input.tendered);
		if (t.ok) tenderedFen = t.fen;
		else errors.tendered = amountMessage(t.error);
	} else if (PAYMENT_METHODS.includes(method) && !methodRef) {
		errors.methodRef = m.ledger_ref_required();
	}
	if (methodRef.length > MAX_REF_LENGTH) errors.methodRef = m.validation_too_long({ max: MAX_REF_LENGTH });
	if (method === 'transfer' && !bank) errors.bank = m.ledger_bank_required();
	if (bank.length > MAX_REF_LENGTH) errors.bank = m.validation_too_long({ max: MAX_REF_LENGTH });
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		errors: {},
		data: { method, tenderedFen, methodRef: method === 'cash' ? '' : methodRef, bank: method === 'transfer' ? bank : '' }
	};
}

/** The translated message for a refused amount (shared by every money input). */
export function amountMessage(error: string): string {
	switch (error) {
		case 'empty':
			return m.ledger_amount_empty();
		case 'negative':
			return m.ledger_amount_negative();
		case 'zero':
			return m.ledger_amount_zero();
		case 'too_many_decimals':
			return m.ledger_amount_decimals();
		case 'too_large':
			return m.ledger_amount_too_large();
		default:
			return m.ledger_amount_invalid();
	}
}

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
