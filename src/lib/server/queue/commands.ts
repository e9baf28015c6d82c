import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { nextSeq } from '../db/sequence';
import { queueEvents, queueTickets, units } from '../db/schema';
import { nowMs } from '../clock';
import { AppError, statusOf } from '../errors';
import type { Actor } from '../auth/actor';
import {
	QUEUE_SERVICES,
	formatQueueNo,
	isPriority,
	isService,
	pickNext,
	queueStep,
	takeLimit,
	type QueueEventType,
	type TakeLimit,
	type QueuePriority,
	type QueueRuleError,
	type QueueService,
	type QueueSource
} from '../../domain/queue';
import { currentAt, loadDay, queueDayOf, waitingOf, type QueueTicketView } from './queries';

export type QueueErrorCode =
	| 'bad_service'
	| 'bad_priority'
	| 'bad_source'
	| 'bad_counter'
	| 'bad_unit'
	| 'not_found'
	| QueueRuleError
	| TakeLimit;

const status = statusOf<QueueErrorCode>({
	not_found: 409,
	bad_counter: 409,
	not_waiting: 409,
	not_called: 409,
	finished: 409,
	// The take limits: try again later.
	kiosk_busy: 429,
	kiosk_waiting: 429,
	phone_waiting: 429,
	phone_day: 429,
	address_busy: 429
});

/**
 * A refused queue action. `code` becomes a translated message at the edge (messages.ts);
 * nothing was written. For `phone_waiting`, `detail.queueNo` is the number already waiting.
 */
export class QueueError extends AppError<QueueErrorCode, { queueNo?: string }> {
	constructor(
		code: QueueErrorCode,
		readonly queueNo?: string
	) {
		super('queue', code, queueNo === undefined ? {} : { queueNo }, status(code));
		this.name = 'QueueError';
	}
}

export interface TakeInput {
	service: unknown;
	priority?: unknown;
	source: QueueSource;
	/** The identified resident's unit, if any (for "pay at the counter"). */
	unitId?: number | null;
	/** The kiosk's or phone session's cookie and the network address: the take limits count per each. */
	device?: string | null;
	address?: string | null;
}

export interface Taken {
	id: number;
	queueNo: string;
	service: QueueService;
	priority: QueuePriority;
	replay: boolean;
}

/** Takes the next number of the day for a service. No sign-in needed (kiosk); one per form token. */
export function takeNumber(
	db: Db,
	communityId: number,
	input: TakeInput,
	opts: { now?: number; idempotencyKey?: string | null } = {}
): Taken {
	const now = opts.now ?? nowMs();
	if (!isService(input.service)) throw new QueueError('bad_service');
	const priority =
		input.priority === undefined || input.priority === '' || input.priority === null
			? 'normal'
			: input.priority;
	if (!isPriority(priority)) throw new QueueError('bad_priority');
	if (!['kiosk', 'mobile', 'counter'].includes(input.source)) throw new QueueError('bad_source');
	const service = input.service;
	const key = opts.idempotencyKey?.trim().slice(0, 100) || null;
	return tx(db, () => {
		if (key) {
			const again = db
				.select()
				.from(queueTickets)
				.where(eq(queueTickets.idempotencyKey, key))
				.get();
			if (again && again.communityId === communityId)
				return {
					id: again.id,
					queueNo: again.queueNo,
					service: again.service,
					priority: again.priority,
					replay: true
				};
		}
		const unitId = input.unitId ?? null;
		if (unitId !== null) {
			const unit = db
				.select({ id: units.id })
				.from(units)
				.where(and(eq(units.id, unitId), eq(units.communityId, communityId)))
				.get();
			if (!unit) throw new QueueError('bad_unit');
		}
		const day = queueDayOf(db, communityId, now);
		const device = input.device?.slice(0, 64) || null;
		const address = input.address?.slice(0, 64) || null;
		if (input.source !== 'counter') {
			// Checked inside the write transaction, so 30 taps at once cannot all pass the check.
			const today = loadDay(db, communityId, day).tickets;
			const before = (t: QueueTicketView) => ({
				source: t.source,
				takenAt: t.takenAt,
				open: t.state === 'waiting' || t.state === 'called'
			});
			const mine = device ? today.filter((t) => t.device === device) : [];
			const limit = takeLimit(
				input.source,
				mine.map(before),
				address ? today.filter((t) => t.address === address).map(before) : [],
				now
			);
			if (limit)
				throw new QueueError(
					limit,
					mine.find((t) => t.state === 'waiting' || t.state === 'called')?.queueNo
				);
		}
		const seq = nextSeq(db, communityId, {
			table: 'queue_tickets',
			seqColumn: 'seq',
			where: { day, service }
		});
		const queueNo = formatQueueNo(service, seq);
		const row = db
			.insert(queueTickets)
			.values({
				communityId,
				day,
				service,
				seq,
				queueNo,
				priority,
				source: input.source,
				unitId,
				takenAt: now,
				idempotencyKey: key,
				device,
				address
			})
			.returning({ id: queueTickets.id })
			.get();
		return { id: row.id, queueNo, service, priority, replay: false };
	});
}

