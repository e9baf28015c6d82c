/**
 * Reports and complaints (报事/投诉), DOMAIN.md §7: the vocabulary and the state machine. Pure: no
 * I/O, no clock. A ticket's state is the fold of its append-only event log, so the log alone
 * explains every state the ticket was ever in.
 *
 *   engineering / property report, property-service complaint, enquiry:
 *     open ─dispatched→ dispatched ─completed→ completed ─return_visit(满意/基本满意)→ visited ─closed→ closed
 *   developer complaint (地产类投诉):
 *     awaiting_approval ─approved(manager)→ approved ─transferred→ dispatched → … as above
 *   enquiry (咨询): `answered` plays the part of `completed` (it may be answered without dispatch).
 *   engineering report: after completion the work is `checked` (工程部查验) before the return visit.
 *   An unsatisfied visit (不满意) or a failed check is followed by `reopened`: back to work.
 */

export const TICKET_KINDS = [
	'engineering',
	'property',
	'service_complaint',
	'developer_complaint',
	'enquiry'
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const TICKET_SOURCES = ['counter', 'phone', 'kiosk', 'mobile'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
/** Sources a staff member types in; the resident sources are the kiosk and the phone browser. */
export const STAFF_SOURCES = ['counter', 'phone'] as const satisfies readonly TicketSource[];
export const RESIDENT_SOURCES = ['kiosk', 'mobile'] as const satisfies readonly TicketSource[];

export const TICKET_URGENCIES = ['normal', 'urgent'] as const;
export type TicketUrgency = (typeof TICKET_URGENCIES)[number];

export const TICKET_STATES = [
	'awaiting_approval',
	'approved',
	'open',
	'dispatched',
	'completed',
	'visited',
	'closed'
] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const OPEN_STATES = TICKET_STATES.filter((s) => s !== 'closed') as Exclude<
	TicketState,
	'closed'
>[];

/** 工程部, 保洁, 秩序维护, 绿化, 客服, 地产客户组. */
export const DEPARTMENTS = [
	'engineering',
	'cleaning',
	'security',
	'green',
	'customer_service',
	'developer'
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const VISIT_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type VisitRating = (typeof VISIT_RATINGS)[number];
/** 'kiosk' and 'mobile': the resident rated it themselves, on the hall kiosk or their phone. */
export const VISIT_METHODS = ['phone', 'visit', 'on_site', 'kiosk', 'mobile'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const CHECK_RESULTS = ['pass', 'fail'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Fields an `edited` event may change (the report text itself is never rewritten). */
export const EDITABLE_FIELDS = [
	'reporterName',
	'reporterPhone',
	'location',
	'urgency',
	'unit',
	'kind'
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Limits on intake. */
export const TEXT_MAX = 2000;
export const MAX_PHOTOS = 4;
// The photo checks are shared with other areas (domain/photos.ts); re-exported for ticket code.
export { PHOTO_MAX_BYTES, PHOTO_EXT, sniffImage } from './photos';

/**
 * What one resident (an identified unit) may send from the kiosk or a phone in one day, counted
 * per calendar day in the community's zone. A household rarely has more than two or three things
 * to report in a day: 10 leaves room for a bad day (a burst pipe, the neighbour's leak, the lift)
 * while a kiosk left signed in, or a script on a phone, cannot bury the desk's board. 40 MB is
 * eight full-size photos (two reports with four 5 MB photos each): more than any report needs,
 * and it bounds how fast the photo folder (backed up nightly) can grow. Counter staff are not
 * limited: they type what residents tell them, and a resident over the limit is asked to call.
 */
export const RESIDENT_DAILY_REPORTS = 10;
export const RESIDENT_DAILY_PHOTO_BYTES = 40 * 1024 * 1024;

/** Which daily limit a resident's new report would pass, given what they sent earlier that day. */
export function residentLimit(
	sentToday: { reports: number; photoBytes: number },
	photoBytes: number
): 'reports' | 'photo_bytes' | null {
	if (sentToday.reports + 1 > RESIDENT_DAILY_REPORTS) return 'reports';
	if (photoBytes > 0 && sentToday.photoBytes + photoBytes > RESIDENT_DAILY_PHOTO_BYTES)
		return 'photo_bytes';
	return null;
}

export const EVENT_TYPES = [
	'created',
	'dispatched',
	'supervisor_notified',
	'approved',
	'transferred',
	'follow_up',
	'completed',
	'answered',
	'checked',
	'result_told',
	'return_visit',
	'reopened',
	'closed',
	'edited'
] as const;
export type TicketEventType = (typeof EVENT_TYPES)[number];

/** Event payloads (stored as JSON in ticket_events.data). */
export interface EventData {
	created: { source: TicketSource };
	dispatched: { department: Department; assignee: string; note?: string };
	supervisor_notified: { supervisor: string; note?: string };
	approved: { note?: string };
	transferred: { assignee: string; note?: string };
	follow_up: { text: string };
	completed: { text?: string };
	answered: { text: string };
	checked: { result: CheckResult; checker: string; note?: string };
	result_told: { text: string };
	return_visit: { rating: VisitRating; method: VisitMethod; visitor: string; note?: string };
	/** `cause` when the reopening followed by itself from an unsatisfied visit or a failed check. */
	reopened: { reason: string; cause?: 'unsatisfied_visit' | 'failed_check' };
	closed: { note?: string };
	edited: { field: EditableField; old: string; new: string };
}

export type TicketEvent = {
	[T in TicketEventType]: { type: T; at: number; data: EventData[T] };
}[TicketEventType];

/** Everything the rules need to know about a ticket, derived from its kind and its events. */
export interface TicketFacts {
	kind: TicketKind;
	state: TicketState;
	department: Department | null;
	assignee: string | null;
	supervisorNotified: boolean;
	/** A passed engineering check since the last completion. */
	checked: boolean;
	/** Rating of the last return visit since the last completion, if any. */
	lastVisit: VisitRating | null;
	closedAt: number | null;
}

export function initialState(kind: TicketKind): TicketState {
	return kind === 'developer_complaint' ? 'awaiting_approval' : 'open';
}

export const isComplaint = (kind: TicketKind) =>
	kind === 'service_complaint' || kind === 'developer_complaint';

/** Why an event may not be applied; the server turns the code into a translated message. */
export type RuleError =
	| 'closed'
	| 'not_in_state'
	| 'wrong_kind'
	| 'needs_approval'
	| 'already_notified'
	| 'visit_needs_completion'
	| 'visit_needs_check'
	| 'close_needs_visit'
	| 'already_checked'
	| 'manager_only'
	| 'kind_locked'
	| 'same_value'
	| 'staff_only';

export type StepResult = { ok: true; facts: TicketFacts } | { ok: false; error: RuleError };

const ok = (facts: TicketFacts): StepResult => ({ ok: true, facts });
const no = (error: RuleError): StepResult => ({ ok: false, error });

export function emptyFacts(kind: TicketKind): TicketFacts {
	return {
		kind,
		state: initialState(kind),
		department: null,
		assignee: null,
		supervisorNotified: false,
		checked: false,
		lastVisit: null,
		closedAt: null
	};
}

/** States in which the ticket is being worked on (follow-ups are expected). */
const WORKING: TicketState[] = ['awaiting_approval', 'approved', 'open', 'dispatched'];

/**
 * Applies one event to the facts, or says why it is not allowed. This is the whole state machine;
 * `fold` replays a log through it, the server checks each new event with it.
 */
export function step(f: TicketFacts, e: TicketEvent): StepResult {
	if (e.type === 'created') return ok(f);
	if (f.state === 'closed' && e.type !== 'reopened') return no('closed');
	switch (e.type) {
		case 'dispatched':
			if (f.kind === 'developer_complaint')
				return no(f.state === 'awaiting_approval' ? 'needs_approval' : 'wrong_kind');
			if (f.state !== 'open' && f.state !== 'dispatched') return no('not_in_state');
			return ok({
				...f,
				state: 'dispatched',
				department: e.data.department,
				assignee: e.data.assignee
			});
		case 'approved':
			if (f.kind !== 'developer_complaint') return no('wrong_kind');
			if (f.state !== 'awaiting_approval') return no('not_in_state');
			return ok({ ...f, state: 'approved' });
		case 'transferred':
			if (f.kind !== 'developer_complaint') return no('wrong_kind');
			if (f.state === 'awaiting_approval') return no('needs_approval');
			if (f.state !== 'approved') return no('not_in_state');
			return ok({ ...f, state: 'dispatched', department: 'developer', assignee: e.data.assignee });
		case 'supervisor_notified':
			if (f.kind !== 'service_complaint') return no('wrong_kind');
			if (f.supervisorNotified) return no('already_notified');
			return ok({ ...f, supervisorNotified: true });
		case 'follow_up':
			if (!WORKING.includes(f.state)) return no('not_in_state');
			return ok(f);
		case 'completed':
			if (f.kind === 'enquiry') return no('wrong_kind');
			if (f.state !== 'dispatched') return no('not_in_state');
			return ok({ ...f, state: 'completed', checked: false, lastVisit: null });
		case 'answered':
			if (f.kind !== 'enquiry') return no('wrong_kind');
			if (f.state !== 'open' && f.state !== 'dispatched') return no('not_in_state');
			return ok({ ...f, state: 'completed', checked: false, lastVisit: null });
		case 'checked':
			if (f.kind !== 'engineering') return no('wrong_kind');
			if (f.state !== 'completed') return no('not_in_state');
			if (f.checked) return no('already_checked');
			// A failed check is followed by `reopened`, which sends the work back.
			return ok({ ...f, checked: e.data.result === 'pass' });
		case 'result_told':
			if (!isComplaint(f.kind)) return no('wrong_kind');
			return ok(f);
		case 'return_visit':
			if (f.state !== 'completed')
				return no(f.state === 'visited' ? 'not_in_state' : 'visit_needs_completion');
			if (f.kind === 'engineering' && !f.checked) return no('visit_needs_check');
			if (f.lastVisit === 'unsatisfied') return no('not_in_state'); // must be reopened first
			return ok({
				...f,
				state: e.data.rating === 'unsatisfied' ? 'completed' : 'visited',
				lastVisit: e.data.rating
			});
		case 'reopened':
			if (f.state !== 'completed' && f.state !== 'visited' && f.state !== 'closed')
				return no('not_in_state');
			return ok({
				...f,
				state: f.department ? 'dispatched' : 'open',
				checked: false,
				lastVisit: null,
				closedAt: null
			});
		case 'closed':
			if (f.state !== 'visited') return no('close_needs_visit');
			return ok({ ...f, state: 'closed', closedAt: e.at });
		case 'edited': {
			if (e.data.old === e.data.new) return no('same_value');
			if (e.data.field !== 'kind') return ok(f);
			// The kind decides the time limits and the path: it may change only before any work began.
			if (f.state !== 'open' && f.state !== 'awaiting_approval') return no('kind_locked');
			const kind = e.data.new as TicketKind;
			if (!(TICKET_KINDS as readonly string[]).includes(kind)) return no('wrong_kind');
			return ok({ ...f, kind, state: initialState(kind) });
		}
	}
}

/** Replays a log. Throws if the log breaks the rules (it never should: every event was checked). */
export function fold(kind: TicketKind, events: readonly TicketEvent[]): TicketFacts {
	// `kind` is the ticket's kind now; if it was edited, the first edit's old value is the original.
	const firstKindEdit = events.find((e) => e.type === 'edited' && e.data.field === 'kind');
	let f = emptyFacts(
		firstKindEdit?.type === 'edited' ? (firstKindEdit.data.old as TicketKind) : kind
	);
	for (const e of events) {
		const r = step(f, e);
		if (!r.ok) throw new Error(`ticket log breaks the rules at ${e.type}: ${r.error}`);
		f = r.facts;
	}
	return f;
}

/** What staff can do on the ticket page, by button. */
export const ACTIONS = [
	'dispatch',
	'approve',
	'transfer',
	'notify_supervisor',
	'follow_up',
	'complete',
	'answer',
	'check',
	'result_told',
	'return_visit',
	'close',
	'reopen',
	'edit'
] as const;
export type TicketAction = (typeof ACTIONS)[number];

export const ACTION_EVENT: Record<TicketAction, TicketEventType> = {
	dispatch: 'dispatched',
	approve: 'approved',
	transfer: 'transferred',
	notify_supervisor: 'supervisor_notified',
	follow_up: 'follow_up',
	complete: 'completed',
	answer: 'answered',
	check: 'checked',
	result_told: 'result_told',
	return_visit: 'return_visit',
	close: 'closed',
	reopen: 'reopened',
	edit: 'edited'
};

/** Probe payloads: enough to ask the state machine whether an action is possible at all. */
function probe(action: TicketAction): TicketEvent {
	const at = 0;
	switch (action) {
		case 'dispatch':
			return { type: 'dispatched', at, data: { department: 'engineering', assignee: '-' } };
		case 'check':
			return { type: 'checked', at, data: { result: 'pass', checker: '-' } };
		case 'return_visit':
			return {
				type: 'return_visit',
				at,
				data: { rating: 'satisfied', method: 'phone', visitor: '-' }
			};
		case 'edit':
			return { type: 'edited', at, data: { field: 'location', old: 'a', new: 'b' } };
		case 'reopen':
			return { type: 'reopened', at, data: { reason: '-' } };
		default:
			return {
				type: ACTION_EVENT[action],
				at,
				data: { text: '-', assignee: '-', supervisor: '-' }
			} as TicketEvent;
	}
}

export interface ActorRole {
	manager: boolean;
}

/**
 * Role rules on top of the state machine: approving a developer complaint is the manager's, and
 * so is reopening a closed ticket (it overrides a closed record).
 */
export function roleError(
	action: TicketAction,
	f: TicketFacts,
	actor: ActorRole
): RuleError | null {
	if (actor.manager) return null;
	if (action === 'approve') return 'manager_only';
	if (action === 'reopen' && f.state === 'closed') return 'manager_only';
	return null;
}

/** Whether the state allows an action at all (before its fields are looked at). */
export function stateError(f: TicketFacts, action: TicketAction): RuleError | null {
	const r = step(f, probe(action));
	return r.ok ? null : r.error;
}

/** The actions offered on the ticket page in its current state (the server checks again on submit). */
export function allowedActions(f: TicketFacts, actor: ActorRole): TicketAction[] {
	return ACTIONS.filter((a) => roleError(a, f, actor) === null && stateError(f, a) === null);
}

/** Events that move the ticket along: their time may not be earlier than the previous one's. */
export const ORDERED_EVENTS: readonly TicketEventType[] = [
	'dispatched',
	'approved',
	'transferred',
	'follow_up',
	'completed',
	'answered',
	'checked',
	'return_visit',
	'reopened',
	'closed'
];

/**
 * The earliest time an event of this type may carry: never before the report was received, and
 * for events that move the ticket along never before the last such event (a visit cannot predate
 * the completion it rates).
 */
export function earliestAt(
	type: TicketEventType,
	receivedAt: number,
	events: readonly TicketEvent[]
): number {
	if (!ORDERED_EVENTS.includes(type)) return receivedAt;
	let t = receivedAt;
	for (const e of events) if (ORDERED_EVENTS.includes(e.type)) t = Math.max(t, e.at);
	return t;
}

/** A visit rated 满意 or 基本满意 lets the ticket close. */
export const isSatisfied = (r: VisitRating) => r !== 'unsatisfied';

/** The ticket number: `BS-2026-000123` (报事), consecutive per community and year. */
export function formatTicketNo(year: number, seq: number): string {
	return `BS-${year}-${String(seq).padStart(6, '0')}`;
}

export const TICKET_NO_RE = /^BS-(\d{4})-(\d{6})$/;

/** The department a kind usually goes to (the intake form's suggestion). */
export function defaultDepartment(kind: TicketKind): Department | null {
	switch (kind) {
		case 'engineering':
			return 'engineering';
		case 'property':
			return 'cleaning';
		case 'service_complaint':
			return 'customer_service';
		case 'developer_complaint':
			return 'developer';
		case 'enquiry':
			return null;
	}
}
