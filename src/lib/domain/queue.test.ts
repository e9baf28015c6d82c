import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SERVICE_MINUTES,
	MAX_SERVICE_MS,
	QUEUE_SERVICES,
	SERVICE_PREFIX,
	aheadOf,
	compareQueue,
	expectedWaitMinutes,
	foldQueue,
	formatQueueNo,
	isPriority,
	isService,
	openCounters,
	orderWaiting,
	pickNext,
	queueStep,
	serviceMinutes,
	needsConfirmation,
	priorityOf,
	takeLimit,
	KIOSK_PER_MINUTE,
	KIOSK_MAX_WAITING,
	PHONE_MAX_PER_DAY,
	ADDRESS_PER_MINUTE,
	ADDRESS_MAX_PHONE_WAITING,
	type QueueEntry,
	type QueueEventFact,
	type TakenBefore
} from './queue';

const T0 = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai
const MIN = 60_000;

const entry = (id: number, over: Partial<QueueEntry> = {}): QueueEntry => ({
	id,
	service: 'payment',
	priority: 'normal',
	takenAt: T0 + id * MIN,
	...over
});

describe('numbering', () => {
	it('prefixes each service with its own letter and pads to three digits', () => {
		expect(formatQueueNo('payment', 1)).toBe('A001');
		expect(formatQueueNo('renovation', 12)).toBe('B012');
		expect(formatQueueNo('movein', 3)).toBe('C003');
		expect(formatQueueNo('report', 100)).toBe('D100');
		expect(formatQueueNo('keys', 999)).toBe('E999');
		expect(formatQueueNo('other', 7)).toBe('F007');
	});
	it('grows past 999 instead of wrapping to a number in use', () => {
		expect(formatQueueNo('payment', 1000)).toBe('A1000');
	});
	it('refuses a sequence that is not a positive integer', () => {
		for (const bad of [0, -1, 1.5, NaN])
			expect(() => formatQueueNo('payment', bad)).toThrow(RangeError);
	});
	it('gives every service a distinct letter', () => {
		const letters = QUEUE_SERVICES.map((s) => SERVICE_PREFIX[s]);
		expect(new Set(letters).size).toBe(QUEUE_SERVICES.length);
	});
	it('recognises services and priorities', () => {
		expect(isService('keys')).toBe(true);
		expect(isService('KEYS')).toBe(false);
		expect(isService(undefined)).toBe(false);
		expect(isPriority('elderly')).toBe(true);
		expect(isPriority('vip')).toBe(false);
	});
});

describe('calling order: urgent → elderly/disabled → arrival', () => {
	it('serves arrival order among equals', () => {
		const list = [entry(3), entry(1), entry(2)];
		expect(orderWaiting(list).map((e) => e.id)).toEqual([1, 2, 3]);
		expect(list.map((e) => e.id)).toEqual([3, 1, 2]); // not sorted in place
	});
	it('calls an elderly visitor before earlier normal ones, and urgent before both', () => {
		const list = [
			entry(1),
			entry(2),
			entry(3, { priority: 'elderly' }),
			entry(4, { priority: 'urgent' }),
			entry(5, { priority: 'elderly' })
		];
		expect(orderWaiting(list).map((e) => e.id)).toEqual([4, 3, 5, 1, 2]);
	});
	it('breaks a tie in the same millisecond by id', () => {
		expect(compareQueue(entry(7, { takenAt: T0 }), entry(8, { takenAt: T0 }))).toBeLessThan(0);
		expect(compareQueue(entry(8, { takenAt: T0 }), entry(7, { takenAt: T0 }))).toBeGreaterThan(0);
	});
	it('picks the next number, optionally only among the services a counter handles', () => {
		const list = [
			entry(1, { service: 'keys' }),
			entry(2, { service: 'payment', priority: 'elderly' }),
			entry(3, { service: 'keys', priority: 'urgent' })
		];
		expect(pickNext(list)?.id).toBe(3);
		expect(pickNext(list, ['payment'])?.id).toBe(2);
		expect(pickNext(list, ['movein'])).toBeNull();
		expect(pickNext([])).toBeNull();
	});
	it('counts who is ahead across all services', () => {
		const list = [
			entry(1, { service: 'keys' }),
			entry(2),
			entry(3, { priority: 'elderly', service: 'report' }),
			entry(4)
		];
		expect(aheadOf(list, list[3]).map((e) => e.id)).toEqual([3, 1, 2]);
		expect(aheadOf(list, list[2]).map((e) => e.id)).toEqual([]);
		// An urgent number taken now goes ahead of everyone.
		expect(aheadOf(list, entry(9, { priority: 'urgent' }))).toEqual([]);
	});
});

