import type { Actor } from '../auth/actor';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { DEFAULT_SERVICE_MINUTES } from '../../domain/queue';
import {
	QueueError,
	callNext,
	callTicket,
	estimateNew,
	hallBoard,
	loadDay,
	parseCounter,
	parseServices,
	queueAction,
	queueTicket,
	setPriority,
	statsOf,
	takeNumber
} from './index';

const T0 = Date.parse('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const MIN = 60_000;

let db: Db;
let fx: Fixture;
let clerk: Actor;
let clerk2: Actor;

beforeEach(() => {
	db = createTestDb();
	fx = createFixture(db);
	clerk = { id: fx.clerkId, communityId: fx.communityId, role: 'clerk' };
	clerk2 = { id: fx.clerk2Id, communityId: fx.communityId, role: 'clerk' };
});

const take = (service: string, priority = 'normal', at = T0, key?: string) =>
	takeNumber(
		db,
		fx.communityId,
		{ service, priority, source: 'kiosk' },
		{ now: at, idempotencyKey: key }
	);

function refused(fn: () => unknown, code: string) {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(QueueError);
		expect((e as QueueError).code).toBe(code);
		return;
	}
	throw new Error(`expected QueueError ${code}`);
}

const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('taking numbers', () => {
	it('numbers each service per day with its own letter', () => {
		expect(take('payment').queueNo).toBe('A001');
		expect(take('payment', 'normal', T0 + MIN).queueNo).toBe('A002');
		expect(take('renovation').queueNo).toBe('B001');
		expect(take('movein').queueNo).toBe('C001');
		expect(take('report').queueNo).toBe('D001');
		expect(take('keys').queueNo).toBe('E001');
		expect(take('other').queueNo).toBe('F001');
		// The next day in Shanghai (16:00 UTC is midnight there) starts again at 001.
		expect(take('payment', 'normal', Date.parse('2026-11-23T16:00:00Z')).queueNo).toBe('A001');
		// Another community has its own numbers.
		expect(
			takeNumber(db, fx.otherCommunityId, { service: 'payment', source: 'kiosk' }, { now: T0 })
				.queueNo
		).toBe('A001');
	});

	it('takes one number per form token (a double tap)', () => {
		const a = take('payment', 'elderly', T0, 'tok-1');
		const b = take('payment', 'elderly', T0 + 500, 'tok-1');
		expect(b).toEqual({ ...a, replay: true });
		expect(count('queue_tickets')).toBe(1);
	});

	it('refuses a bad service, priority, source or unit and writes nothing', () => {
		refused(() => take('lottery'), 'bad_service');
		refused(() => take('payment', 'vip'), 'bad_priority');
		refused(
			() =>
				takeNumber(db, fx.communityId, { service: 'payment', source: 'fax' as never }, { now: T0 }),
			'bad_source'
		);
		refused(
			() =>
				takeNumber(
					db,
					fx.communityId,
					{ service: 'payment', source: 'kiosk', unitId: fx.otherUnitId },
					{ now: T0 }
				),
			'bad_unit'
		);
		expect(count('queue_tickets')).toBe(0);
	});

	it('records the unit of an identified resident', () => {
		const t = takeNumber(
			db,
			fx.communityId,
			{ service: 'payment', source: 'mobile', unitId: fx.unitIds[0] },
			{ now: T0 }
		);
		const day = loadDay(db, fx.communityId, '2026-11-23');
		expect(day.tickets.find((x) => x.id === t.id)).toMatchObject({
			unitId: fx.unitIds[0],
			source: 'mobile',
			state: 'waiting'
		});
	});
});

