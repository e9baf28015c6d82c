// Translations of refused fee-item, price-list and charge writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { ChargeErrorCode } from './errors';

// A price is typed into `rate` on the rate forms (step 'rate') and into `price` elsewhere.
const priceField = (_d: unknown, c: { step?: string }) => (c.step === 'rate' ? 'rate' : 'price');

export const chargeMessages: ErrorMessages<ChargeErrorCode> = {
	messages: {
		not_found: () => m.ledger_not_found(),
		unknown_unit: (d) =>
			d.code ? m.charges_unknown_unit_code({ code: String(d.code) }) : m.charges_unknown_unit(),
		unknown_building: (d) =>
			d.building
				? m.charges_unknown_building({ building: String(d.building) })
				: m.charges_scope_buildings_missing(),
		code_taken: (d) => m.charges_code_taken({ code: String(d.code ?? '') }),
		past_month: () => m.fees_rates_past_month(),
		month_billed: (d) => m.charges_month_billed({ month: String(d.month ?? '') }),
		bad_amount: () => m.charges_price_missing(),
		too_large: () => m.charges_price_too_large(),
		bad_quantity: () => m.charges_quantity_invalid({ max: 999 }),
		not_one_off: () => m.charges_choice_missing(),
		price_changed: () => m.charges_price_changed(),
		key_reused: () => m.charges_form_stale()
	},
	fields: {
		unknown_unit: 'units',
		unknown_building: 'buildings',
		code_taken: 'code',
		past_month: 'from',
		month_billed: 'from',
		bad_amount: priceField,
		too_large: priceField,
		bad_quantity: 'quantity',
		not_one_off: 'choice'
	},
	fallback: () => m.charges_form_stale()
};
