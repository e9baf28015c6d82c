import { m } from '$lib/paraglide/messages.js';
import { PHONE_MAX_PER_DAY } from '$lib/domain/queue';
import type { ErrorMessages } from '../errors';

/** Refused queue actions, in the request's language. */
export const queueMessages: ErrorMessages = {
	messages: {
		bad_service: () => m.kiosk_queue_err_service(),
		bad_priority: () => m.kiosk_queue_err_priority(),
		bad_counter: () => m.kiosk_queue_err_counter(),
		not_found: () => m.kiosk_queue_err_not_found(),
		not_waiting: () => m.kiosk_queue_err_not_waiting(),
		not_called: () => m.kiosk_queue_err_not_called(),
		finished: () => m.kiosk_queue_err_finished(),
		kiosk_busy: () => m.kiosk_queue_err_kiosk_busy(),
		kiosk_waiting: () => m.kiosk_queue_err_kiosk_waiting(),
		phone_waiting: (d) => m.kiosk_queue_err_phone_waiting({ no: String(d.queueNo ?? '') }),
		phone_day: () => m.kiosk_queue_err_phone_day({ count: PHONE_MAX_PER_DAY }),
		address_busy: () => m.kiosk_queue_err_address_busy()
	},
	fallback: () => m.kiosk_queue_err_generic()
};