describe('calling at the counter', () => {
	it('calls an elderly visitor before an earlier normal one, urgent before both', () => {
		take('payment', 'normal', T0);
		take('keys', 'normal', T0 + MIN);
		const elderly = take('payment', 'elderly', T0 + 2 * MIN);
		const urgent = take('report', 'urgent', T0 + 3 * MIN);
		expect(callNext(db, clerk, { counter: '1' }, T0 + 4 * MIN).called?.queueNo).toBe(
			urgent.queueNo
		);
		expect(callNext(db, clerk2, { counter: '2' }, T0 + 4 * MIN).called?.queueNo).toBe(
			elderly.queueNo
		);
		expect(callNext(db, clerk2, { counter: '2' }, T0 + 5 * MIN).called?.queueNo).toBe('A001');
		expect(callNext(db, clerk2, { counter: '2' }, T0 + 6 * MIN).called?.queueNo).toBe('E001');
		const none = callNext(db, clerk2, { counter: '2' }, T0 + 7 * MIN);
		expect(none).toEqual({ called: null, finished: 'E001', replay: false });
	});

	it('records who called, where and when; the next call finishes the previous number', () => {
		const a = take('payment');
		const b = take('payment', 'normal', T0 + MIN);
		callNext(db, clerk, { counter: '3' }, T0 + 2 * MIN);
		const r = callNext(db, clerk, { counter: '3' }, T0 + 6 * MIN);
		expect(r.finished).toBe(a.queueNo);
		expect(r.called?.queueNo).toBe(b.queueNo);
		const day = loadDay(db, fx.communityId, '2026-11-23');
		expect(day.tickets.find((t) => t.id === a.id)).toMatchObject({
			state: 'finished',
			counter: '3',
			staffId: fx.clerkId,
			staffName: 'clerk CLERK',
			calledAt: T0 + 2 * MIN,
			finishedAt: T0 + 6 * MIN
		});
		expect(day.tickets.find((t) => t.id === b.id)).toMatchObject({
			state: 'called',
			counter: '3',
			calledAt: T0 + 6 * MIN,
			finishedAt: null
		});
	});

	it('serves only the services a counter handles when it says so', () => {
		take('keys');
		const pay = take('payment', 'normal', T0 + MIN);
		expect(
			callNext(db, clerk, { counter: '1', services: ['payment'] }, T0 + 2 * MIN).called?.id
		).toBe(pay.id);
	});

	it('acts once per button token (a double press calls one number)', () => {
		take('payment');
		take('payment', 'normal', T0 + MIN);
		const first = callNext(db, clerk, { counter: '1', idempotencyKey: 'press-1' }, T0 + 2 * MIN);
		const again = callNext(
			db,
			clerk,
			{ counter: '1', idempotencyKey: 'press-1' },
			T0 + 2 * MIN + 300
		);
		expect(again.replay).toBe(true);
		expect(again.called?.id).toBe(first.called?.id);
		expect(count('queue_events')).toBe(1);
	});

	it('recalls, finishes and marks a no-show only a called number', () => {
		const a = take('payment');
		const b = take('keys', 'normal', T0 + MIN);
		refused(() => queueAction(db, clerk, 'finished', { id: a.id }, T0 + 2 * MIN), 'not_called');
		refused(() => queueAction(db, clerk, 'no_show', { id: a.id }, T0 + 2 * MIN), 'not_called');
		callNext(db, clerk, { counter: '1' }, T0 + 2 * MIN);
		expect(queueAction(db, clerk, 'recalled', { id: a.id }, T0 + 3 * MIN)).toEqual({
			queueNo: 'A001',
			counter: '1',
			replay: false
		});
		expect(queueAction(db, clerk, 'no_show', { id: a.id }, T0 + 5 * MIN).queueNo).toBe('A001');
		refused(() => queueAction(db, clerk, 'recalled', { id: a.id }, T0 + 6 * MIN), 'not_called');
		// A no-show who comes back is called out of turn; then finished.
		const back = callTicket(db, clerk, { id: a.id, counter: '2' }, T0 + 10 * MIN);
		expect(back.called).toMatchObject({ queueNo: 'A001', counter: '2' });
		queueAction(db, clerk, 'finished', { id: a.id }, T0 + 14 * MIN);
		refused(() => queueAction(db, clerk, 'finished', { id: a.id }, T0 + 15 * MIN), 'finished');
		refused(() => callTicket(db, clerk, { id: a.id, counter: '2' }, T0 + 15 * MIN), 'finished');
		// b is still waiting; a no-show is never called again by "call next".
		const day = loadDay(db, fx.communityId, '2026-11-23');
		expect(day.tickets.find((t) => t.id === b.id)?.state).toBe('waiting');
	});

	it('refuses a bad counter, an unknown number, another community’s or another day’s number', () => {
		const a = take('payment');
		refused(() => callNext(db, clerk, { counter: '0' }, T0), 'bad_counter');
		refused(() => callNext(db, clerk, { counter: 'x' }, T0), 'bad_counter');
		refused(() => callTicket(db, clerk, { id: 999, counter: '1' }, T0), 'not_found');
		refused(() => callTicket(db, clerk, { id: 'abc', counter: '1' }, T0), 'not_found');
		const other = takeNumber(
			db,
			fx.otherCommunityId,
			{ service: 'payment', source: 'kiosk' },
			{ now: T0 }
		);
		refused(() => callTicket(db, clerk, { id: other.id, counter: '1' }, T0), 'not_found');
		refused(
			() => callTicket(db, clerk, { id: a.id, counter: '1' }, T0 + 24 * 60 * MIN),
			'not_found'
		);
		expect(count('queue_events')).toBe(0);
	});

	it('keeps the log insert-only', () => {
		const a = take('payment');
		callNext(db, clerk, { counter: '1' }, T0 + MIN);
		expect(() => db.$client.prepare('UPDATE queue_events SET counter = ?').run('9')).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM queue_tickets WHERE id = ?').run(a.id)).toThrow(
			/append-only/
		);
	});
});

