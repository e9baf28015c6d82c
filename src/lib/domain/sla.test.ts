import { describe, expect, it } from 'vitest';
import { localToEpochMs } from '../dates';
import {
	addCalendarDays,
	deadlines,
	everBreached,
	nextDeadline,
	openAlert,
	type Deadline,
	type Limit
} from './sla';
import { settingsSchema } from './settings';
import type { TicketEvent, TicketKind } from './tickets';

const TZ = 'Asia/Shanghai';
/** Local time in Shanghai. 2026-11-23 is a Monday; 2026-10-01 a Thursday. */
const at = (date: string, time: string) => localToEpochMs(date, time, TZ);
const defaults = settingsSchema.parse({}).tickets;
// National Day week off, with the usual make-up working days on the weekends around it.
const NATIONAL_DAY = [
	'2026-10-01',
	'2026-10-02',
	'2026-10-03',
	'2026-10-04',
	'2026-10-05',
	'2026-10-06',
	'2026-10-07'
];
const holidaySettings = {
	...defaults,
	holidays: NATIONAL_DAY,
	extraWorkdays: ['2026-09-27', '2026-10-10']
};

function ticket(
	kind: TicketKind,
	receivedAt: number,
	extra: { recordedAt?: number; closedAt?: number | null } = {}
) {
	return {
		kind,
		receivedAt,
		recordedAt: extra.recordedAt ?? receivedAt + 60_000,
		closedAt: extra.closedAt ?? null
	};
}
const E = {
	dispatched: (when: number): TicketEvent => ({
		type: 'dispatched',
		at: when,
		data: { department: 'engineering', assignee: 'x' }
	}),
	approved: (when: number): TicketEvent => ({ type: 'approved', at: when, data: {} }),
	transferred: (when: number): TicketEvent => ({
		type: 'transferred',
		at: when,
		data: { assignee: 'x' }
	}),
	notified: (when: number): TicketEvent => ({
		type: 'supervisor_notified',
		at: when,
		data: { supervisor: 's' }
	}),
	follow: (when: number): TicketEvent => ({ type: 'follow_up', at: when, data: { text: 't' } }),
	completed: (when: number): TicketEvent => ({ type: 'completed', at: when, data: {} }),
	answered: (when: number): TicketEvent => ({ type: 'answered', at: when, data: { text: 'a' } }),
	checked: (when: number): TicketEvent => ({
		type: 'checked',
		at: when,
		data: { result: 'pass', checker: 'c' }
	}),
	result: (when: number): TicketEvent => ({ type: 'result_told', at: when, data: { text: 'r' } }),
	visit: (when: number, rating: 'satisfied' | 'unsatisfied' = 'satisfied'): TicketEvent => ({
		type: 'return_visit',
		at: when,
		data: { rating, method: 'phone', visitor: 'v' }
	}),
	reopened: (when: number): TicketEvent => ({ type: 'reopened', at: when, data: { reason: 'r' } }),
	closed: (when: number): TicketEvent => ({ type: 'closed', at: when, data: {} })
};

const only = (list: Deadline[], limit: Limit) => list.filter((d) => d.limit === limit);
const one = (list: Deadline[], limit: Limit) => {
	const found = only(list, limit);
	expect(found, `one ${limit} limit`).toHaveLength(1);
	return found[0];
};

describe('record within 10 minutes', () => {
	it('is met when typed in within the limit, breached after it', () => {
		const r = at('2026-11-23', '09:00');
		expect(
			one(
				deadlines(ticket('property', r, { recordedAt: r + 10 * 60_000 }), [], defaults, TZ, r),
				'record'
			)
		).toMatchObject({ state: 'ok', dueAt: r + 600_000 });
		expect(
			one(
				deadlines(ticket('property', r, { recordedAt: r + 10 * 60_000 + 1 }), [], defaults, TZ, r),
				'record'
			).state
		).toBe('breached');
	});
	it('follows the setting', () => {
		const r = at('2026-11-23', '09:00');
		const s = { ...defaults, recordWithinMinutes: 30 };
		expect(
			one(deadlines(ticket('property', r, { recordedAt: r + 20 * 60_000 }), [], s, TZ, r), 'record')
				.state
		).toBe('ok');
	});
});

