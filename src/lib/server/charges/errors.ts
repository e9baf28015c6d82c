/**
 * A refused fee-item, price-list or charge write. Thrown inside the transaction, so nothing is
 * written; the route maps the code to a translated message and a status (`chargeStatus`).
 */
export type ChargeErrorCode =
	| 'not_found'
	| 'unknown_unit'
	| 'unknown_building'
	| 'code_taken'
	| 'past_month'
	| 'month_billed'
	| 'bad_amount'
	| 'bad_quantity'
	| 'too_large'
	| 'not_one_off'
	| 'price_changed'
	| 'key_reused';

export class ChargeError extends Error {
	constructor(
		public code: ChargeErrorCode,
		public detail: Record<string, unknown> = {}
	) {
		super(code);
		this.name = 'ChargeError';
	}
}

/** 400 bad input, 404 not found, 409 a state or a conflict. */
export function chargeStatus(code: ChargeErrorCode): 400 | 404 | 409 {
	switch (code) {
		case 'not_found':
			return 404;
		case 'month_billed':
		case 'price_changed':
		case 'key_reused':
		case 'code_taken':
			return 409;
		default:
			return 400;
	}
}
