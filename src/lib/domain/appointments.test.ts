import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PLANS,
	appointmentState,
	bookingProblem,
	isOverdue,
	parsePlan,
	planFromProblem,
	planOn,
	planText,
	remaining,
	slotsOn,
	type PlanVersion
} from './appointments';

const T = Date.parse('2026-11-23T01:00:00Z');
const H = 3_600_000;
const slot = { weekday: 1, start: '09:00', end: '11:00', capacity: 2 };

describe('bookingProblem', () => {
	const at = { slot, booked: 0, startMs: T + H, endMs: T + 3 * H, nowMs: T };
	it('takes a booking while places are left, and refuses the one past capacity', () => {
		expect(bookingProblem(at)).toBeNull();
		expect(bookingProblem({ ...at, booked: 1 })).toBeNull();
		expect(bookingProblem({ ...at, booked: 2 })).toBe('slot_full');
		expect(remaining(slot, 1)).toBe(1);
		expect(remaining(slot, 5)).toBe(0);
	});
	it('refuses a slot that is over, but takes one under way', () => {
		expect(bookingProblem({ ...at, nowMs: T + 3 * H })).toBe('slot_past');
		expect(bookingProblem({ ...at, nowMs: T + 2 * H })).toBeNull();
	});
	it('refuses a day with no such slot, and a day too far ahead', () => {
		expect(bookingProblem({ ...at, slot: null })).toBe('no_slot');
		expect(bookingProblem({ ...at, startMs: T + 91 * 24 * H, endMs: T + 92 * 24 * H })).toBe(
			'too_far'
		);
	});
});

describe('the weekly plan', () => {
	it('gives each date its weekday’s slots, across a month end', () => {
		// 2026-11-30 is a Monday, 2026-12-01 a Tuesday, 2026-12-06 a Sunday.
		const plan = parsePlan('1 09:00-11:00 2\n2-6 14:00-16:00 3');
		expect(plan.ok).toBe(true);
		if (!plan.ok) return;
		expect(slotsOn(plan.slots, '2026-11-30')).toEqual([slot]);
		expect(slotsOn(plan.slots, '2026-12-01')).toEqual([
			{ weekday: 2, start: '14:00', end: '16:00', capacity: 3 }
		]);
		expect(slotsOn(plan.slots, '2026-12-06')).toEqual([]);
		// 2024-02-29 (leap day) is a Thursday.
		expect(slotsOn(plan.slots, '2024-02-29')).toHaveLength(1);
	});
	it('sorts a day’s slots by time', () => {
		expect(slotsOn(DEFAULT_PLANS.repair, '2026-11-23').map((s) => s.start)).toEqual([
			'09:00',
			'14:00'
		]);
	});
	it('takes a plan change from its date on; earlier days keep the old one', () => {
		const versions: PlanVersion[] = [
			{ id: 1, team: 'repair', fromDate: '2026-11-01', slots: [slot] },
			{ id: 2, team: 'repair', fromDate: '2026-12-01', slots: [{ ...slot, capacity: 5 }] },
			{ id: 3, team: 'inspection', fromDate: '2026-01-01', slots: [] }
		];
		expect(planOn(versions, 'repair', '2026-11-30')[0].capacity).toBe(2);
		expect(planOn(versions, 'repair', '2026-12-01')[0].capacity).toBe(5);
		expect(planOn(versions, 'repair', '2026-10-31')).toBe(DEFAULT_PLANS.repair);
		expect(planOn(versions, 'handover', '2026-12-01')).toBe(DEFAULT_PLANS.handover);
		// Two saved for the same date: the later one stands.
		const again = [
			...versions,
			{ id: 4, team: 'repair' as const, fromDate: '2026-12-01', slots: [] }
		];
		expect(planOn(again, 'repair', '2026-12-02')).toEqual([]);
	});
	it('refuses a plan change for a past day', () => {
		expect(planFromProblem('2026-11-22', '2026-11-23')).toBe('from_past');
		expect(planFromProblem('2026-11-23', '2026-11-23')).toBeNull();
		expect(planFromProblem('2026-02-30', '2026-11-23')).toBe('from_invalid');
	});
});

describe('parsePlan / planText', () => {
	it('reads ranges and lists of weekdays, and writes them back', () => {
		const read = parsePlan('1-5 09:00-11:30 3 # mornings\n\n1,3,6 14:00-17:00 2');
		expect(read.ok && read.slots).toHaveLength(8);
		if (!read.ok) return;
		expect(planText(read.slots)).toBe('1-5 09:00-11:30 3\n1,3,6 14:00-17:00 2');
		expect(parsePlan(planText(read.slots))).toEqual(read);
	});
	it('says which line is wrong', () => {
		expect(parsePlan('1-5 9-11 3')).toEqual({ ok: false, problem: { kind: 'times', line: 1 } });
		expect(parsePlan('\n1 11:00-09:00 3')).toEqual({
			ok: false,
			problem: { kind: 'times', line: 2 }
		});
		expect(parsePlan('1 09:00-11:00 0')).toEqual({
			ok: false,
			problem: { kind: 'capacity', line: 1 }
		});
		expect(parsePlan('8 09:00-11:00 2')).toEqual({ ok: false, problem: { kind: 'line', line: 1 } });
		expect(parsePlan('5-1 09:00-11:00 2')).toEqual({
			ok: false,
			problem: { kind: 'line', line: 1 }
		});
		expect(parsePlan('1 09:00-11:00 2\n1 10:00-12:00 2')).toEqual({
			ok: false,
			problem: { kind: 'overlap', weekday: 1 }
		});
	});
});

describe('appointmentState / isOverdue', () => {
	it('is open until an outcome, and the first outcome stands', () => {
		expect(appointmentState([])).toBe('open');
		expect(
			appointmentState([
				{ outcome: 'cancelled', atMs: T + 1 },
				{ outcome: 'done', atMs: T }
			])
		).toBe('done');
	});
	it('is overdue once its slot is over without an outcome', () => {
		expect(isOverdue('open', T, T + 1)).toBe(true);
		expect(isOverdue('open', T, T)).toBe(false);
		expect(isOverdue('no_show', T, T + H)).toBe(false);
	});
});