describe('state machine', () => {
	it('allows the standard path and refuses the rest', () => {
		expect(queueStep('waiting', 'called')).toEqual({ ok: true, state: 'called' });
		expect(queueStep('called', 'recalled')).toEqual({ ok: true, state: 'called' });
		expect(queueStep('called', 'finished')).toEqual({ ok: true, state: 'finished' });
		expect(queueStep('called', 'no_show')).toEqual({ ok: true, state: 'no_show' });
		expect(queueStep('no_show', 'called')).toEqual({ ok: true, state: 'called' });
		expect(queueStep('waiting', 'finished')).toEqual({ ok: false, error: 'not_called' });
		expect(queueStep('waiting', 'recalled')).toEqual({ ok: false, error: 'not_called' });
		expect(queueStep('waiting', 'no_show')).toEqual({ ok: false, error: 'not_called' });
		expect(queueStep('called', 'called')).toEqual({ ok: false, error: 'not_waiting' });
		expect(queueStep('no_show', 'finished')).toEqual({ ok: false, error: 'not_called' });
		for (const t of ['called', 'recalled', 'finished', 'no_show'] as const)
			expect(queueStep('finished', t)).toEqual({ ok: false, error: 'finished' });
	});
	it('folds the events into the call, the counter and the finish', () => {
		const ev = (
			type: QueueEventFact['type'],
			at: number,
			counter: string | null = '2',
			staffId: number | null = 5
		): QueueEventFact => ({ type, at, counter, staffId });
		expect(foldQueue([])).toEqual({
			state: 'waiting',
			calledAt: null,
			servedFrom: null,
			counter: null,
			staffId: null,
			finishedAt: null
		});
		const f = foldQueue([
			ev('called', T0),
			ev('recalled', T0 + MIN, '3', 6),
			ev('finished', T0 + 5 * MIN, null, 6)
		]);
		expect(f).toEqual({
			state: 'finished',
			calledAt: T0 + MIN,
			servedFrom: T0,
			counter: '3',
			staffId: 6,
			finishedAt: T0 + 5 * MIN
		});
		// A no-show served later: the visit starts at the second call. Refused events are ignored.
		const g = foldQueue([
			ev('called', T0),
			ev('no_show', T0 + MIN),
			ev('finished', T0 + 2 * MIN),
			ev('called', T0 + 10 * MIN, '1')
		]);
		expect(g).toMatchObject({
			state: 'called',
			servedFrom: T0 + 10 * MIN,
			counter: '1',
			finishedAt: null
		});
	});
});

