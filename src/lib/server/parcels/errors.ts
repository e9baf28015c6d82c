import { areaError } from '../errors';
import type { PhotoError } from '../uploads/photos';

/** A refused parcel write (thrown inside its transaction, or before any file is kept: nothing is written). */
export type ParcelErrorCode =
	| 'not_found'
	| 'unknown_unit'
	| 'no_authorisation'
	| 'duplicate_tracking'
	| 'already_withdrawn'
	| 'already_collected'
	| 'id_missing'
	| 'not_authorised_collector'
	| PhotoError['code'];

export const ParcelError = areaError<ParcelErrorCode>('parcels', 'ParcelError', {
	not_found: 404,
	already_withdrawn: 409,
	already_collected: 409,
	duplicate_tracking: 409
});
export type ParcelError = InstanceType<typeof ParcelError>;
