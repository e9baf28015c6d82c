import { m } from '$lib/paraglide/messages.js';
import type { QueuePriority, QueueService, QueueState } from '$lib/domain/queue';

/* Translated names of the queue vocabulary, for the kiosk, the hall display and the counter. */

export const serviceLabel = (s: QueueService): string =>
	({
		payment: m.kiosk_service_payment,
		renovation: m.kiosk_service_renovation,
		movein: m.kiosk_service_movein,
		report: m.kiosk_service_report,
		keys: m.kiosk_service_keys,
		other: m.kiosk_service_other
	})[s]();

export const serviceHint = (s: QueueService): string =>
	({
		payment: m.kiosk_service_payment_hint,
		renovation: m.kiosk_service_renovation_hint,
		movein: m.kiosk_service_movein_hint,
		report: m.kiosk_service_report_hint,
		keys: m.kiosk_service_keys_hint,
		other: m.kiosk_service_other_hint
	})[s]();

export const priorityLabel = (p: QueuePriority): string =>
	({
		normal: m.kiosk_priority_normal,
		elderly: m.kiosk_priority_elderly,
		urgent: m.kiosk_priority_urgent
	})[p]();

/** A short badge for numbers that go first; '' for the rest. */
export const priorityBadge = (p: QueuePriority): string =>
	p === 'urgent'
		? m.kiosk_priority_badge_urgent()
		: p === 'elderly'
			? m.kiosk_priority_badge_elderly()
			: '';

export const queueStateLabel = (s: QueueState): string =>
	({
		waiting: m.kiosk_state_waiting,
		called: m.kiosk_state_called,
		finished: m.kiosk_state_finished,
		no_show: m.kiosk_state_no_show
	})[s]();
