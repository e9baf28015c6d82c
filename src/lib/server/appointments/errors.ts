import { AppError, statusOf } from '../errors';

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

const status = statusOf<AppointmentErrorCode>({
	not_found: 404,
	already_closed: 409,
	slot_full: 409
});

export class AppointmentError extends AppError<AppointmentErrorCode> {
	constructor(code: AppointmentErrorCode, detail: Record<string, unknown> = {}) {
		super('appointments', code, detail, status(code));
		this.name = 'AppointmentError';
	}
}
