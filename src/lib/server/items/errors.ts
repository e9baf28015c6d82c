import { areaError } from '../errors';

/** A refused 寄存 / 放行 write (thrown inside its transaction: nothing is written). */
export type ItemErrorCode =
	| 'not_found'
	| 'unknown_unit'
	| 'claim_by_past'
	| 'claim_by_too_far'
	| 'claimer_name_missing'
	| 'already_claimed'
	| 'not_claimer'
	| 'id_missing'
	| 'no_consent'
	| 'consent_by_missing'
	| 'consent_phone_missing'
	| 'consent_id_missing'
	| 'consent_note_missing'
	| 'valid_past'
	| 'valid_too_far'
	| 'release_expired'
	| 'already_passed';

export const ItemError = areaError<ItemErrorCode>('items', 'ItemError', {
	not_found: 404,
	already_claimed: 409,
	already_passed: 409,
	release_expired: 409
});
export type ItemError = InstanceType<typeof ItemError>;