/** Counter (窗口) numbers are 1–99. */
export function parseCounter(raw: unknown): string | null {
	const s = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	return /^[1-9]\d?$/.test(s) ? s : null;
}

/** Services a counter handles, from a form ("payment,keys" or repeated fields); unknown ones are dropped. */
export function parseServices(raw: unknown): QueueService[] {
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	return QUEUE_SERVICES.filter((s) => list.map((x) => String(x).trim()).includes(s));
}

export interface CallResult {
	/** The number now called (null: nobody is waiting). */
	called: {
		id: number;
		queueNo: string;
		service: QueueService;
		priority: QueuePriority;
		counter: string;
	} | null;
	/** The number this counter was serving, finished by this call. */
	finished: string | null;
	replay: boolean;
}

function appendEvent(
	db: Db,
	actor: Actor,
	ticketId: number,
	type: QueueEventType,
	at: number,
	counter: string | null,
	key: string | null,
	priority: QueuePriority | null = null
) {
	db.insert(queueEvents)
		.values({
			communityId: actor.communityId,
			ticketId,
			type,
			at,
			counter,
			staffId: actor.id,
			idempotencyKey: key,
			priority
		})
		.run();
}

/** A button's token already used: the answer the first press got. */
function replayOf(
	db: Db,
	actor: Actor,
	key: string | null
): { ticket: typeof queueTickets.$inferSelect; counter: string | null } | null {
	if (!key) return null;
	const e = db.select().from(queueEvents).where(eq(queueEvents.idempotencyKey, key)).get();
	if (!e || e.communityId !== actor.communityId) return null;
	const ticket = db.select().from(queueTickets).where(eq(queueTickets.id, e.ticketId)).get()!;
	return { ticket, counter: e.counter };
}

/**
 * The stored key is scoped by the button: the counter page renders one key for all its buttons, so
 * "finish" pressed right after "next" (before the page reloaded) must not replay the "next".
 */
function cleanKey(button: string, key: string | null | undefined): string | null {
	const k = key?.trim().slice(0, 100);
	return k ? `${button}:${k}` : null;
}

/** The answer to a call already made with this form key: the number it called, nothing finished. */
function replayedCall(
	replay: NonNullable<ReturnType<typeof replayOf>>,
	counter: string
): CallResult {
	const { id, queueNo, service, priority } = replay.ticket;
	return {
		called: { id, queueNo, service, priority, counter: replay.counter ?? counter },
		finished: null,
		replay: true
	};
}

/**
 * "Call next" at a counter: the number this counter was serving is finished, then the next
 * waiting number (urgent → elderly/disabled → arrival; among `services` if the counter handles
 * only some) is called here. One transaction, so two counters never call the same number.
 */
export function callNext(
	db: Db,
	actor: Actor,
	input: { counter: unknown; services?: QueueService[]; idempotencyKey?: string | null },
	now = nowMs()
): CallResult {
	const counter = parseCounter(input.counter);
	if (!counter) throw new QueueError('bad_counter');
	const key = cleanKey('next', input.idempotencyKey);
	return tx(db, () => {
		const replay = replayOf(db, actor, key);
		if (replay) return replayedCall(replay, counter);
		const day = loadDay(db, actor.communityId, queueDayOf(db, actor.communityId, now));
		const finished = finishCurrent(db, actor, currentAt(day, counter), now);
		const next = pickNext(waitingOf(day), input.services ?? []);
		if (!next) return { called: null, finished, replay: false };
		appendEvent(db, actor, next.id, 'called', now, counter, key);
		return {
			called: {
				id: next.id,
				queueNo: next.queueNo,
				service: next.service,
				priority: next.priority,
				counter
			},
			finished,
			replay: false
		};
	});
}