describe('supervisor notified within 30 minutes (property-service complaints)', () => {
	const r = at('2026-11-23', '09:00');
	it('applies to property-service complaints only', () => {
		expect(
			only(deadlines(ticket('service_complaint', r), [], defaults, TZ, r), 'supervisor')
		).toHaveLength(1);
		for (const k of ['engineering', 'property', 'developer_complaint', 'enquiry'] as const)
			expect(only(deadlines(ticket(k, r), [], defaults, TZ, r), 'supervisor')).toHaveLength(0);
	});
	it('is due soon from the start (under an hour), breached after 30 minutes, met by the notification', () => {
		const d = (events: TicketEvent[], now: number) =>
			one(deadlines(ticket('service_complaint', r), events, defaults, TZ, now), 'supervisor');
		expect(d([], r + 60_000)).toMatchObject({
			state: 'due_soon',
			dueAt: r + 30 * 60_000,
			metAt: null
		});
		expect(d([], r + 30 * 60_000).state).toBe('due_soon');
		expect(d([], r + 30 * 60_000 + 1).state).toBe('breached');
		expect(d([E.notified(r + 25 * 60_000)], r + 3 * 3_600_000)).toMatchObject({
			state: 'ok',
			metAt: r + 25 * 60_000
		});
		expect(d([E.notified(r + 31 * 60_000)], r + 3 * 3_600_000).state).toBe('breached');
	});
	it('is not about working days: a Saturday-night complaint is due 30 minutes later', () => {
		const sat = at('2026-11-28', '22:00');
		expect(
			one(deadlines(ticket('service_complaint', sat), [], defaults, TZ, sat), 'supervisor').dueAt
		).toBe(at('2026-11-28', '22:30'));
	});
});

describe('developer complaint transferred within 1 working day of approval', () => {
	const d = (events: TicketEvent[], r: number, now: number, s = defaults) =>
		one(deadlines(ticket('developer_complaint', r), events, s, TZ, now), 'transfer');
	it('Friday approval → due Monday at the same time', () => {
		const r = at('2026-11-27', '15:00');
		const x = d([E.approved(at('2026-11-27', '16:00'))], r, at('2026-11-30', '10:00'));
		expect(x).toMatchObject({
			startAt: at('2026-11-27', '16:00'),
			dueAt: at('2026-11-30', '16:00'),
			state: 'ok'
		});
		expect(
			d(
				[E.approved(at('2026-11-27', '16:00')), E.transferred(at('2026-11-30', '15:59'))],
				r,
				at('2026-12-10', '10:00')
			).state
		).toBe('ok');
		expect(
			d(
				[E.approved(at('2026-11-27', '16:00')), E.transferred(at('2026-11-30', '16:01'))],
				r,
				at('2026-12-10', '10:00')
			).state
		).toBe('breached');
		expect(d([E.approved(at('2026-11-27', '16:00'))], r, at('2026-11-30', '15:30')).state).toBe(
			'due_soon'
		);
		expect(d([E.approved(at('2026-11-27', '16:00'))], r, at('2026-11-30', '16:01')).state).toBe(
			'breached'
		);
	});
	it('approval on a Saturday counts from Monday 09:00: due Tuesday 09:00', () => {
		const r = at('2026-11-28', '10:00');
		expect(d([E.approved(at('2026-11-28', '11:00'))], r, r).dueAt).toBe(at('2026-12-01', '09:00'));
	});
	it('counts from receipt while nobody has approved it', () => {
		const r = at('2026-11-24', '14:00'); // Tuesday
		expect(d([], r, at('2026-11-25', '14:01'))).toMatchObject({
			startAt: r,
			dueAt: at('2026-11-25', '14:00'),
			state: 'breached'
		});
	});
	it('skips the National Day holidays and honours a make-up Saturday', () => {
		expect(
			d(
				[E.approved(at('2026-09-30', '17:00'))],
				at('2026-09-30', '16:00'),
				at('2026-09-30', '17:00'),
				holidaySettings
			).dueAt
		).toBe(at('2026-10-08', '17:00'));
		expect(
			d(
				[E.approved(at('2026-10-09', '17:00'))],
				at('2026-10-09', '16:00'),
				at('2026-10-09', '17:00'),
				holidaySettings
			).dueAt
		).toBe(at('2026-10-10', '17:00'));
		// Approved on the holiday itself: the count starts the next working day at 09:00.
		expect(
			d(
				[E.approved(at('2026-10-03', '10:00'))],
				at('2026-10-03', '09:00'),
				at('2026-10-03', '10:00'),
				holidaySettings
			).dueAt
		).toBe(at('2026-10-09', '09:00'));
	});
	it('follows the setting (2 working days)', () => {
		const s = { ...defaults, developerTransferWorkingDays: 2 };
		expect(d([E.approved(at('2026-11-27', '16:00'))], at('2026-11-27', '15:00'), 0, s).dueAt).toBe(
			at('2026-12-01', '16:00')
		);
	});
});

