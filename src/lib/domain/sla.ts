/**
 * Time limits of reports and complaints (DOMAIN.md §7, standard 第五条). Pure: the settings, the
 * time zone and "now" are arguments. Every limit is a {start, due, met} triple derived from the
 * ticket and its event log; nothing is stored, so a change of settings applies to every ticket.
 *
 * - record          every ticket: typed in within recordWithinMinutes (10 min) of receipt
 * - supervisor      property-service complaint: department supervisor notified within 30 min
 * - transfer        developer complaint: transferred to the developer's customer team within
 *                   1 working day of the manager's approval (counted from receipt while nobody
 *                   has approved it, so an unapproved complaint cannot sit unseen)
 * - follow_up       engineering report every 7 days, property report every 3 days while the work
 *                   is in progress (from dispatch or reopening, then from each follow-up, until
 *                   completion); one entry per interval, so a missed week stays on record
 * - enquiry_answer  enquiry: answered within 24 h of receipt
 * - result          complaints: the complainant hears the result within 7 days of receipt (a
 *                   return visit tells the result too)
 * - check           engineering report: 工程部查验 within 1 working day of completion
 * - return_visit    every ticket: 回访 within 1 working day of completion (of each completion)
 *
 * Working days skip weekends and the configured holidays (dates.ts `addWorkingTime`); "days"
 * and "hours" are calendar time.
 */
import { addDays, addWorkingTime, localToEpochMs, todayIn } from '../dates';
import type { CommunitySettings } from './settings';
import type { TicketEvent, TicketKind } from './tickets';

export const LIMITS = [
	'record',
	'supervisor',
	'transfer',
	'follow_up',
	'enquiry_answer',
	'result',
	'check',
	'return_visit'
] as const;
export type Limit = (typeof LIMITS)[number];

export type DeadlineState = 'ok' | 'due_soon' | 'breached';

export interface Deadline {
	limit: Limit;
	/** When the clock started. */
	startAt: number;
	dueAt: number;
	/** When the obligation was fulfilled (or ended), null while still open. */
	metAt: number | null;
	state: DeadlineState;
}

/** A limit not yet met is "due soon" within this long of its due time. */
export const DUE_SOON_MS = 60 * 60 * 1000;

export type TicketSlaSettings = CommunitySettings['tickets'];