describe('expected wait and the hall board', () => {
	it('uses the defaults, then today’s average service times, shared over the open counters', () => {
		const a = take('payment', 'normal', T0);
		take('keys', 'normal', T0 + 1000);
		const c = take('payment', 'normal', T0 + 2000);
		// Nobody served yet: defaults (payment 4, keys 5) for the two ahead of c, one counter.
		expect(queueTicket(db, fx.communityId, c.id, T0 + 3000)?.estimate).toEqual({
			ahead: 2,
			minutes: DEFAULT_SERVICE_MINUTES.payment + DEFAULT_SERVICE_MINUTES.keys,
			counters: 1
		});
		expect(queueTicket(db, fx.communityId, a.id, T0 + 3000)?.estimate).toEqual({
			ahead: 0,
			minutes: 0,
			counters: 1
		});

		// Counter 1 serves A001 in 10 minutes; counter 2 opens.
		callNext(db, clerk, { counter: '1' }, T0 + MIN);
		queueAction(db, clerk, 'finished', { id: a.id }, T0 + 11 * MIN);
		callNext(db, clerk2, { counter: '2' }, T0 + 11 * MIN); // calls E001
		const view = queueTicket(db, fx.communityId, c.id, T0 + 12 * MIN)!;
		expect(view.estimate).toEqual({ ahead: 0, minutes: 0, counters: 2 });
		const d = take('keys', 'normal', T0 + 12 * MIN);
		// Ahead of d: A002 (payment, now 10 min measured) over 2 counters → 5.
		expect(queueTicket(db, fx.communityId, d.id, T0 + 12 * MIN)?.estimate).toEqual({
			ahead: 1,
			minutes: 5,
			counters: 2
		});
		expect(estimateNew(loadDay(db, fx.communityId, '2026-11-23'), T0 + 12 * MIN)).toEqual({
			ahead: 2,
			minutes: 8,
			counters: 2
		});

		const stats = statsOf(loadDay(db, fx.communityId, '2026-11-23'));
		expect(stats.find((s) => s.service === 'payment')).toMatchObject({
			waiting: 1,
			finished: 1,
			noShow: 0,
			averageMinutes: 10,
			estimateMinutes: 10
		});
		expect(stats.find((s) => s.service === 'keys')).toMatchObject({
			waiting: 1,
			finished: 0,
			averageMinutes: null,
			estimateMinutes: DEFAULT_SERVICE_MINUTES.keys
		});
	});

	it('shows on the hall board who is called to which counter, latest first, and who is next', () => {
		take('payment', 'normal', T0);
		take('keys', 'normal', T0 + 1000);
		take('report', 'elderly', T0 + 2000);
		take('other', 'normal', T0 + 3000);
		callNext(db, clerk, { counter: '1' }, T0 + MIN); // D001 (elderly)
		callNext(db, clerk2, { counter: '2' }, T0 + 2 * MIN); // A001
		const board = hallBoard(db, fx.communityId, T0 + 3 * MIN);
		expect(board.calling.map((c) => [c.queueNo, c.counter])).toEqual([
			['A001', '2'],
			['D001', '1']
		]);
		expect(board.next.map((n) => n.queueNo)).toEqual(['E001', 'F001']);
		expect(board.waiting).toBe(2);
		expect(board.waitingByService).toMatchObject({ keys: 1, other: 1, payment: 0 });
		// A recall brings a number back to the top.
		const d = loadDay(db, fx.communityId, '2026-11-23').tickets.find((t) => t.queueNo === 'D001')!;
		queueAction(db, clerk, 'recalled', { id: d.id }, T0 + 4 * MIN);
		expect(hallBoard(db, fx.communityId, T0 + 4 * MIN).calling[0].queueNo).toBe('D001');
	});

	it('shows a number of another day without an estimate, and none of another community', () => {
		const a = take('payment');
		expect(queueTicket(db, fx.communityId, a.id, T0 + 24 * 60 * MIN)).toMatchObject({
			today: false,
			estimate: null
		});
		expect(queueTicket(db, fx.otherCommunityId, a.id, T0)).toBeNull();
		expect(queueTicket(db, fx.communityId, -1, T0)).toBeNull();
	});
});