describe('follow-ups every 7 days (engineering) / 3 days (property)', () => {
	const mon = at('2026-11-23', '10:00');
	it('engineering: first due 7 days after dispatch, then 7 days after each follow-up; weekends count', () => {
		const list = deadlines(
			ticket('engineering', mon),
			[E.dispatched(mon), E.follow(at('2026-11-29', '09:00'))],
			defaults,
			TZ,
			at('2026-12-01', '09:00')
		);
		const f = only(list, 'follow_up');
		expect(f).toHaveLength(2);
		expect(f[0]).toMatchObject({
			startAt: mon,
			dueAt: at('2026-11-30', '10:00'),
			metAt: at('2026-11-29', '09:00'),
			state: 'ok'
		});
		expect(f[1]).toMatchObject({
			startAt: at('2026-11-29', '09:00'),
			dueAt: at('2026-12-06', '09:00'),
			metAt: null,
			state: 'ok'
		});
	});
	it('engineering: a missed week is breached and stays on record after the late entry', () => {
		const now = at('2026-11-30', '10:01');
		expect(
			one(
				deadlines(ticket('engineering', mon), [E.dispatched(mon)], defaults, TZ, now),
				'follow_up'
			).state
		).toBe('breached');
		const late = only(
			deadlines(
				ticket('engineering', mon),
				[E.dispatched(mon), E.follow(at('2026-12-02', '09:00'))],
				defaults,
				TZ,
				at('2026-12-02', '10:00')
			),
			'follow_up'
		);
		expect(late.map((d) => d.state)).toEqual(['breached', 'ok']);
		expect(everBreached(late)).toBe(true);
		expect(openAlert(late)).toBe('ok');
	});
	it('property: every 3 days', () => {
		const list = deadlines(
			ticket('property', mon),
			[E.dispatched(mon)],
			defaults,
			TZ,
			at('2026-11-26', '09:30')
		);
		expect(one(list, 'follow_up')).toMatchObject({
			dueAt: at('2026-11-26', '10:00'),
			state: 'due_soon'
		});
		expect(
			one(
				deadlines(
					ticket('property', mon),
					[E.dispatched(mon)],
					defaults,
					TZ,
					at('2026-11-26', '10:01')
				),
				'follow_up'
			).state
		).toBe('breached');
	});
	it('holidays do not stop the clock (calendar days)', () => {
		const r = at('2026-09-30', '10:00');
		expect(
			one(deadlines(ticket('property', r), [E.dispatched(r)], holidaySettings, TZ, r), 'follow_up')
				.dueAt
		).toBe(at('2026-10-03', '10:00'));
	});
	it('completion ends the follow-ups (on time or late); reopening starts them again', () => {
		const done = only(
			deadlines(
				ticket('property', mon),
				[E.dispatched(mon), E.completed(at('2026-11-25', '10:00'))],
				defaults,
				TZ,
				at('2026-12-20', '10:00')
			),
			'follow_up'
		);
		expect(done).toEqual([
			expect.objectContaining({ metAt: at('2026-11-25', '10:00'), state: 'ok' })
		]);
		const lateDone = only(
			deadlines(
				ticket('property', mon),
				[E.dispatched(mon), E.completed(at('2026-11-27', '10:00'))],
				defaults,
				TZ,
				at('2026-12-20', '10:00')
			),
			'follow_up'
		);
		expect(lateDone[0].state).toBe('breached');
		const reopened = only(
			deadlines(
				ticket('property', mon),
				[
					E.dispatched(mon),
					E.completed(at('2026-11-24', '10:00')),
					E.visit(at('2026-11-24', '11:00'), 'unsatisfied'),
					E.reopened(at('2026-11-24', '11:00'))
				],
				defaults,
				TZ,
				at('2026-11-25', '10:00')
			),
			'follow_up'
		);
		expect(reopened).toHaveLength(2);
		expect(reopened[1]).toMatchObject({
			startAt: at('2026-11-24', '11:00'),
			dueAt: at('2026-11-27', '11:00'),
			metAt: null
		});
	});
	it('a re-dispatch does not restart the clock', () => {
		const list = deadlines(
			ticket('property', mon),
			[E.dispatched(mon), E.dispatched(at('2026-11-25', '10:00'))],
			defaults,
			TZ,
			mon
		);
		expect(one(list, 'follow_up').dueAt).toBe(at('2026-11-26', '10:00'));
	});
	it('no follow-up limit for complaints and enquiries, nor before dispatch', () => {
		for (const k of ['service_complaint', 'developer_complaint', 'enquiry'] as const)
			expect(
				only(deadlines(ticket(k, mon), [E.dispatched(mon)], defaults, TZ, mon), 'follow_up')
			).toHaveLength(0);
		expect(
			only(deadlines(ticket('engineering', mon), [], defaults, TZ, mon), 'follow_up')
		).toHaveLength(0);
	});
});

