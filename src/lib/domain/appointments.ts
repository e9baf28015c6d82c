/**
 * 预约 (issue 21, seed 003 三.一(七)3 "本周五安排人来"), pure: repair visits, renovation inspections
 * and move-in handovers booked into a team's time slots. Each team has a weekly slot plan (weekday,
 * start–end, how many visits fit); a plan change applies from a date, so a past day's sheet never
 * changes. A booking is open until one outcome is recorded: done, no-show or cancelled.
 */
import { isoWeekday, isValidDate } from '../dates';
import { firstOutcome, isLate } from './desk-registers';

export const APPOINTMENT_TEAMS = ['repair', 'inspection', 'handover'] as const;
export type AppointmentTeam = (typeof APPOINTMENT_TEAMS)[number];

export const APPOINTMENT_OUTCOMES = ['done', 'no_show', 'cancelled'] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];
export type AppointmentState = 'open' | AppointmentOutcome;

export interface PlanSlot {
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
	/** "HH:MM", local time. */
	start: string;
	end: string;
	capacity: number;
}

/** One version of a team's plan, in force from `fromDate` until a later version. */
export interface PlanVersion {
	id: number;
	team: AppointmentTeam;
	fromDate: string;
	slots: PlanSlot[];
}

/** At most this many visits in one slot (a typo of 300 would make capacity meaningless). */
export const MAX_CAPACITY = 50;
/** Bookings are taken at most this many days ahead. */
export const MAX_DAYS_AHEAD = 90;

const week = (days: number[], start: string, end: string, capacity: number): PlanSlot[] =>
	days.map((weekday) => ({ weekday, start, end, capacity }));

/** The plan a community starts with, until a manager saves its own. */
export const DEFAULT_PLANS: Record<AppointmentTeam, PlanSlot[]> = {
	repair: [
		...week([1, 2, 3, 4, 5, 6], '09:00', '11:30', 3),
		...week([1, 2, 3, 4, 5, 6], '14:00', '17:00', 3)
	],
	inspection: week([1, 2, 3, 4, 5], '10:00', '12:00', 2),
	handover: [
		...week([1, 2, 3, 4, 5, 6, 7], '09:00', '12:00', 4),
		...week([1, 2, 3, 4, 5, 6, 7], '14:00', '17:30', 4)
	]
};

/** The team's slots in force on `date`: the latest version from on or before it (the later saved on a tie). */
export function planOn(
	versions: readonly PlanVersion[],
	team: AppointmentTeam,
	date: string
): PlanSlot[] {
	let best: PlanVersion | null = null;
	for (const v of versions) {
		if (v.team !== team || v.fromDate > date) continue;
		if (!best || v.fromDate > best.fromDate || (v.fromDate === best.fromDate && v.id > best.id))
			best = v;
	}
	return best ? best.slots : DEFAULT_PLANS[team];
}

/** The slots of `date`'s weekday, earliest first. */
export function slotsOn(plan: readonly PlanSlot[], date: string): PlanSlot[] {
	const wd = isoWeekday(date);
	return plan.filter((s) => s.weekday === wd).sort((a, b) => a.start.localeCompare(b.start));
}

export type BookingProblem = 'no_slot' | 'slot_past' | 'too_far' | 'slot_full';

/**
 * Why a booking into a slot is refused, or null. `booked` counts the slot's bookings not
 * cancelled; `endMs` is when the slot ends (a slot under way can still take a visit).
 */
export function bookingProblem(p: {
	slot: PlanSlot | null;
	booked: number;
	startMs: number;
	endMs: number;
	nowMs: number;
}): BookingProblem | null {
	if (!p.slot) return 'no_slot';
	if (p.endMs <= p.nowMs) return 'slot_past';
	if (p.startMs > p.nowMs + MAX_DAYS_AHEAD * 86_400_000) return 'too_far';
	if (p.booked >= p.slot.capacity) return 'slot_full';
	return null;
}

export function remaining(slot: PlanSlot, booked: number): number {
	return Math.max(0, slot.capacity - booked);
}

/** The state from the outcome events (in any order): the first one recorded stands. */
export const appointmentState: (
	events: readonly { outcome: AppointmentOutcome; atMs: number }[]
) => AppointmentState = firstOutcome;

