import { areaError } from '../errors';

/** A refused errand write (thrown inside its transaction: nothing is written). */
export type ErrandErrorCode =
	'not_found' | 'unknown_unit' | 'due_past' | 'due_too_far' | 'already_closed';

export const ErrandError = areaError<ErrandErrorCode>('errands', 'ErrandError', {
	not_found: 404,
	already_closed: 409
});
export type ErrandError = InstanceType<typeof ErrandError>;
