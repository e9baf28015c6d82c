/**
 * The hall queue (排队叫号), DOMAIN.md §8. Pure: no I/O, no clock.
 *
 * A resident takes a number for a service; numbers run per community, day and service with a
 * letter per service (A001 payment, B001 renovation…). The counter calls the next number in the
 * order of the standard, "紧急优先、长者优先、先进大厅优先": urgent first, then elderly or disabled
 * visitors, then arrival order. A number's state is the fold of its append-only events.
 *
 *   waiting ─called→ called ─recalled→ called ─finished→ finished
 *                      └──────no_show→ no_show ─called→ called   (a late resident is served after all)
 *
 * The expected wait is the sum of the service times of the people ahead (today's average per
 * service, or a default while none has finished today), divided by the counters open.
 */

export const QUEUE_SERVICES = [
	'payment',
	'renovation',
	'movein',
	'report',
	'keys',
	'other'
] as const;
export type QueueService = (typeof QUEUE_SERVICES)[number];

/** The letter before each number, by service. */
export const SERVICE_PREFIX: Record<QueueService, string> = {
	payment: 'A',
	renovation: 'B',
	movein: 'C',
	report: 'D',
	keys: 'E',
	other: 'F'
};

/** `elderly` stands for elderly or disabled visitors (长者/残障). */
export const QUEUE_PRIORITIES = ['normal', 'elderly', 'urgent'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];
const PRIORITY_RANK: Record<QueuePriority, number> = { urgent: 0, elderly: 1, normal: 2 };

/** Where a number was taken: the hall kiosk, a resident's phone, or by a clerk for a visitor. */
export const QUEUE_SOURCES = ['kiosk', 'mobile', 'counter'] as const;
export type QueueSource = (typeof QUEUE_SOURCES)[number];

/**
 * Minutes one visit takes, used while no visit of that service has finished today. From the
 * standard's tasks: a payment is quick, a move-in (接房) goes through a whole checklist.
 */
export const DEFAULT_SERVICE_MINUTES: Record<QueueService, number> = {
	payment: 4,
	renovation: 15,
	movein: 25,
	report: 8,
	keys: 5,
	other: 6
};

/** A visit longer than this is a number nobody finished, not a service time: it is left out. */
export const MAX_SERVICE_MS = 90 * 60_000;

/** A counter counts as open when it called someone within this time. */
export const OPEN_COUNTER_WINDOW_MS = 60 * 60_000;

/**
 * `priority_set`: the counter sets a waiting number's priority — confirms the priority a phone
 * asked for, or demotes a number (the standard lets staff judge urgency). It never changes the state.
 */
export const QUEUE_EVENT_TYPES = [
	'called',
	'recalled',
	'finished',
	'no_show',
	'priority_set'
] as const;
export type QueueEventType = (typeof QUEUE_EVENT_TYPES)[number];

