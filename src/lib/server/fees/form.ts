// Reading the counter payment form and translating refusals. Routes only (uses Paraglide);
// scripts and tests import the fees module through index.ts, which does not export this file.
import { m } from '$lib/paraglide/messages.js';
import { formatYuan, parseFenPositive, type ParseYuanPositiveResult } from '$lib/money';
import type { PaymentMethod } from '$lib/server/db/schema';
import { LedgerError } from '$lib/server/ledger';
import { amountMessage, checkMethod, ledgerErrorMessage } from '$lib/server/ledger/method-form';
import { MAX_PREPAY_MONTHS } from './pay';

export interface PaymentForm {
	billIds: number[];
	lateIds: number[];
	prepay: number;
	method: PaymentMethod;
	tenderedFen: number | null;
	methodRef: string;
	bank: string;
	payerName: string;
	key: string;
	expectedTotalFen?: number;
}

export type FormRead = { ok: true; data: PaymentForm; values: Record<string, string> } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** The translated message for a refused amount, or null when it parsed. */
export function amountError(r: ParseYuanPositiveResult): string | null {
	return r.ok ? null : amountMessage(r.error);
}

const ID = /^\d{1,12}$/;
const str = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** Validates the payment form; every error is per field and translated. Values come back to refill it. */
export function readPaymentForm(form: FormData, withExpectedTotal: boolean): FormRead {
	const errors: Record<string, string> = {};
	const bills = form.getAll('bill').map(String);
	const late = form.getAll('late').map(String);
	const values: Record<string, string> = {
		bill: bills.join(',').slice(0, 4000),
		late: late.join(',').slice(0, 4000),
		prepay: str(form, 'prepay').slice(0, 10),
		method: str(form, 'method').slice(0, 20),
		tendered: str(form, 'tendered').slice(0, 40),
		ref: str(form, 'ref').slice(0, 200),
		bank: str(form, 'bank').slice(0, 200),
		payer: str(form, 'payer').slice(0, 200),
		key: str(form, 'key').slice(0, 200)
	};
	if (!bills.every((b) => ID.test(b)) || !late.every((b) => ID.test(b)) || bills.length > 600) errors._form = m.fees_error_form();
	if (!/^[\w-]{8,100}$/.test(values.key)) errors._form = m.fees_error_form();

	const prepayText = values.prepay.trim();
	const prepay = prepayText === '' ? 0 : Number(prepayText);
	if (!/^\d{0,2}$/.test(prepayText) || prepay > MAX_PREPAY_MONTHS) errors.prepay = m.fees_error_bad_prepay();

	const checked = checkMethod({ method: values.method, tendered: values.tendered, methodRef: values.ref, bank: values.bank });
	if (!checked.ok) {
		// This form names the reference field `ref`.
		const { methodRef, ...rest } = checked.errors;
		Object.assign(errors, rest, methodRef ? { ref: methodRef } : {});
	}
	const payerName = values.payer.trim();
	if (!payerName) errors.payer = m.fees_error_payer_missing();
	else if (payerName.length > 100) errors.payer = m.fees_error_payer_too_long();

	let expectedTotalFen: number | undefined;
	if (withExpectedTotal) {
		const r = parseFenPositive(str(form, 'expectedTotal'));
		if (!r.ok) errors._form = m.fees_error_form();
		else expectedTotalFen = r.fen;
	}
	if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		data: {
			billIds: bills.map(Number),
			lateIds: late.map(Number),
			prepay,
			...checked.data,
			payerName,
			key: values.key,
			expectedTotalFen
		}
	};
}

/** A refused payment in the clerk's language; the field it belongs to when there is one. */
export function ledgerMessage(e: LedgerError): { message: string; field?: string } {
	const total = typeof e.detail.totalFen === 'number' ? formatYuan(e.detail.totalFen, { symbol: false }) : '';
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