describe('expected wait', () => {
	it('averages today’s finished visits per service, with the default where none finished', () => {
		const m = serviceMinutes([
			{ service: 'payment', from: T0, to: T0 + 2 * MIN },
			{ service: 'payment', from: T0, to: T0 + 4 * MIN },
			{ service: 'keys', from: T0, to: T0 + 10 * MIN }
		]);
		expect(m.payment).toBe(3);
		expect(m.keys).toBe(10);
		expect(m.movein).toBe(DEFAULT_SERVICE_MINUTES.movein);
		expect(m.report).toBe(DEFAULT_SERVICE_MINUTES.report);
	});
	it('leaves out visits nobody finished in time and negative ones', () => {
		const m = serviceMinutes([
			{ service: 'payment', from: T0, to: T0 + MAX_SERVICE_MS + 1 },
			{ service: 'payment', from: T0, to: T0 - 1 },
			{ service: 'payment', from: T0, to: T0 + 6 * MIN }
		]);
		expect(m.payment).toBe(6);
	});
	it('takes other defaults when given', () => {
		expect(serviceMinutes([], { ...DEFAULT_SERVICE_MINUTES, other: 11 }).other).toBe(11);
	});
	it('counts the counters that called within the last hour, at least one', () => {
		expect(openCounters([], T0)).toBe(1);
		expect(
			openCounters(
				[
					{ counter: '1', at: T0 - 5 * MIN },
					{ counter: '1', at: T0 - MIN },
					{ counter: '2', at: T0 - 59 * MIN }
				],
				T0
			)
		).toBe(2);
		expect(
			openCounters(
				[
					{ counter: '3', at: T0 - 61 * MIN },
					{ counter: null, at: T0 }
				],
				T0
			)
		).toBe(1);
		expect(openCounters([{ counter: '4', at: T0 + MIN }], T0)).toBe(1); // not yet
	});
	it('sums the service times of the people ahead over the open counters, rounded up', () => {
		const m = { ...DEFAULT_SERVICE_MINUTES, payment: 4, keys: 5, movein: 25 };
		expect(expectedWaitMinutes([], m, 1)).toBe(0);
		expect(expectedWaitMinutes(['payment'], m, 1)).toBe(4);
		expect(expectedWaitMinutes(['payment', 'keys', 'movein'], m, 1)).toBe(34);
		expect(expectedWaitMinutes(['payment', 'keys', 'movein'], m, 2)).toBe(17);
		expect(expectedWaitMinutes(['payment', 'keys'], m, 2)).toBe(5); // 4.5 → 5
		expect(expectedWaitMinutes(['payment'], { ...m, payment: 0.2 }, 3)).toBe(1); // never "0" with someone ahead
		expect(expectedWaitMinutes(Array(10).fill('payment'), { ...m, payment: 0.1 + 0.2 }, 1)).toBe(3); // 3.0000000000000004 is 3
		expect(expectedWaitMinutes(['payment', 'payment'], { ...m, payment: 1.5 }, 0)).toBe(3); // no counter counts as one
	});
});

describe('priority asked on a phone', () => {
	const set = (priority: 'normal' | 'elderly' | 'urgent', at = T0): QueueEventFact => ({
		type: 'priority_set',
		at,
		counter: '1',
		staffId: 1,
		priority
	});
	it('needs the counter to confirm urgent or elderly from a phone, not from the kiosk or the counter', () => {
		expect(needsConfirmation('mobile', 'urgent')).toBe(true);
		expect(needsConfirmation('mobile', 'elderly')).toBe(true);
		expect(needsConfirmation('mobile', 'normal')).toBe(false);
		expect(needsConfirmation('kiosk', 'urgent')).toBe(false);
		expect(needsConfirmation('counter', 'elderly')).toBe(false);
	});
	it('waits as normal until confirmed, then goes first; the counter may demote any number', () => {
		expect(priorityOf({ priority: 'urgent', source: 'mobile' }, [])).toEqual({
			priority: 'normal',
			asked: 'urgent',
			pending: true
		});
		expect(priorityOf({ priority: 'urgent', source: 'mobile' }, [set('urgent')])).toEqual({
			priority: 'urgent',
			asked: 'urgent',
			pending: false
		});
		expect(priorityOf({ priority: 'urgent', source: 'mobile' }, [set('normal')])).toEqual({
			priority: 'normal',
			asked: 'urgent',
			pending: false
		});
		expect(priorityOf({ priority: 'urgent', source: 'kiosk' }, [])).toEqual({
			priority: 'urgent',
			asked: 'urgent',
			pending: false
		});
		// The last change counts; calls and finishes do not touch the priority.
		const events: QueueEventFact[] = [
			set('urgent'),
			set('elderly', T0 + MIN),
			{ type: 'called', at: T0 + 2 * MIN, counter: '1', staffId: 1 }
		];
		expect(priorityOf({ priority: 'urgent', source: 'kiosk' }, events).priority).toBe('elderly');
		// A priority change is not a step of the state machine.
		expect(foldQueue([set('normal'), ...events]).state).toBe('called');
	});
	it('orders a pending urgent phone number in arrival order, a confirmed one first', () => {
		const early = entry(1);
		const phone = entry(2, {
			priority: priorityOf({ priority: 'urgent', source: 'mobile' }, []).priority
		});
		expect(orderWaiting([phone, early]).map((e) => e.id)).toEqual([1, 2]);
		const confirmed = entry(2, {
			priority: priorityOf({ priority: 'urgent', source: 'mobile' }, [set('urgent')]).priority
		});
		expect(orderWaiting([confirmed, early]).map((e) => e.id)).toEqual([2, 1]);
	});
});

