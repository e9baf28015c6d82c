import { areaError } from '../errors';

/** A refused appointment write (thrown inside its transaction: nothing is written). */
export type AppointmentErrorCode =
	| 'not_found'
	| 'unknown_unit'
	| 'unknown_ref'
	| 'no_slot'
	| 'slot_past'
	| 'too_far'
	| 'slot_full'
	| 'already_closed'
	| 'reason_required'
	| 'from_past'
	| 'from_invalid';

export const AppointmentError = areaError<AppointmentErrorCode>(
	'appointments',
	'AppointmentError',
	{
		not_found: 404,
		already_closed: 409,
		slot_full: 409
	}
);
export type AppointmentError = InstanceType<typeof AppointmentError>;
