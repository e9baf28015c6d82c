import { m } from '$lib/paraglide/messages.js';
import type { TicketKind, TicketState } from '$lib/domain/tickets';

/*
 * A ticket in the resident's words (报修, 等待安排师傅), not the service centre's (工程报事, 待派工).
 * Apart from the queue's words (../labels.ts): the start screen preloads the queue page's code, and
 * these would ride along.
 */

export const residentKindLabel = (k: TicketKind): string =>
	({
		engineering: m.kiosk_report_kind_engineering,
		property: m.kiosk_report_kind_property,
		service_complaint: m.kiosk_report_kind_service_complaint,
		developer_complaint: m.kiosk_report_kind_developer_complaint,
		enquiry: m.kiosk_report_kind_enquiry
	})[k]();

export const residentStateLabel = (s: TicketState): string =>
	({
		awaiting_approval: m.kiosk_resident_state_awaiting_approval,
		approved: m.kiosk_resident_state_approved,
		open: m.kiosk_resident_state_open,
		dispatched: m.kiosk_resident_state_dispatched,
		completed: m.kiosk_resident_state_completed,
		visited: m.kiosk_resident_state_visited,
		closed: m.kiosk_resident_state_closed
	})[s]();
