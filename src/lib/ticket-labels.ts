// Relative imports (not $lib): the daily report's PDF and CSV use the limit names too, and
// `npm run bench` loads them through plain node.
import { m } from './paraglide/messages.js';
import type { Locale } from './paraglide/runtime.js';
import type {
	Department,
	TicketEventType,
	TicketKind,
	TicketSource,
	TicketState,
	TicketUrgency,
	VisitMethod,
	VisitRating,
	CheckResult,
	TicketAction,
	EditableField
} from './domain/tickets';
import type { Deadline, Limit } from './domain/sla';

/* Translated names of the ticket vocabulary, for pages, the CSV export and messages. */

export const kindLabel = (k: TicketKind): string =>
	({
		engineering: m.tickets_kind_engineering,
		property: m.tickets_kind_property,
		service_complaint: m.tickets_kind_service_complaint,
		developer_complaint: m.tickets_kind_developer_complaint,
		enquiry: m.tickets_kind_enquiry
	})[k]();

export const sourceLabel = (s: TicketSource): string =>
	({
		counter: m.tickets_source_counter,
		phone: m.tickets_source_phone,
		kiosk: m.tickets_source_kiosk,
		mobile: m.tickets_source_mobile
	})[s]();

export const urgencyLabel = (u: TicketUrgency): string =>
	({ normal: m.tickets_urgency_normal, urgent: m.tickets_urgency_urgent })[u]();

export const stateLabel = (s: TicketState): string =>
	({
		awaiting_approval: m.tickets_state_awaiting_approval,
		approved: m.tickets_state_approved,
		open: m.tickets_state_open,
		dispatched: m.tickets_state_dispatched,
		completed: m.tickets_state_completed,
		visited: m.tickets_state_visited,
		closed: m.tickets_state_closed
	})[s]();

export const departmentLabel = (d: Department): string =>
	({
		engineering: m.tickets_dept_engineering,
		cleaning: m.tickets_dept_cleaning,
		security: m.tickets_dept_security,
		green: m.tickets_dept_green,
		customer_service: m.tickets_dept_customer_service,
		developer: m.tickets_dept_developer
	})[d]();

export const ratingLabel = (r: VisitRating): string =>
	({
		satisfied: m.tickets_rating_satisfied,
		basically_satisfied: m.tickets_rating_basically_satisfied,
		unsatisfied: m.tickets_rating_unsatisfied
	})[r]();

export const methodLabel = (v: VisitMethod): string =>
	({
		phone: m.tickets_method_phone,
		visit: m.tickets_method_visit,
		on_site: m.tickets_method_on_site,
		kiosk: m.tickets_method_kiosk,
		mobile: m.tickets_method_mobile
	})[v]();

export const checkLabel = (c: CheckResult): string =>
	({ pass: m.tickets_check_pass, fail: m.tickets_check_fail })[c]();

export const eventLabel = (t: TicketEventType): string =>
	({
		created: m.tickets_event_created,
		dispatched: m.tickets_event_dispatched,
		supervisor_notified: m.tickets_event_supervisor_notified,
		approved: m.tickets_event_approved,
		transferred: m.tickets_event_transferred,
		follow_up: m.tickets_event_follow_up,
		completed: m.tickets_event_completed,
		answered: m.tickets_event_answered,
		checked: m.tickets_event_checked,
		result_told: m.tickets_event_result_told,
		return_visit: m.tickets_event_return_visit,
		reopened: m.tickets_event_reopened,
		closed: m.tickets_event_closed,
		edited: m.tickets_event_edited
	})[t]();

/** A time limit's name in the current language, or in `locale` (the Chinese report PDF and CSV). */
export const limitLabel = (l: Limit, locale?: Locale): string =>
	({
		record: m.tickets_limit_record,
		supervisor: m.tickets_limit_supervisor,
		transfer: m.tickets_limit_transfer,
		follow_up: m.tickets_limit_follow_up,
		enquiry_answer: m.tickets_limit_enquiry_answer,
		result: m.tickets_limit_result,
		check: m.tickets_limit_check,
		return_visit: m.tickets_limit_return_visit
	})[l]({}, locale ? { locale } : {});

/** One word for a limit's standing: met on time / late, open, due within the hour, overdue. */
export function deadlineStateLabel(d: Pick<Deadline, 'metAt' | 'state'>): string {
	if (d.metAt !== null)
		return d.state === 'breached' ? m.tickets_dl_met_late() : m.tickets_dl_met();
	return d.state === 'breached'
		? m.tickets_dl_breached()
		: d.state === 'due_soon'
			? m.tickets_dl_due_soon()
			: m.tickets_dl_open();
}

export const actionLabel = (a: TicketAction): string =>
	({
		dispatch: m.tickets_action_dispatch,
		approve: m.tickets_action_approve,
		transfer: m.tickets_action_transfer,
		notify_supervisor: m.tickets_action_notify_supervisor,
		follow_up: m.tickets_action_follow_up,
		complete: m.tickets_action_complete,
		answer: m.tickets_action_answer,
		check: m.tickets_action_check,
		result_told: m.tickets_action_result_told,
		return_visit: m.tickets_action_return_visit,
		close: m.tickets_action_close,
		reopen: m.tickets_action_reopen,
		edit: m.tickets_action_edit
	})[a]();

export const editFieldLabel = (f: EditableField): string =>
	({
		reporterName: m.tickets_field_reporter,
		reporterPhone: m.tickets_field_phone,
		location: m.tickets_field_location,
		urgency: m.tickets_field_urgency,
		unit: m.tickets_field_unit,
		kind: m.tickets_field_kind
	})[f]();
