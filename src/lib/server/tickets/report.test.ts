import { beforeEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../db/fixtures';
import { ticketWorld } from './test-fixture';
import type { Db } from '../db';
import { localToEpochMs } from '../../dates';
import { dailyReport, openTicketsByAge } from '../reports/daily';
import { applyTicketAction, createTicket, type TicketActor } from './index';

const at = (date: string, time: string) => localToEpochMs(date, time, 'Asia/Shanghai');

let db: Db;
let fx: Fixture;
let clerk: TicketActor;
let manager: TicketActor;
let photoDir: string;

beforeEach(() => {
	({ db, fx, clerk, manager, photoDir } = ticketWorld('ticket-report-'));
});

function act(
	no: string,
	action: string,
	input: Record<string, string>,
	actor: TicketActor,
	now: number
) {
	const r = applyTicketAction(db, no, action, input, actor, { now });
	if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r)}`);
}

/** A property report received on 11-27, closed on 11-28 after a satisfied visit. */
function closedOn28() {
	const now = at('2026-11-27', '10:00');
	const r = createTicket(
		db,
		{
			kind: 'property',
			source: 'counter',
			unitCode: '1-1-101',
			reporterName: '张伟',
			reporterPhone: '13800000001',
			text: '楼道灯不亮',
			department: 'cleaning',
			assignee: '保洁 吴'
		},
		clerk,
		{ now, photoDir }
	);
	if (!r.ok) throw new Error(JSON.stringify(r));
	act(r.ticketNo, 'complete', { text: '已更换灯管' }, clerk, at('2026-11-27', '15:00'));
	act(
		r.ticketNo,
		'return_visit',
		{ rating: 'satisfied', method: 'phone', visitor: '李晓梅' },
		clerk,
		at('2026-11-28', '10:00')
	);
	act(r.ticketNo, 'close', {}, clerk, at('2026-11-28', '10:05'));
	return r.ticketNo;
}

describe('ticket figures of a past day come from the log as of that day', () => {
	it('a reopening on 12-02 leaves 11-30 with nothing open and counts on 12-02', () => {
		const no = closedOn28();
		const report = (day: string, now: number) =>
			dailyReport(db, fx.communityId, day, day, { now }).tickets;
		expect(report('2026-11-30', at('2026-12-01', '09:00'))).toMatchObject({
			opened: 0,
			closed: 0,
			openAtEnd: 0
		});
		expect(report('2026-11-28', at('2026-12-01', '09:00'))).toMatchObject({
			opened: 0,
			closed: 1,
			openAtEnd: 0
		});

		act(no, 'reopen', { reason: '业主来电：灯又坏了' }, manager, at('2026-12-02', '09:30'));
		const later = at('2026-12-02', '18:00');
		const past = report('2026-11-30', later);
		expect(past).toMatchObject({ opened: 0, closed: 0, openAtEnd: 0 });
		expect(past.limits.every((l) => l.brokenInPeriod === 0 && l.overdueAtEnd === 0)).toBe(true);
		expect(report('2026-11-28', later)).toMatchObject({ closed: 1, openAtEnd: 0 });
		// A range ending before the reopening is as it was, too.
		expect(report('2026-11-27', later)).toMatchObject({ opened: 1, openAtEnd: 1 });
		expect(
			dailyReport(db, fx.communityId, '2026-11-27', '2026-11-30', { now: later }).tickets
		).toMatchObject({ opened: 1, closed: 1, openAtEnd: 0 });
		expect(report('2026-12-02', later)).toMatchObject({ openAtEnd: 1 });
		// The age chart of 11-30's end shows nothing open; of now, the reopened ticket (received 5 days ago).
		expect(
			openTicketsByAge(db, fx.communityId, at('2026-12-01', '00:00')).reduce(
				(s, b) => s + b.count,
				0
			)
		).toBe(0);
		expect(openTicketsByAge(db, fx.communityId, later).reduce((s, b) => s + b.count, 0)).toBe(1);

		// Closed again on 12-03: 12-02 still ends with it open.
		act(no, 'complete', {}, clerk, at('2026-12-03', '09:00'));
		act(
			no,
			'return_visit',
			{ rating: 'satisfied', method: 'phone', visitor: '李晓梅' },
			clerk,
			at('2026-12-03', '10:00')
		);
		act(no, 'close', {}, clerk, at('2026-12-03', '10:05'));
		const end = at('2026-12-04', '09:00');
		expect(report('2026-12-02', end)).toMatchObject({ openAtEnd: 1 });
		expect(report('2026-12-03', end)).toMatchObject({ closed: 1, openAtEnd: 0 });
		expect(report('2026-11-30', end)).toMatchObject({ openAtEnd: 0 });
	});

	it('a kind edited later does not change which limits a past day judged by', () => {
		const now = at('2026-11-27', '10:00');
		const r = createTicket(
			db,
			{
				kind: 'enquiry',
				source: 'counter',
				unitCode: '1-1-101',
				reporterName: '张伟',
				reporterPhone: '13800000001',
				text: '停车费怎么交'
			},
			clerk,
			{ now, photoDir }
		);
		if (!r.ok) throw new Error(JSON.stringify(r));
		const before = dailyReport(db, fx.communityId, '2026-11-27', '2026-11-27', {
			now: at('2026-11-28', '09:00')
		}).tickets;
		act(
			r.ticketNo,
			'edit',
			{ field: 'kind', value: 'service_complaint' },
			clerk,
			at('2026-11-30', '09:00')
		);
		const after = dailyReport(db, fx.communityId, '2026-11-27', '2026-11-27', {
			now: at('2026-12-01', '09:00')
		}).tickets;
		expect(after).toEqual(before);
	});
});
