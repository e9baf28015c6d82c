import { areaError } from '../errors';

/**
 * A refused fee-item, price-list or charge write. Thrown inside the transaction, so nothing is
 * written; routes answer with `refusal()` (messages in `messages.ts`).
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

// 400 bad input, 404 not found, 409 a state or a conflict.
export const ChargeError = areaError<ChargeErrorCode>('charges', 'ChargeError', {
	not_found: 404,
	month_billed: 409,
	price_changed: 409,
	key_reused: 409,
	code_taken: 409
});
export type ChargeError = InstanceType<typeof ChargeError>;
