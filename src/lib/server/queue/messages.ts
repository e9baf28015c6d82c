import { m } from '$lib/paraglide/messages.js';
import { PHONE_MAX_PER_DAY } from '$lib/domain/queue';
import { QueueError } from './commands';

/** A refused queue action in the request's language (null: not a queue refusal, rethrow it). */
export function queueErrorMessage(e: unknown): string | null {
	if (!(e instanceof QueueError)) return null;
	switch (e.code) {
		case 'bad_service':
			return m.kiosk_queue_err_service();
		case 'bad_priority':
			return m.kiosk_queue_err_priority();
		case 'bad_counter':
			return m.kiosk_queue_err_counter();
		case 'not_found':
			return m.kiosk_queue_err_not_found();
		case 'not_waiting':
			return m.kiosk_queue_err_not_waiting();
		case 'not_called':
			return m.kiosk_queue_err_not_called();
		case 'finished':
			return m.kiosk_queue_err_finished();
		case 'kiosk_busy':
			return m.kiosk_queue_err_kiosk_busy();
		case 'kiosk_waiting':
			return m.kiosk_queue_err_kiosk_waiting();
		case 'phone_waiting':
			return m.kiosk_queue_err_phone_waiting({ no: e.queueNo ?? '' });
		case 'phone_day':
			return m.kiosk_queue_err_phone_day({ count: PHONE_MAX_PER_DAY });
		case 'address_busy':
			return m.kiosk_queue_err_address_busy();
		default:
			return m.kiosk_queue_err_generic();
	}
}

/** A refusal by the take limits (429: try later) rather than by the input (400). */
export function isTakeLimit(e: unknown): boolean {
	return (
		e instanceof QueueError &&
		['kiosk_busy', 'kiosk_waiting', 'phone_waiting', 'phone_day', 'address_busy'].includes(e.code)
	);
}