describe('enquiry answered within 24 hours', () => {
	it('is calendar time across a weekend', () => {
		const sat = at('2026-11-28', '10:00');
		const d = one(
			deadlines(ticket('enquiry', sat), [], defaults, TZ, at('2026-11-29', '09:30')),
			'enquiry_answer'
		);
		expect(d).toMatchObject({ dueAt: at('2026-11-29', '10:00'), state: 'due_soon' });
		expect(
			one(
				deadlines(
					ticket('enquiry', sat),
					[E.answered(at('2026-11-29', '09:59'))],
					defaults,
					TZ,
					at('2026-12-29', '09:30')
				),
				'enquiry_answer'
			).state
		).toBe('ok');
		expect(
			one(
				deadlines(
					ticket('enquiry', sat),
					[E.answered(at('2026-11-29', '10:01'))],
					defaults,
					TZ,
					at('2026-12-29', '09:30')
				),
				'enquiry_answer'
			).state
		).toBe('breached');
	});
	it('only for enquiries', () => {
		const r = at('2026-11-23', '09:00');
		expect(
			only(deadlines(ticket('property', r), [], defaults, TZ, r), 'enquiry_answer')
		).toHaveLength(0);
	});
});

describe('result to the complainant within 7 days', () => {
	const r = at('2026-11-27', '15:00');
	it('applies to both kinds of complaint, across the month end', () => {
		for (const k of ['service_complaint', 'developer_complaint'] as const)
			expect(one(deadlines(ticket(k, r), [], defaults, TZ, r), 'result').dueAt).toBe(
				at('2026-12-04', '15:00')
			);
		for (const k of ['engineering', 'property', 'enquiry'] as const)
			expect(only(deadlines(ticket(k, r), [], defaults, TZ, r), 'result')).toHaveLength(0);
	});
	it('is met by telling the result or by the return visit', () => {
		expect(
			one(
				deadlines(
					ticket('service_complaint', r),
					[E.result(at('2026-12-01', '10:00'))],
					defaults,
					TZ,
					r
				),
				'result'
			).state
		).toBe('ok');
		const events = [
			E.dispatched(r),
			E.completed(at('2026-12-03', '10:00')),
			E.visit(at('2026-12-04', '14:00'))
		];
		expect(
			one(
				deadlines(ticket('service_complaint', r), events, defaults, TZ, at('2026-12-20', '10:00')),
				'result'
			)
		).toMatchObject({ metAt: at('2026-12-04', '14:00'), state: 'ok' });
		expect(
			one(
				deadlines(ticket('service_complaint', r), [], defaults, TZ, at('2026-12-04', '15:01')),
				'result'
			).state
		).toBe('breached');
	});
	it('holidays do not extend it', () => {
		const x = at('2026-09-30', '15:00');
		expect(
			one(deadlines(ticket('service_complaint', x), [], holidaySettings, TZ, x), 'result').dueAt
		).toBe(at('2026-10-07', '15:00'));
	});
});

describe('engineering check within 1 working day of completion', () => {
	const r = at('2026-11-23', '09:00');
	it('Friday completion → due Monday; with Monday a holiday → Tuesday', () => {
		const events = [E.dispatched(r), E.completed(at('2026-11-27', '17:00'))];
		expect(one(deadlines(ticket('engineering', r), events, defaults, TZ, r), 'check').dueAt).toBe(
			at('2026-11-30', '17:00')
		);
		const s = { ...defaults, holidays: ['2026-11-30'] };
		expect(one(deadlines(ticket('engineering', r), events, s, TZ, r), 'check').dueAt).toBe(
			at('2026-12-01', '17:00')
		);
	});
	it('is met by the check; only engineering reports are checked', () => {
		const events = [
			E.dispatched(r),
			E.completed(at('2026-11-24', '17:00')),
			E.checked(at('2026-11-25', '10:00'))
		];
		expect(
			one(
				deadlines(ticket('engineering', r), events, defaults, TZ, at('2026-12-20', '10:00')),
				'check'
			)
		).toMatchObject({ state: 'ok', metAt: at('2026-11-25', '10:00') });
		expect(
			only(deadlines(ticket('property', r), events.slice(0, 2), defaults, TZ, r), 'check')
		).toHaveLength(0);
	});
});

