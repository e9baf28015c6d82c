import { areaError } from '../errors';

/** A refused visitor write (thrown inside its transaction: nothing is written). */
export type VisitorErrorCode =
	'not_found' | 'unknown_unit' | 'id_invalid' | 'not_confirmed' | 'already_left';

export const VisitorError = areaError<VisitorErrorCode>('visitors', 'VisitorError', {
	not_found: 404,
	already_left: 409
});
export type VisitorError = InstanceType<typeof VisitorError>;
