import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture, codeOf, clerkOf, newFormKey } from '../db/fixtures';
import { openDb, type Db } from '../db';
import { appointmentEvents, appointmentPlans, appointments, auditLog } from '../db/schema';
import {
	AppointmentError,
	appointmentCounts,
	bookAppointment,
	daySheet,
	listAppointments,
	recordOutcome,
	savePlan,
	slotPlaces,
	unitComingAppointments,
	type BookingInput
} from '.';
import { openMatters } from '../shifts';

// Monday 2026-11-23, 10:00 in Shanghai.
const T = Date.parse('2026-11-23T02:00:00Z');
const H = 3_600_000;

describe('appointments', () => {
	let db: Db;
	let f: Fixture;
	let clerk: { id: number; communityId: number; role: 'clerk' };
	const input = (over: Partial<BookingInput> = {}): BookingInput => ({
		team: 'repair',
		unit: '1-1-101',
		day: '2026-11-23',
		slot: '14:00',
		contact: '张先生',
		phone: '13800001111',
		what: '厨房水管漏水',
		ref: '',
		formKey: newFormKey(),
		...over
	});
	const code = codeOf(AppointmentError);
	const places = (day = '2026-11-23') =>
		slotPlaces(db, f.communityId, 'repair', day).map((s) => [s.start, s.remaining]);
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		clerk = clerkOf(f);
	});

	it('books once per form, and the slot shows one place fewer', () => {
		expect(places()).toEqual([
			['09:00', 3],
			['14:00', 3]
		]);
		const same = input({ formKey: 'form-once-0001' });
		const a = bookAppointment(db, clerk, same, T);
		expect(bookAppointment(db, clerk, same, T + 1000)).toBe(a);
		expect(db.select().from(appointments).all()).toMatchObject([
			{
				day: '2026-11-23',
				slotStart: '14:00',
				slotEnd: '17:00',
				startsAt: T + 4 * H,
				endsAt: T + 7 * H
			}
		]);
		expect(places()).toEqual([
			['09:00', 3],
			['14:00', 2]
		]);
		// At 12:00 the morning slot is over: offered no more.
		expect(
			slotPlaces(db, f.communityId, 'repair', '2026-11-23', T + 2 * H).map((s) => [
				s.start,
				s.over,
				s.remaining
			])
		).toEqual([
			['09:00', true, 0],
			['14:00', false, 2]
		]);
		expect(unitComingAppointments(db, f.communityId, f.unitIds[0], T)).toEqual([
			{ team: 'repair', day: '2026-11-23', slotStart: '14:00', slotEnd: '17:00' }
		]);
	});

	it('never overbooks a slot; a cancellation frees its place', () => {
		const ids = [1, 2, 3].map(() => bookAppointment(db, clerk, input(), T));
		expect(code(() => bookAppointment(db, clerk, input(), T))).toBe('slot_full');
		recordOutcome(db, clerk, ids[0], 'cancelled', '住户改期', T + H);
		expect(places()[1]).toEqual(['14:00', 1]);
		bookAppointment(db, clerk, input(), T + H);
		expect(code(() => bookAppointment(db, clerk, input(), T + H))).toBe('slot_full');
	});

	it('two counters racing for the last place: one is refused', () => {
		bookAppointment(db, clerk, input(), T);
		bookAppointment(db, clerk, input(), T);
		// Both counters' forms showed one place left; each books on its own connection.
		const other = openDb(db.$client.name);
		const clerk2 = { id: f.clerk2Id, communityId: f.communityId, role: 'clerk' as const };
		expect(slotPlaces(other, f.communityId, 'repair', '2026-11-23')[1].remaining).toBe(1);
		const results = [
			() => bookAppointment(db, clerk, input(), T),
			() => bookAppointment(other, clerk2, input(), T)
		].map((book) => code(book));
		expect(results).toEqual(['ok', 'slot_full']);
		expect(db.select().from(appointments).all()).toHaveLength(3);
		other.$client.close();
	});

	it('refuses an unknown unit, a past slot, a day without the slot, a wrong link — writing nothing', () => {
		expect(code(() => bookAppointment(db, clerk, input({ unit: '9-9-999' }), T))).toBe(
			'unknown_unit'
		);
		expect(code(() => bookAppointment(db, clerk, input({ slot: '09:00' }), T + 2 * H))).toBe(
			'slot_past'
		);
		expect(code(() => bookAppointment(db, clerk, input({ day: '2026-11-21' }), T))).toBe(
			'slot_past'
		);
		// Sunday: the repair team has no slots; Monday has none at 10:00.
		expect(code(() => bookAppointment(db, clerk, input({ day: '2026-11-29' }), T))).toBe('no_slot');
		expect(code(() => bookAppointment(db, clerk, input({ slot: '10:00' }), T))).toBe('no_slot');
		expect(code(() => bookAppointment(db, clerk, input({ ref: 'WX-NONE' }), T))).toBe(
			'unknown_ref'
		);
		expect(code(() => bookAppointment(db, clerk, input({ day: '2027-03-01' }), T))).toBe('too_far');
		expect(db.select().from(appointments).all()).toHaveLength(0);
		expect(db.select().from(auditLog).all()).toHaveLength(0);
	});

	it('applies a plan change from its date; booked days and earlier days keep theirs', () => {
		const manager = { id: f.managerId, communityId: f.communityId, role: 'manager' as const };
		bookAppointment(db, clerk, input({ day: '2026-11-30' }), T);
		expect(code(() => savePlan(db, manager, 'repair', '2026-11-22', [], T))).toBe('from_past');
		savePlan(
			db,
			manager,
			'repair',
			'2026-12-01',
			[{ weekday: 2, start: '08:00', end: '10:00', capacity: 1 }],
			T
		);
		expect(places('2026-11-30')).toEqual([
			['09:00', 3],
			['14:00', 2]
		]);
		expect(places('2026-12-01')).toEqual([['08:00', 1]]);
		expect(code(() => bookAppointment(db, clerk, input({ day: '2026-12-01' }), T))).toBe('no_slot');
		bookAppointment(db, clerk, input({ day: '2026-12-01', slot: '08:00' }), T);
		expect(
			code(() => bookAppointment(db, clerk, input({ day: '2026-12-01', slot: '08:00' }), T))
		).toBe('slot_full');
		expect(db.select().from(appointmentPlans).all()).toHaveLength(1);
	});

	it('records one outcome each; a cancellation needs its reason', () => {
		const id = bookAppointment(db, clerk, input(), T);
		expect(code(() => recordOutcome(db, clerk, id, 'cancelled', ' ', T))).toBe('reason_required');
		recordOutcome(db, clerk, id, 'done', '已换阀门', T + 5 * H);
		expect(code(() => recordOutcome(db, clerk, id, 'no_show', '', T + 6 * H))).toBe(
			'already_closed'
		);
		const other = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' as const };
		expect(code(() => recordOutcome(db, other, id, 'done', '', T))).toBe('not_found');
		expect(listAppointments(db, f.communityId, { view: 'closed' }, T + 6 * H)).toMatchObject([
			{ id, state: 'done', closedBy: 'clerk', note: '已换阀门', overdue: false }
		]);
		expect(db.select().from(appointmentEvents).all()).toHaveLength(1);
	});

	it('counts today’s and the overdue, lists the day sheet, and hands open ones over', () => {
		const a = bookAppointment(db, clerk, input({ slot: '09:00' }), T);
		const b = bookAppointment(db, clerk, input({ unit: '1-1-102', contact: '李女士' }), T);
		const c = bookAppointment(db, clerk, input({ slot: '09:00', contact: '王' }), T);
		recordOutcome(db, clerk, c, 'cancelled', '不需要了', T);
		bookAppointment(db, clerk, input({ day: '2026-11-24' }), T);
		// 12:00: the morning slot is over with no outcome.
		const noon = T + 2 * H;
		expect(appointmentCounts(db, f.communityId, '2026-11-23', noon)).toEqual({
			open: 2,
			overdue: 1
		});
		expect(daySheet(db, f.communityId, 'repair', '2026-11-23', noon).map((r) => r.id)).toEqual([
			a,
			b
		]);
		const h = openMatters(db, f.communityId, noon);
		expect(h.registersOpen).toMatchObject([
			{ register: 'appointment', unitCode: '1-1-101', overdue: true },
			{
				register: 'appointment',
				unitCode: '1-1-102',
				overdue: false,
				summary: expect.stringContaining('李女士')
			}
		]);
	});

	it('is insert-only', () => {
		const id = bookAppointment(db, clerk, input(), T);
		recordOutcome(db, clerk, id, 'no_show', '', T + 5 * H);
		expect(() => db.update(appointments).set({ what: 'x' }).run()).toThrow();
		expect(() => db.delete(appointmentEvents).run()).toThrow();
	});
});