describe('return visit within 1 working day of completion', () => {
	const r = at('2026-11-23', '09:00');
	const d = (events: TicketEvent[], now: number, s = defaults, kind: TicketKind = 'property') =>
		only(deadlines(ticket(kind, r), events, s, TZ, now), 'return_visit');
	it('Friday 17:00 completion → due Monday 17:00', () => {
		const x = d(
			[E.dispatched(r), E.completed(at('2026-11-27', '17:00'))],
			at('2026-11-30', '16:30')
		);
		expect(x).toEqual([
			expect.objectContaining({ dueAt: at('2026-11-30', '17:00'), state: 'due_soon', metAt: null })
		]);
		expect(
			d([E.dispatched(r), E.completed(at('2026-11-27', '17:00'))], at('2026-11-30', '17:01'))[0]
				.state
		).toBe('breached');
	});
	it('Saturday completion counts from Monday 09:00 → due Tuesday 09:00', () => {
		expect(d([E.dispatched(r), E.completed(at('2026-11-28', '15:00'))], r)[0].dueAt).toBe(
			at('2026-12-01', '09:00')
		);
	});
	it('holidays and make-up days', () => {
		expect(
			d([E.dispatched(r), E.completed(at('2026-09-30', '11:00'))], r, holidaySettings)[0].dueAt
		).toBe(at('2026-10-08', '11:00'));
		expect(
			d([E.dispatched(r), E.completed(at('2026-09-25', '11:00'))], r, holidaySettings)[0].dueAt
		).toBe(at('2026-09-27', '11:00'));
	});
	it('each completion needs its own visit; reopening ends the wait', () => {
		const events = [
			E.dispatched(r),
			E.completed(at('2026-11-24', '10:00')),
			E.visit(at('2026-11-24', '15:00'), 'unsatisfied'),
			E.reopened(at('2026-11-24', '15:00')),
			E.completed(at('2026-11-26', '10:00'))
		];
		const x = d(events, at('2026-11-26', '11:00'));
		expect(x.map((v) => [v.dueAt, v.metAt, v.state])).toEqual([
			[at('2026-11-25', '10:00'), at('2026-11-24', '15:00'), 'ok'],
			[at('2026-11-27', '10:00'), null, 'ok']
		]);
		expect(
			nextDeadline(
				deadlines(ticket('property', r), events, defaults, TZ, at('2026-11-26', '11:00'))
			)?.limit
		).toBe('return_visit');
	});
	it('enquiries: from the answer', () => {
		const x = only(
			deadlines(ticket('enquiry', r), [E.answered(at('2026-11-23', '09:30'))], defaults, TZ, r),
			'return_visit'
		);
		expect(x[0].dueAt).toBe(at('2026-11-24', '09:30'));
	});
});

describe('closed tickets and summaries', () => {
	it('a closed ticket is judged as of its closing', () => {
		const r = at('2026-11-23', '09:00');
		const events = [
			E.dispatched(r),
			E.completed(at('2026-11-23', '12:00')),
			E.visit(at('2026-11-23', '15:00')),
			E.closed(at('2026-11-23', '16:00'))
		];
		// The supervisor was never notified: broken at the time of closing, and stays so.
		const list = deadlines(
			ticket('service_complaint', r, { closedAt: at('2026-11-23', '16:00') }),
			events,
			defaults,
			TZ,
			at('2027-01-01', '00:00')
		);
		expect(one(list, 'supervisor').state).toBe('breached');
		expect(one(list, 'result').state).toBe('ok');
		expect(one(list, 'return_visit').state).toBe('ok');
	});
	it('openAlert and nextDeadline look at open limits only', () => {
		const r = at('2026-11-23', '09:00');
		const list = deadlines(
			ticket('service_complaint', r, { recordedAt: r + 20 * 60_000 }),
			[],
			defaults,
			TZ,
			r + 20 * 60_000
		);
		expect(one(list, 'record').state).toBe('breached');
		expect(openAlert(list)).toBe('due_soon');
		expect(nextDeadline(list)?.limit).toBe('supervisor');
		expect(openAlert([])).toBe('ok');
		expect(nextDeadline([])).toBeNull();
	});
	it('addCalendarDays keeps the local clock time', () => {
		expect(addCalendarDays(at('2026-12-30', '23:45'), 3, TZ)).toBe(at('2027-01-02', '23:45'));
		expect(
			addCalendarDays(
				localToEpochMs('2026-03-07', '10:00', 'America/New_York'),
				1,
				'America/New_York'
			)
		).toBe(localToEpochMs('2026-03-08', '10:00', 'America/New_York'));
	});
});
