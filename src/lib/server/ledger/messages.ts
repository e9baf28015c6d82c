// Translations of refused ledger writes, for every form that posts or voids money. Routes only
// (uses Paraglide); scripts and tests import the ledger through index.ts, which does not export it.
import { m } from '$lib/paraglide/messages.js';
import { formatYuan } from '../../money';
import { VOID_REASON_MAX } from '../../domain/voids';
import type { ErrorMessages } from '../errors';

/** The counter payment form (fees) answers a few codes in its own words: step 'payment'. */
const payment = (step: string | undefined) => step === 'payment';

export const ledgerMessages: ErrorMessages = {
	messages: {
		tendered_short: () => m.ledger_tendered_short(),
		tendered_missing: () => m.ledger_amount_empty(),
		change_too_large: () => m.fees_error_change_too_large(),
		already_paid: () => m.ledger_already_paid(),
		no_open_shift: () => m.ledger_no_open_shift(),
		already_voided: () => m.ledger_already_voided(),
		not_found: () => m.ledger_not_found(),
		idempotency_conflict: (_d, c) => (payment(c.step) ? m.fees_error_conflict() : m.form_stale()),
		idempotency_key: (_d, c) => (payment(c.step) ? m.fees_error_form() : m.form_stale()),
		bad_input: (_d, c) => (payment(c.step) ? m.fees_error_form() : m.ledger_refused()),
		method_ref_missing: () => m.ledger_ref_required(),
		bank_missing: () => m.ledger_bank_required(),
		reason_missing: () => m.ledger_reason_required(),
		reason_too_long: () => m.receipts_voids_reason_too_long({ max: VOID_REASON_MAX }),
		too_large: () => m.ledger_amount_too_large(),
		no_lines: () => m.ledger_nothing_selected(),
		nothing_selected: () => m.ledger_nothing_selected(),
		stale: (d) =>
			m.fees_error_stale({
				total: typeof d.totalFen === 'number' ? formatYuan(d.totalFen, { symbol: false }) : ''
			}),
		payer_missing: () => m.fees_error_payer_missing(),
		payer_too_long: () => m.fees_error_payer_too_long(),
		bad_prepay: () => m.fees_error_bad_prepay(),
		own_receipt: (d) =>
			m.receipts_voids_own_receipt({ cashier: typeof d.cashier === 'string' ? d.cashier : '' }),
		not_allowed: () => m.receipts_voids_not_allowed(),
		deposit_settled: (d) =>
			m.receipts_voids_deposit_settled({
				vouchers: Array.isArray(d.vouchers) ? d.vouchers.join('、') : ''
			}),
		category_missing: () => m.receipts_voids_category_missing(),
		category_invalid: () => m.receipts_voids_category_missing()
	},
	fields: {
		tendered_short: 'tendered',
		tendered_missing: 'tendered',
		change_too_large: 'tendered',
		// Every counter form names them as the shared PaymentMethodFields does.
		method_ref_missing: 'methodRef',
		bank_missing: 'bank',
		payer_missing: 'payerName',
		payer_too_long: 'payerName',
		bad_prepay: 'prepay',
		category_missing: 'category',
		category_invalid: 'category'
	},
	fallback: () => m.ledger_refused()
};