function finishCurrent(
	db: Db,
	actor: Actor,
	current: QueueTicketView | null,
	now: number
): string | null {
	if (!current) return null;
	appendEvent(db, actor, current.id, 'finished', now, current.counter, null);
	return current.queueNo;
}

/** Loads one of today's numbers of the actor's community, or refuses. */
function todays(db: Db, actor: Actor, id: unknown, now: number) {
	const n = typeof id === 'number' ? id : Number(String(id ?? ''));
	const day = loadDay(db, actor.communityId, queueDayOf(db, actor.communityId, now));
	const ticket = Number.isSafeInteger(n) ? day.tickets.find((t) => t.id === n) : undefined;
	if (!ticket) throw new QueueError('not_found');
	return { day, ticket };
}

/** Calls a particular number (a waiting one out of turn, or a no-show who came back) to a counter. */
export function callTicket(
	db: Db,
	actor: Actor,
	input: { id: unknown; counter: unknown; idempotencyKey?: string | null },
	now = nowMs()
): CallResult {
	const counter = parseCounter(input.counter);
	if (!counter) throw new QueueError('bad_counter');
	const key = cleanKey('call', input.idempotencyKey);
	return tx(db, () => {
		const replay = replayOf(db, actor, key);
		if (replay) return replayedCall(replay, counter);
		const { day, ticket } = todays(db, actor, input.id, now);
		const step = queueStep(ticket.state, 'called');
		if (!step.ok) throw new QueueError(step.error);
		const current = currentAt(day, counter);
		const finished =
			current && current.id !== ticket.id ? finishCurrent(db, actor, current, now) : null;
		appendEvent(db, actor, ticket.id, 'called', now, counter, key);
		return {
			called: {
				id: ticket.id,
				queueNo: ticket.queueNo,
				service: ticket.service,
				priority: ticket.priority,
				counter
			},
			finished,
			replay: false
		};
	});
}

/** Recall (重呼), finish (办结) or no-show (过号) of a called number. */
export function queueAction(
	db: Db,
	actor: Actor,
	type: 'recalled' | 'finished' | 'no_show',
	input: { id: unknown; idempotencyKey?: string | null },
	now = nowMs()
): { queueNo: string; counter: string | null; replay: boolean } {
	const key = cleanKey(type, input.idempotencyKey);
	return tx(db, () => {
		const replay = replayOf(db, actor, key);
		if (replay) return { queueNo: replay.ticket.queueNo, counter: replay.counter, replay: true };
		const { ticket } = todays(db, actor, input.id, now);
		const step = queueStep(ticket.state, type);
		if (!step.ok) throw new QueueError(step.error);
		appendEvent(db, actor, ticket.id, type, now, ticket.counter, key);
		return { queueNo: ticket.queueNo, counter: ticket.counter, replay: false };
	});
}

/**
 * The counter sets a waiting number's priority: confirms the "urgent" or "elderly/disabled" a
 * phone asked for once the person is seen, or demotes a number (the standard lets staff judge
 * urgency). Logged with who and when; the number keeps its place in arrival order.
 */
export function setPriority(
	db: Db,
	actor: Actor,
	input: { id: unknown; priority: unknown; idempotencyKey?: string | null },
	now = nowMs()
): { queueNo: string; priority: QueuePriority; replay: boolean } {
	if (!isPriority(input.priority)) throw new QueueError('bad_priority');
	const priority = input.priority;
	const key = cleanKey('priority', input.idempotencyKey);
	return tx(db, () => {
		if (key) {
			const e = db.select().from(queueEvents).where(eq(queueEvents.idempotencyKey, key)).get();
			if (e && e.communityId === actor.communityId) {
				const t = db
					.select({ queueNo: queueTickets.queueNo })
					.from(queueTickets)
					.where(eq(queueTickets.id, e.ticketId))
					.get()!;
				return { queueNo: t.queueNo, priority: e.priority ?? priority, replay: true };
			}
		}
		const { ticket } = todays(db, actor, input.id, now);
		if (ticket.state !== 'waiting') throw new QueueError('not_waiting');
		appendEvent(db, actor, ticket.id, 'priority_set', now, null, key, priority);
		return { queueNo: ticket.queueNo, priority, replay: false };
	});
}
