// Translates the charges area's refusal codes at the edge (routes only: uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import { failForm } from '$lib/server/forms';
import { ChargeError, chargeStatus } from './errors';

/** The translated message of a refusal and the form field it belongs to (if any). */
export function chargeMessage(e: ChargeError): { message: string; field?: string } {
	switch (e.code) {
		case 'not_found':
			return { message: m.ledger_not_found() };
		case 'unknown_unit':
			return {
				message: e.detail.code
					? m.charges_unknown_unit_code({ code: String(e.detail.code) })
					: m.charges_unknown_unit(),
				field: 'units'
			};
		case 'unknown_building':
			return {
				message: e.detail.building
					? m.charges_unknown_building({ building: String(e.detail.building) })
					: m.charges_scope_buildings_missing(),
				field: 'buildings'
			};
		case 'code_taken':
			return {
				message: m.charges_code_taken({ code: String(e.detail.code ?? '') }),
				field: 'code'
			};
		case 'past_month':
			return { message: m.fees_rates_past_month(), field: 'from' };
		case 'month_billed':
			return {
				message: m.charges_month_billed({ month: String(e.detail.month ?? '') }),
				field: 'from'
			};
		case 'bad_amount':
			return { message: m.charges_price_missing(), field: 'price' };
		case 'too_large':
			return { message: m.charges_price_too_large(), field: 'price' };
		case 'bad_quantity':
			return { message: m.charges_quantity_invalid({ max: 999 }), field: 'quantity' };
		case 'not_one_off':
			return { message: m.charges_choice_missing(), field: 'choice' };
		case 'price_changed':
			return { message: m.charges_price_changed() };
		case 'key_reused':
			return { message: m.charges_form_stale() };
	}
}

/** The standard failure answer for a refused write; anything else is rethrown. */
export function chargeFail(e: unknown, values: Record<string, string>, priceField = 'price') {
	if (!(e instanceof ChargeError)) throw e;
	const { message, field } = chargeMessage(e);
	const key = field === 'price' ? priceField : field;
	return failForm(chargeStatus(e.code), message, { errors: key ? { [key]: message } : {}, values });
}