export const QUEUE_STATES = ['waiting', 'called', 'finished', 'no_show'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export const isService = (s: unknown): s is QueueService =>
	typeof s === 'string' && (QUEUE_SERVICES as readonly string[]).includes(s);
export const isPriority = (s: unknown): s is QueuePriority =>
	typeof s === 'string' && (QUEUE_PRIORITIES as readonly string[]).includes(s);

/** "A001"; past 999 the number simply grows ("A1000"), it never wraps to a number in use. */
export function formatQueueNo(service: QueueService, seq: number): string {
	if (!Number.isInteger(seq) || seq < 1)
		throw new RangeError(`queue sequence must be a positive integer, got ${seq}`);
	return SERVICE_PREFIX[service] + String(seq).padStart(3, '0');
}

/** What ordering needs to know about a waiting number. */
export interface QueueEntry {
	id: number;
	service: QueueService;
	priority: QueuePriority;
	/** When the number was taken (epoch ms). */
	takenAt: number;
}

/** Urgent → elderly/disabled → arrival order (time taken, then id for numbers taken in the same ms). */
export function compareQueue(a: QueueEntry, b: QueueEntry): number {
	return (
		PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.takenAt - b.takenAt || a.id - b.id
	);
}

/** The waiting numbers in calling order (a new array). */
export function orderWaiting<T extends QueueEntry>(waiting: readonly T[]): T[] {
	return [...waiting].sort(compareQueue);
}

/** The number a counter calls next; `services` limits it to what that counter handles (empty = all). */
export function pickNext<T extends QueueEntry>(
	waiting: readonly T[],
	services: readonly QueueService[] = []
): T | null {
	const mine = services.length ? waiting.filter((w) => services.includes(w.service)) : waiting;
	return orderWaiting(mine)[0] ?? null;
}

/** The waiting numbers that will be called before `entry` (all services: every counter serves the one queue). */
export function aheadOf<T extends QueueEntry>(waiting: readonly T[], entry: QueueEntry): T[] {
	return orderWaiting(waiting.filter((w) => w.id !== entry.id && compareQueue(w, entry) < 0));
}

// ---------------------------------------------------------------- state machine

export type QueueRuleError = 'not_waiting' | 'not_called' | 'finished';
/** The counter's own events: a priority change is not a step of the state machine. */
export type QueueStepType = Exclude<QueueEventType, 'priority_set'>;

/** The next state after an event, or why the event is not allowed now. */
export function queueStep(
	state: QueueState,
	type: QueueStepType
): { ok: true; state: QueueState } | { ok: false; error: QueueRuleError } {
	if (state === 'finished') return { ok: false, error: 'finished' };
	switch (type) {
		case 'called':
			return state === 'waiting' || state === 'no_show'
				? { ok: true, state: 'called' }
				: { ok: false, error: 'not_waiting' };
		case 'recalled':
			return state === 'called'
				? { ok: true, state: 'called' }
				: { ok: false, error: 'not_called' };
		case 'finished':
			return state === 'called'
				? { ok: true, state: 'finished' }
				: { ok: false, error: 'not_called' };
		case 'no_show':
			return state === 'called'
				? { ok: true, state: 'no_show' }
				: { ok: false, error: 'not_called' };
	}
}

export interface QueueEventFact {
	type: QueueEventType;
	at: number;
	counter: string | null;
	staffId: number | null;
	/** The priority a `priority_set` event gives. */
	priority?: QueuePriority | null;
}

export interface QueueFacts {
	state: QueueState;
	/** The last call (first call or recall) and where; null while waiting. */
	calledAt: number | null;
	/** When the visit began: the latest `called` (a recall does not restart the visit). */
	servedFrom: number | null;
	counter: string | null;
	staffId: number | null;
	finishedAt: number | null;
}

/** Replays a number's events (oldest first); events the machine refuses are ignored. */
export function foldQueue(events: readonly QueueEventFact[]): QueueFacts {
	const f: QueueFacts = {
		state: 'waiting',
		calledAt: null,
		servedFrom: null,
		counter: null,
		staffId: null,
		finishedAt: null
	};
	for (const e of events) {
		if (e.type === 'priority_set') continue;
		const r = queueStep(f.state, e.type);
		if (!r.ok) continue;
		f.state = r.state;
		if (e.type === 'called' || e.type === 'recalled') {
			f.calledAt = e.at;
			f.counter = e.counter;
			f.staffId = e.staffId;
			if (e.type === 'called') f.servedFrom = e.at;
		}
		if (e.type === 'finished') f.finishedAt = e.at;
	}
	return f;
}

// ---------------------------------------------------------------- priority asked on a phone

/**
 * "Urgent" and "elderly/disabled" chosen on a phone go first only once a clerk has seen the
 * person at the counter and confirmed it (anyone can tap "urgent" at home; at the kiosk in the
 * hall the person is in front of the staff). Until then the number waits in arrival order.
 */
export function needsConfirmation(source: QueueSource, asked: QueuePriority): boolean {
	return source === 'mobile' && asked !== 'normal';
}

export interface PriorityFacts {
	/** The priority the number is called by now. */
	priority: QueuePriority;
	/** What the person asked for when taking the number. */
	asked: QueuePriority;
	/** Asked for on a phone and not yet confirmed (nor changed) at the counter. */
	pending: boolean;
}

/** A number's priority: as asked (phones: normal until confirmed), then as the counter last set it. */
export function priorityOf(
	ticket: { priority: QueuePriority; source: QueueSource },
	events: readonly QueueEventFact[]
): PriorityFacts {
	const asked = ticket.priority;
	let pending = needsConfirmation(ticket.source, asked);
	let priority: QueuePriority = pending ? 'normal' : asked;
	for (const e of events) {
		if (e.type !== 'priority_set' || !e.priority) continue;
		priority = e.priority;
		pending = false;
	}
	return { priority, asked, pending };
}

// ---------------------------------------------------------------- limits on taking numbers

/*
 * Numbers are free and need no sign-in, so one person could fill the queue (30 numbers in 5 s
 * were taken in first use). The limits below are counted per device (a cookie: the hall kiosk
 * keeps it, a phone for its browser session) and per network address (a script that drops the
 * cookie). They are set so a real hall never meets them: the hall kiosk is trusted more, since
 * the person stands in front of the staff.
 */
/** The hall kiosk: a person needs 10–15 s to take a number, so 6 a minute is a line of people; more is flooding. */
export const KIOSK_PER_MINUTE = 6;
/** Waiting numbers taken at one kiosk: more than a centre with 3 counters serves in two hours. */
export const KIOSK_MAX_WAITING = 40;
/** A phone session: one number waiting at a time (a second service is asked at the counter)… */
export const PHONE_MAX_WAITING = 1;
/** …and 2 a day (come back later in the day once). More: take one at the hall kiosk. */
export const PHONE_MAX_PER_DAY = 2;
/** One network address (the hall Wi-Fi, a carrier's shared address): 10 numbers a minute, 15 phone numbers waiting. */
export const ADDRESS_PER_MINUTE = 10;
export const ADDRESS_MAX_PHONE_WAITING = 15;

/** One of today's numbers, as the limits see it. */
export interface TakenBefore {
	source: QueueSource;
	takenAt: number;
	/** Waiting or at a counter now (not finished, not a no-show). */
	open: boolean;
}

export type TakeLimit =
	'kiosk_busy' | 'kiosk_waiting' | 'phone_waiting' | 'phone_day' | 'address_busy';

/**
 * Whether one more number may be taken now from a device and an address, given today's numbers
 * taken from each. null: yes. Numbers taken by a clerk at the counter are never limited.
 */
export function takeLimit(
	source: QueueSource,
	fromDevice: readonly TakenBefore[],
	fromAddress: readonly TakenBefore[],
	now: number
): TakeLimit | null {
	if (source === 'counter') return null;
	const within = (list: readonly TakenBefore[], ms: number) =>
		list.filter((t) => t.takenAt <= now && now - t.takenAt < ms).length;
	if (source === 'mobile') {
		if (fromDevice.filter((t) => t.open).length >= PHONE_MAX_WAITING) return 'phone_waiting';
		if (fromDevice.length >= PHONE_MAX_PER_DAY) return 'phone_day';
		if (
			fromAddress.filter((t) => t.open && t.source === 'mobile').length >= ADDRESS_MAX_PHONE_WAITING
		)
			return 'address_busy';
	} else {
		if (within(fromDevice, 60_000) >= KIOSK_PER_MINUTE) return 'kiosk_busy';
		if (fromDevice.filter((t) => t.open).length >= KIOSK_MAX_WAITING) return 'kiosk_waiting';
	}
	if (within(fromAddress, 60_000) >= ADDRESS_PER_MINUTE) return 'address_busy';
	return null;
}

// ---------------------------------------------------------------- wait estimate

export interface FinishedVisit {
	service: QueueService;
	/** The visit ran from the call to the finish (epoch ms). */
	from: number;
	to: number;
}

/**
 * Minutes per visit for each service: the average of today's finished visits of that service,
 * or the default while there is none. Visits longer than MAX_SERVICE_MS (a number left open) and
 * negative ones are left out.
 */
export function serviceMinutes(
	finished: readonly FinishedVisit[],
	defaults: Record<QueueService, number> = DEFAULT_SERVICE_MINUTES
): Record<QueueService, number> {
	const sum = new Map<QueueService, { ms: number; n: number }>();
	for (const v of finished) {
		const ms = v.to - v.from;
		if (!(ms >= 0 && ms <= MAX_SERVICE_MS)) continue;
		const s = sum.get(v.service) ?? { ms: 0, n: 0 };
		s.ms += ms;
		s.n += 1;
		sum.set(v.service, s);
	}
	const out = {} as Record<QueueService, number>;
	for (const service of QUEUE_SERVICES) {
		const s = sum.get(service);
		out[service] = s ? s.ms / s.n / 60_000 : defaults[service];
	}
	return out;
}

/** Counters open now: those that called a number within the window; at least one. */
export function openCounters(
	calls: readonly { counter: string | null; at: number }[],
	now: number,
	windowMs = OPEN_COUNTER_WINDOW_MS
): number {
	const open = new Set<string>();
	for (const c of calls)
		if (c.counter && c.at <= now && now - c.at <= windowMs) open.add(c.counter);
	return Math.max(1, open.size);
}

/**
 * Expected wait in whole minutes (rounded up): the service times of the people ahead, shared
 * over the open counters. Nobody ahead → 0 (next to be called).
 */
export function expectedWaitMinutes(
	ahead: readonly QueueService[],
	minutes: Record<QueueService, number>,
	counters: number
): number {
	if (ahead.length === 0) return 0;
	const total = ahead.reduce((s, service) => s + minutes[service], 0);
	// (less a hair, so 0.1 + 0.2 style sums of averages do not round a whole minute up)
	return Math.max(1, Math.ceil(total / Math.max(1, Math.floor(counters)) - 1e-9));
}