describe('limits on taking numbers', () => {
	const taken = (n: number, over: Partial<TakenBefore> = {}, step = 1000): TakenBefore[] =>
		Array.from({ length: n }, (_, i) => ({
			source: 'kiosk',
			takenAt: T0 + i * step,
			open: true,
			...over
		}));
	it('lets a hall kiosk take 6 a minute, then asks to wait; a minute later it goes on', () => {
		// First use: 30 numbers in 5 s. The 7th within a minute is refused.
		const burst = taken(KIOSK_PER_MINUTE, {}, 150);
		expect(takeLimit('kiosk', burst.slice(0, 5), burst.slice(0, 5), T0 + 1000)).toBeNull();
		expect(takeLimit('kiosk', burst, burst, T0 + 1000)).toBe('kiosk_busy');
		expect(takeLimit('kiosk', burst, [], T0 + 60_000)).toBeNull();
	});
	it('caps the numbers waiting from one kiosk; finished ones do not count', () => {
		const day = taken(KIOSK_MAX_WAITING, {}, MIN);
		const now = T0 + KIOSK_MAX_WAITING * MIN;
		expect(takeLimit('kiosk', day, [], now)).toBe('kiosk_waiting');
		expect(
			takeLimit(
				'kiosk',
				day.map((t, i) => ({ ...t, open: i > 0 })),
				[],
				now
			)
		).toBeNull();
	});
	it('gives a phone session one waiting number at a time and 2 a day', () => {
		const phone = (open: boolean, at = T0) => ({ source: 'mobile' as const, takenAt: at, open });
		expect(takeLimit('mobile', [], [], T0)).toBeNull();
		expect(takeLimit('mobile', [phone(true)], [phone(true)], T0 + MIN)).toBe('phone_waiting');
		expect(takeLimit('mobile', [phone(false)], [phone(false)], T0 + MIN)).toBeNull();
		expect(
			takeLimit(
				'mobile',
				Array.from({ length: PHONE_MAX_PER_DAY }, () => phone(false)),
				[],
				T0 + 3 * 3_600_000
			)
		).toBe('phone_day');
	});
	it('limits one address however many cookies it drops; the counter is never limited', () => {
		const flood = taken(ADDRESS_PER_MINUTE, { source: 'kiosk' }, 100);
		expect(takeLimit('kiosk', [], flood, T0 + 2000)).toBe('address_busy');
		expect(takeLimit('mobile', [], flood, T0 + 2000)).toBe('address_busy');
		const phones = taken(ADDRESS_MAX_PHONE_WAITING, { source: 'mobile' }, MIN);
		expect(takeLimit('mobile', [], phones, T0 + 3 * 3_600_000)).toBe('address_busy');
		// The hall kiosk is not held back by phones on the same network.
		expect(takeLimit('kiosk', [], phones, T0 + 3 * 3_600_000)).toBeNull();
		expect(takeLimit('counter', flood, flood, T0 + 2000)).toBeNull();
	});
});