export interface SlaTicket {
	kind: TicketKind;
	receivedAt: number;
	recordedAt: number;
	/** Closed tickets are judged as of their closing: a limit still open then is moot afterwards. */
	closedAt: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `days` calendar days later at the same local clock time. */
export function addCalendarDays(at: number, days: number, timeZone: string): number {
	const date = todayIn(timeZone, at);
	const sinceMidnight = at - localToEpochMs(date, '00:00', timeZone);
	return localToEpochMs(addDays(date, days), '00:00', timeZone, sinceMidnight);
}

function judge(dueAt: number, metAt: number | null, asOf: number): DeadlineState {
	if (metAt !== null) return metAt <= dueAt ? 'ok' : 'breached';
	if (asOf > dueAt) return 'breached';
	return dueAt - asOf < DUE_SOON_MS ? 'due_soon' : 'ok';
}

/**
 * All time limits that apply to a ticket, in the order they arose. `events` in log order (their
 * `at` never goes backwards for the events that move a ticket along; see tickets.ts `earliestAt`).
 */
export function deadlines(
	ticket: SlaTicket,
	events: readonly TicketEvent[],
	settings: TicketSlaSettings,
	timeZone: string,
	now: number
): Deadline[] {
	const asOf = ticket.closedAt ?? now;
	const out: Deadline[] = [];
	const push = (limit: Limit, startAt: number, dueAt: number, metAt: number | null) =>
		out.push({ limit, startAt, dueAt, metAt, state: judge(dueAt, metAt, asOf) });
	const workingTime = (at: number, n: number) =>
		addWorkingTime(at, n, timeZone, settings.holidays, settings.extraWorkdays);
	const first = (pred: (e: TicketEvent) => boolean) => events.find(pred)?.at ?? null;
	// The kind may have been edited before any work began; the limits follow the current kind.
	const kind = ticket.kind;
	const r = ticket.receivedAt;

	push('record', r, r + settings.recordWithinMinutes * MINUTE, ticket.recordedAt);

	if (kind === 'service_complaint') {
		push(
			'supervisor',
			r,
			r + settings.supervisorNotifyMinutes * MINUTE,
			first((e) => e.type === 'supervisor_notified')
		);
	}
	if (kind === 'developer_complaint') {
		const start = first((e) => e.type === 'approved') ?? r;
		push(
			'transfer',
			start,
			workingTime(start, settings.developerTransferWorkingDays),
			first((e) => e.type === 'transferred')
		);
	}
	if (kind === 'enquiry') {
		push(
			'enquiry_answer',
			r,
			r + settings.enquiryAnswerHours * HOUR,
			first((e) => e.type === 'answered')
		);
	}
	if (kind === 'service_complaint' || kind === 'developer_complaint') {
		push(
			'result',
			r,
			addCalendarDays(r, settings.resultDays, timeZone),
			first((e) => e.type === 'result_told' || e.type === 'return_visit')
		);
	}

	// Follow-ups: intervals while the work is in progress.
	const followDays =
		kind === 'engineering'
			? settings.followUpDaysEngineering
			: kind === 'property'
				? settings.followUpDaysProperty
				: null;
	// Check and return visit: one obligation per completion.
	let anchor: number | null = null; // start of the current follow-up interval
	let completion: number | null = null; // last completion still awaiting its check / visit
	let checkOpen = false;
	let visitOpen = false;
	const endFollow = (at: number) => {
		if (anchor !== null && followDays !== null)
			push('follow_up', anchor, addCalendarDays(anchor, followDays, timeZone), at);
		anchor = null;
	};
	const endCheck = (at: number) => {
		if (checkOpen && completion !== null)
			push('check', completion, workingTime(completion, settings.checkWorkingDays), at);
		checkOpen = false;
	};
	const endVisit = (at: number) => {
		if (visitOpen && completion !== null)
			push(
				'return_visit',
				completion,
				workingTime(completion, settings.returnVisitWorkingDays),
				at
			);
		visitOpen = false;
	};

	for (const e of events) {
		switch (e.type) {
			case 'dispatched':
			case 'transferred':
				anchor ??= e.at; // a re-dispatch does not restart the follow-up clock
				break;
			case 'follow_up':
				if (anchor !== null) {
					endFollow(e.at);
					anchor = e.at;
				}
				break;
			case 'completed':
			case 'answered':
				endFollow(e.at);
				completion = e.at;
				checkOpen = kind === 'engineering';
				visitOpen = true;
				break;
			case 'checked':
				endCheck(e.at);
				break;
			case 'return_visit':
				endVisit(e.at);
				break;
			case 'reopened':
				// Back to work: whatever was awaited from the last completion no longer is.
				endCheck(e.at);
				endVisit(e.at);
				completion = null;
				anchor = e.at;
				break;
			case 'closed':
				endFollow(e.at);
				break;
		}
	}
	// Still open at the end of the log.
	if (anchor !== null && followDays !== null)
		push('follow_up', anchor, addCalendarDays(anchor, followDays, timeZone), null);
	if (checkOpen && completion !== null)
		push('check', completion, workingTime(completion, settings.checkWorkingDays), null);
	if (visitOpen && completion !== null)
		push(
			'return_visit',
			completion,
			workingTime(completion, settings.returnVisitWorkingDays),
			null
		);
	return out;
}

const RANK: Record<DeadlineState, number> = { ok: 0, due_soon: 1, breached: 2 };

/** The worst state among the limits still open (breached > due soon > ok). */
export function openAlert(list: readonly Deadline[]): DeadlineState {
	let worst: DeadlineState = 'ok';
	for (const d of list) if (d.metAt === null && RANK[d.state] > RANK[worst]) worst = d.state;
	return worst;
}

/** The open limit that falls due first, if any. */
export function nextDeadline(list: readonly Deadline[]): Deadline | null {
	let best: Deadline | null = null;
	for (const d of list) if (d.metAt === null && (!best || d.dueAt < best.dueAt)) best = d;
	return best;
}

/** Any limit broken, open or met late (for reports and the ticket page). */
export function everBreached(list: readonly Deadline[]): boolean {
	return list.some((d) => d.state === 'breached');
}
