import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { queueEvents, queueTickets, staffUsers } from '../db/schema';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import {
	MAX_SERVICE_MS,
	QUEUE_SERVICES,
	aheadOf,
	expectedWaitMinutes,
	foldQueue,
	openCounters,
	orderWaiting,
	priorityOf,
	serviceMinutes,
	type FinishedVisit,
	type QueueEventFact,
	type QueuePriority,
	type QueueService,
	type QueueSource,
	type QueueState
} from '../../domain/queue';

/** A number as the counter and the hall see it: the row plus the fold of its events. */
export interface QueueTicketView {
	id: number;
	day: string;
	queueNo: string;
	service: QueueService;
	/** The priority it is called by now (a phone's "urgent" counts once the counter confirmed it). */
	priority: QueuePriority;
	/** What was asked when taking it. */
	askedPriority: QueuePriority;
	/** Asked for on a phone, waiting for the counter to confirm. */
	priorityPending: boolean;
	source: QueueSource;
	unitId: number | null;
	/** Where it was taken from (for the take limits; never shown). */
	device: string | null;
	address: string | null;
	takenAt: number;
	state: QueueState;
	calledAt: number | null;
	servedFrom: number | null;
	counter: string | null;
	staffId: number | null;
	/** "李晓梅 C001" of the clerk who called it last. */
	staffName: string | null;
	finishedAt: number | null;
}

export interface QueueDay {
	day: string;
	tickets: QueueTicketView[];
	/** Every call and recall of the day (for the open-counter count). */
	calls: { counter: string | null; at: number }[];
}

export function queueDayOf(db: Db, communityId: number, now: number): string {
	return todayIn(getCommunity(db, communityId).timeZone, now);
}

/** All numbers of one community-day with their state (a day is a few hundred rows at most). */
export function loadDay(db: Db, communityId: number, day: string): QueueDay {
	const rows = db
		.select()
		.from(queueTickets)
		.where(and(eq(queueTickets.communityId, communityId), eq(queueTickets.day, day)))
		.orderBy(asc(queueTickets.id))
		.all();
	const events = db
		.select({
			ticketId: queueEvents.ticketId,
			type: queueEvents.type,
			at: queueEvents.at,
			counter: queueEvents.counter,
			staffId: queueEvents.staffId,
			priority: queueEvents.priority,
			name: staffUsers.displayName,
			workNo: staffUsers.workNo
		})
		.from(queueEvents)
		.innerJoin(queueTickets, eq(queueTickets.id, queueEvents.ticketId))
		.leftJoin(staffUsers, eq(staffUsers.id, queueEvents.staffId))
		.where(and(eq(queueTickets.communityId, communityId), eq(queueTickets.day, day)))
		.orderBy(asc(queueEvents.id))
		.all();
	const byTicket = new Map<number, QueueEventFact[]>();
	const names = new Map<number, string>();
	const calls: QueueDay['calls'] = [];
	for (const e of events) {
		const list = byTicket.get(e.ticketId) ?? [];
		list.push({
			type: e.type,
			at: e.at,
			counter: e.counter,
			staffId: e.staffId,
			priority: e.priority
		});
		byTicket.set(e.ticketId, list);
		if (e.staffId !== null && e.name) names.set(e.staffId, `${e.name} ${e.workNo ?? ''}`.trim());
		if (e.type === 'called' || e.type === 'recalled') calls.push({ counter: e.counter, at: e.at });
	}
	const tickets = rows.map((r): QueueTicketView => {
		const events = byTicket.get(r.id) ?? [];
		const f = foldQueue(events);
		const p = priorityOf(r, events);
		return {
			id: r.id,
			day: r.day,
			queueNo: r.queueNo,
			service: r.service,
			priority: p.priority,
			askedPriority: p.asked,
			priorityPending: p.pending,
			source: r.source,
			unitId: r.unitId,
			device: r.device,
			address: r.address,
			takenAt: r.takenAt,
			...f,
			staffName: f.staffId !== null ? (names.get(f.staffId) ?? null) : null
		};
	});
	return { day, tickets, calls };
}

/** Today's minutes per visit for each service (average of finished visits, else the default). */
export function minutesPerService(day: QueueDay): Record<QueueService, number> {
	const finished: FinishedVisit[] = [];
	for (const t of day.tickets)
		if (t.state === 'finished' && t.servedFrom !== null && t.finishedAt !== null)
			finished.push({ service: t.service, from: t.servedFrom, to: t.finishedAt });
	return serviceMinutes(finished);
}

export function waitingOf(day: QueueDay): QueueTicketView[] {
	return orderWaiting(day.tickets.filter((t) => t.state === 'waiting'));
}

export interface QueueEstimate {
	/** People to be called before this number (0 = next). */
	ahead: number;
	minutes: number;
	counters: number;
}