describe('form parsing', () => {
	it('accepts counters 1–99 and known services only', () => {
		expect(parseCounter('3')).toBe('3');
		expect(parseCounter(' 12 ')).toBe('12');
		for (const bad of ['0', '100', '1a', '', null, '-1']) expect(parseCounter(bad)).toBeNull();
		expect(parseServices('keys,payment,bogus')).toEqual(['payment', 'keys']);
		expect(parseServices(['other'])).toEqual(['other']);
		expect(parseServices(undefined)).toEqual([]);
	});
});

describe('take limits and the counter’s say on priority', () => {
	const takeAs = (
		source: 'kiosk' | 'mobile',
		device: string | null,
		address: string,
		at: number,
		priority = 'normal',
		service = 'payment'
	) => takeNumber(db, fx.communityId, { service, priority, source, device, address }, { now: at });
	it('a flood from one kiosk stops after 6 a minute (30 taps in 5 s); writes nothing refused', () => {
		let ok = 0;
		for (let i = 0; i < 30; i++) {
			try {
				takeAs('kiosk', 'kiosk-1', '10.0.0.5', T0 + i * 160);
				ok++;
			} catch (e) {
				expect((e as QueueError).code).toBe('kiosk_busy');
			}
		}
		expect(ok).toBe(6);
		expect(count('queue_tickets')).toBe(6);
		// A minute later the kiosk goes on; another kiosk was never held back.
		expect(takeAs('kiosk', 'kiosk-2', '10.0.0.6', T0 + 2000).queueNo).toBe('A007');
		expect(takeAs('kiosk', 'kiosk-1', '10.0.0.5', T0 + 61_000).queueNo).toBe('A008');
	});
	it('a script dropping its cookie is held by its address', () => {
		for (let i = 0; i < 10; i++) takeAs('kiosk', null, '203.0.113.9', T0 + i * 100);
		refused(() => takeAs('kiosk', null, '203.0.113.9', T0 + 1100), 'address_busy');
		refused(
			() => takeAs('mobile', `new-${Math.random()}`, '203.0.113.9', T0 + 1200),
			'address_busy'
		);
	});
	it('a phone session holds one waiting number and takes 2 a day; the refusal names the number', () => {
		const a = takeAs('mobile', 'phone-1', '198.51.100.1', T0);
		try {
			takeAs('mobile', 'phone-1', '198.51.100.1', T0 + MIN, 'normal', 'keys');
			throw new Error('expected a refusal');
		} catch (e) {
			expect(e).toMatchObject({ code: 'phone_waiting', queueNo: a.queueNo });
		}
		callNext(db, clerk, { counter: '1' }, T0 + 2 * MIN);
		queueAction(db, clerk, 'finished', { id: a.id }, T0 + 3 * MIN);
		takeAs('mobile', 'phone-1', '198.51.100.1', T0 + 4 * MIN, 'normal', 'keys');
		callNext(db, clerk, { counter: '1' }, T0 + 5 * MIN);
		callNext(db, clerk, { counter: '1' }, T0 + 6 * MIN);
		refused(() => takeAs('mobile', 'phone-1', '198.51.100.1', T0 + 7 * MIN), 'phone_day');
		// A double tap of an accepted number still answers with that number.
		const b = takeNumber(
			db,
			fx.communityId,
			{ service: 'payment', source: 'mobile', device: 'phone-2', address: '198.51.100.1' },
			{ now: T0 + 8 * MIN, idempotencyKey: 'tap' }
		);
		expect(
			takeNumber(
				db,
				fx.communityId,
				{ service: 'payment', source: 'mobile', device: 'phone-2', address: '198.51.100.1' },
				{ now: T0 + 8 * MIN + 300, idempotencyKey: 'tap' }
			)
		).toEqual({ ...b, replay: true });
		// The counter is never limited.
		for (let i = 0; i < 10; i++)
			takeNumber(
				db,
				fx.communityId,
				{ service: 'other', source: 'counter' },
				{ now: T0 + 9 * MIN }
			);
	});
	it('urgent from a phone waits in arrival order until the counter confirms it; the counter can demote', () => {
		const early = take('payment', 'normal', T0);
		const phone = takeAs('mobile', 'phone-9', '198.51.100.2', T0 + MIN, 'urgent', 'report');
		const kioskUrgent = take('keys', 'urgent', T0 + 2 * MIN);
		let day = loadDay(db, fx.communityId, '2026-11-23');
		expect(day.tickets.find((t) => t.id === phone.id)).toMatchObject({
			priority: 'normal',
			askedPriority: 'urgent',
			priorityPending: true
		});
		// Kiosk urgent first, then arrival order: the phone's "urgent" is not believed yet.
		expect(callNext(db, clerk, { counter: '1' }, T0 + 3 * MIN).called?.id).toBe(kioskUrgent.id);
		expect(setPriority(db, clerk, { id: phone.id, priority: 'urgent' }, T0 + 4 * MIN)).toEqual({
			queueNo: phone.queueNo,
			priority: 'urgent',
			replay: false
		});
		day = loadDay(db, fx.communityId, '2026-11-23');
		expect(day.tickets.find((t) => t.id === phone.id)).toMatchObject({
			priority: 'urgent',
			priorityPending: false
		});
		// Demoted again: back behind the earlier number.
		setPriority(
			db,
			clerk2,
			{ id: phone.id, priority: 'normal', idempotencyKey: 'k1' },
			T0 + 5 * MIN
		);
		expect(
			setPriority(
				db,
				clerk2,
				{ id: phone.id, priority: 'normal', idempotencyKey: 'k1' },
				T0 + 5 * MIN
			).replay
		).toBe(true);
		expect(callNext(db, clerk, { counter: '1' }, T0 + 6 * MIN).called?.id).toBe(early.id);
		refused(
			() => setPriority(db, clerk, { id: early.id, priority: 'urgent' }, T0 + 7 * MIN),
			'not_waiting'
		);
		refused(
			() => setPriority(db, clerk, { id: phone.id, priority: 'vip' }, T0 + 7 * MIN),
			'bad_priority'
		);
		refused(
			() => setPriority(db, clerk, { id: 999, priority: 'normal' }, T0 + 7 * MIN),
			'not_found'
		);
		// Who changed it and when stays in the log.
		const log = db.$client
			.prepare(
				'SELECT type, priority, staff_id AS staffId FROM queue_events WHERE ticket_id = ? ORDER BY id'
			)
			.all(phone.id);
		expect(log).toEqual([
			{ type: 'priority_set', priority: 'urgent', staffId: fx.clerkId },
			{ type: 'priority_set', priority: 'normal', staffId: fx.clerk2Id }
		]);
	});
});
