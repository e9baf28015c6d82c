import { m } from '$lib/paraglide/messages.js';
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
		default:
			return m.kiosk_queue_err_generic();
	}
}