/** Who is ahead of a waiting number and the expected wait; null once it was called. */
export function estimateFor(
	day: QueueDay,
	ticket: QueueTicketView,
	now: number
): QueueEstimate | null {
	if (ticket.state !== 'waiting') return null;
	return waitBehind(day, aheadOf(waitingOf(day), ticket), now);
}

/** For the take-a-number screen: people waiting now and the wait of a number taken now (normal priority). */
export function estimateNew(day: QueueDay, now: number): QueueEstimate {
	return waitBehind(day, waitingOf(day), now);
}

/** The wait of a number with `ahead` before it: how many, the expected minutes at the open counters. */
function waitBehind(day: QueueDay, ahead: QueueTicketView[], now: number): QueueEstimate {
	const counters = openCounters(day.calls, now);
	const minutes = expectedWaitMinutes(
		ahead.map((t) => t.service),
		minutesPerService(day),
		counters
	);
	return { ahead: ahead.length, minutes, counters };
}

export interface QueueTicketPage extends QueueTicketView {
	today: boolean;
	estimate: QueueEstimate | null;
}

/** One number for the kiosk's ticket page and the printed slip; null when not of this community. */
export function queueTicket(
	db: Db,
	communityId: number,
	id: number,
	now: number
): QueueTicketPage | null {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	const row = db
		.select({ day: queueTickets.day })
		.from(queueTickets)
		.where(and(eq(queueTickets.id, id), eq(queueTickets.communityId, communityId)))
		.get();
	if (!row) return null;
	const day = loadDay(db, communityId, row.day);
	const ticket = day.tickets.find((t) => t.id === id)!;
	const today = row.day === queueDayOf(db, communityId, now);
	return { ...ticket, today, estimate: today ? estimateFor(day, ticket, now) : null };
}

/** The number being served at a counter now (its latest call), if any. */
export function currentAt(day: QueueDay, counter: string): QueueTicketView | null {
	let best: QueueTicketView | null = null;
	for (const t of day.tickets)
		if (
			t.state === 'called' &&
			t.counter === counter &&
			(!best || (t.calledAt ?? 0) > (best.calledAt ?? 0))
		)
			best = t;
	return best;
}

export interface ServiceStats {
	service: QueueService;
	waiting: number;
	finished: number;
	noShow: number;
	/** Average minutes of today's finished visits; null when none finished yet. */
	averageMinutes: number | null;
	/** What the estimate uses (the average, or the default). */
	estimateMinutes: number;
}

export function statsOf(day: QueueDay): ServiceStats[] {
	const minutes = minutesPerService(day);
	return QUEUE_SERVICES.map((service) => {
		const mine = day.tickets.filter((t) => t.service === service);
		const done = mine.filter(
			(t) => t.state === 'finished' && t.servedFrom !== null && t.finishedAt !== null
		);
		const measured = done
			.map((t) => t.finishedAt! - t.servedFrom!)
			.filter((ms) => ms >= 0 && ms <= MAX_SERVICE_MS);
		return {
			service,
			waiting: mine.filter((t) => t.state === 'waiting').length,
			finished: done.length,
			noShow: mine.filter((t) => t.state === 'no_show').length,
			averageMinutes: measured.length
				? measured.reduce((a, b) => a + b, 0) / measured.length / 60_000
				: null,
			estimateMinutes: minutes[service]
		};
	});
}

export interface HallBoard {
	day: string;
	/** Numbers at a counter now, the latest call first. */
	calling: {
		id: number;
		queueNo: string;
		counter: string;
		calledAt: number;
		service: QueueService;
	}[];
	/** The next numbers in calling order. */
	next: { queueNo: string; service: QueueService }[];
	waiting: number;
	waitingByService: Record<QueueService, number>;
}

/** What the hall display shows: who is called to which counter, and who is next. */
export function hallBoard(db: Db, communityId: number, now: number, nextCount = 6): HallBoard {
	const day = loadDay(db, communityId, queueDayOf(db, communityId, now));
	const calling = day.tickets
		.filter((t) => t.state === 'called' && t.counter !== null)
		.sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0) || b.id - a.id)
		.map((t) => ({
			id: t.id,
			queueNo: t.queueNo,
			counter: t.counter!,
			calledAt: t.calledAt!,
			service: t.service
		}));
	const waiting = waitingOf(day);
	const waitingByService = Object.fromEntries(
		QUEUE_SERVICES.map((s) => [s, waiting.filter((t) => t.service === s).length])
	) as Record<QueueService, number>;
	return {
		day: day.day,
		calling,
		next: waiting.slice(0, nextCount).map((t) => ({ queueNo: t.queueNo, service: t.service })),
		waiting: waiting.length,
		waitingByService
	};
}