/** Overdue: the slot is over and nobody recorded what happened. */
export const isOverdue: (state: AppointmentState, endMs: number, nowMs: number) => boolean = isLate;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type PlanProblem =
	| { kind: 'line'; line: number }
	| { kind: 'times'; line: number }
	| { kind: 'capacity'; line: number }
	| { kind: 'overlap'; weekday: number };

/**
 * A plan as the manager types it, one line per slot: weekdays (1–7, "1-5" or "1,3,6"), start–end
 * and capacity, e.g. "1-5 09:00-11:30 3". Blank lines and text after # are ignored.
 */
export function parsePlan(
	text: string
): { ok: true; slots: PlanSlot[] } | { ok: false; problem: PlanProblem } {
	const slots: PlanSlot[] = [];
	const rows = text.split(/\r?\n/);
	for (let i = 0; i < rows.length; i++) {
		const line = i + 1;
		const row = rows[i].replace(/#.*/, '').trim();
		if (!row) continue;
		const m = /^([1-7](?:\s*[-,，]\s*[1-7])*)\s+(\S+)\s*[-–~]\s*(\S+)\s+(\d+)$/.exec(row);
		if (!m) return { ok: false, problem: { kind: 'line', line } };
		const days = weekdays(m[1]);
		const [start, end, capacity] = [m[2], m[3], Number(m[4])];
		if (!days) return { ok: false, problem: { kind: 'line', line } };
		if (!TIME.test(start) || !TIME.test(end) || end <= start)
			return { ok: false, problem: { kind: 'times', line } };
		if (capacity < 1 || capacity > MAX_CAPACITY)
			return { ok: false, problem: { kind: 'capacity', line } };
		for (const weekday of days) slots.push({ weekday, start, end, capacity });
	}
	// Two slots of a day may not overlap: a booking names its slot by the start time.
	for (let wd = 1; wd <= 7; wd++) {
		const day = slotsOn(slots, dateOfWeekday(wd));
		for (let j = 1; j < day.length; j++)
			if (day[j].start < day[j - 1].end)
				return { ok: false, problem: { kind: 'overlap', weekday: wd } };
	}
	return { ok: true, slots };
}

/** "1-5" → [1…5], "1,3,6" → [1,3,6]; null when a range runs backwards. */
function weekdays(spec: string): number[] | null {
	const out = new Set<number>();
	for (const part of spec.split(/[,，]/)) {
		const [a, b] = part.split('-').map((s) => Number(s.trim()));
		const to = b ?? a;
		if (to < a) return null;
		for (let d = a; d <= to; d++) out.add(d);
	}
	return [...out];
}

/** A Monday-based sample date of the weekday (2026-11-23 was a Monday). */
function dateOfWeekday(wd: number): string {
	return `2026-11-${String(22 + wd).padStart(2, '0')}`;
}

/** The plan as the form shows it: weekdays sharing a slot's times and capacity on one line. */
export function planText(slots: readonly PlanSlot[]): string {
	const groups = new Map<string, number[]>();
	for (const s of slots) {
		const key = `${s.start}-${s.end} ${s.capacity}`;
		groups.set(key, [...(groups.get(key) ?? []), s.weekday]);
	}
	return [...groups]
		.map(([key, days]) => `${daySpec(days)} ${key}`)
		.sort((a, b) => a.slice(a.indexOf(' ')).localeCompare(b.slice(b.indexOf(' '))))
		.join('\n');
}

function daySpec(days: number[]): string {
	const d = [...new Set(days)].sort();
	const contiguous = d.every((x, i) => i === 0 || x === d[i - 1] + 1);
	return contiguous && d.length > 2 ? `${d[0]}-${d[d.length - 1]}` : d.join(',');
}

/** A plan may start today or later: what was planned for a past day stays as it was. */
export function planFromProblem(
	fromDate: string,
	today: string
): 'from_invalid' | 'from_past' | null {
	if (!isValidDate(fromDate)) return 'from_invalid';
	return fromDate < today ? 'from_past' : null;
}

/** The teams' names on printed sheets and in the handover (Chinese documents). */
export const APPOINTMENT_TEAM_ZH: Record<AppointmentTeam, string> = {
	repair: '维修组',
	inspection: '装修巡查',
	handover: '入伙交付'
};
