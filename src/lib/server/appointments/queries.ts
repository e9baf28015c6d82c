import { countWhere } from '../db/prepared';
import { and, asc, eq, gte, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { getCommunity } from '../community';
import { closer, registerList, taker, withClosingState } from '../register-list';
import type { ClosableEntry } from '../register-list';
import { localToEpochMs } from '../../dates';
import { appointmentEvents, appointmentPlans, appointments, units } from '../db/schema';
import {
	planOn,
	remaining,
	slotsOn,
	type AppointmentState,
	type AppointmentTeam,
	type PlanSlot,
	type PlanVersion
} from '../../domain/appointments';

/** Every saved plan version of the community (a few rows per team). */
export function planVersions(db: Db, communityId: number): PlanVersion[] {
	return db
		.select({
			id: appointmentPlans.id,
			team: appointmentPlans.team,
			fromDate: appointmentPlans.fromDate,
			slots: appointmentPlans.slots
		})
		.from(appointmentPlans)
		.where(eq(appointmentPlans.communityId, communityId))
		.orderBy(asc(appointmentPlans.id))
		.all()
		.map((v) => ({ ...v, slots: JSON.parse(v.slots) as PlanSlot[] }));
}

/** Bookings of a slot that hold a place (a cancelled one frees it). */
export function bookedInSlot(
	db: Db,
	communityId: number,
	team: AppointmentTeam,
	day: string,
	start: string
): number {
	const r = db
		.select({ n: sql<number>`count(*)` })
		.from(appointments)
		.leftJoin(appointmentEvents, eq(appointmentEvents.appointmentId, appointments.id))
		.where(
			and(
				eq(appointments.communityId, communityId),
				eq(appointments.team, team),
				eq(appointments.day, day),
				eq(appointments.slotStart, start),
				or(isNull(appointmentEvents.id), ne(appointmentEvents.outcome, 'cancelled'))
			)
		)
		.get();
	return Number(r?.n ?? 0);
}

export interface SlotPlaces extends PlanSlot {
	booked: number;
	remaining: number;
	/** The slot has ended (it can no longer be booked). */
	over: boolean;
}

/** The team's slots on a day with the places left in each (what the booking form offers). */
export function slotPlaces(
	db: Db,
	communityId: number,
	team: AppointmentTeam,
	day: string,
	nowMs = 0
): SlotPlaces[] {
	const tz = getCommunity(db, communityId).timeZone;
	const plan = planOn(planVersions(db, communityId), team, day);
	return slotsOn(plan, day).map((s) => {
		const booked = bookedInSlot(db, communityId, team, day, s.start);
		const over = localToEpochMs(day, s.end, tz) <= nowMs;
		return { ...s, booked, remaining: over ? 0 : remaining(s, booked), over };
	});
}

export const APPOINTMENT_VIEWS = ['open', 'overdue', 'closed', 'all'] as const;
export type AppointmentView = (typeof APPOINTMENT_VIEWS)[number];

export interface AppointmentFilter {
	team?: AppointmentTeam | null;
	view: AppointmentView;
	/** Days in [fromDay, toDay] ("YYYY-MM-DD", inclusive), for the closed and all views, logs and sheets. */
	fromDay?: string | null;
	toDay?: string | null;
	unitId?: number | null;
}

export interface AppointmentRow extends ClosableEntry<AppointmentState> {
	id: number;
	team: AppointmentTeam;
	unitCode: string;
	day: string;
	slotStart: string;
	slotEnd: string;
	startsMs: number;
	endsMs: number;
	contact: string;
	phone: string;
	what: string;
	ticketNo: string | null;
}

/** Appointments of a view: open ones soonest first, the rest by day and slot, newest first. */
export function listAppointments(
	db: Db,
	communityId: number,
	f: AppointmentFilter,
	nowMs: number,
	limit = 500
): AppointmentRow[] {
	const list = registerList({
		show: f.view,
		closedId: appointmentEvents.id,
		late: () => lt(appointments.endsAt, nowMs),
		sort: { urgent: appointments.startsAt, newest: appointments.startsAt, id: appointments.id }
	});
	const parts: (SQL | undefined)[] = [eq(appointments.communityId, communityId), ...list.where];
	if (f.team) parts.push(eq(appointments.team, f.team));
	if (f.unitId != null) parts.push(eq(appointments.unitId, f.unitId));
	if (f.fromDay) parts.push(gte(appointments.day, f.fromDay));
	if (f.toDay) parts.push(lte(appointments.day, f.toDay));
	const rows = db
		.select({
			id: appointments.id,
			team: appointments.team,
			unitCode: units.code,
			day: appointments.day,
			slotStart: appointments.slotStart,
			slotEnd: appointments.slotEnd,
			startsMs: appointments.startsAt,
			endsMs: appointments.endsAt,
			contact: appointments.contact,
			phone: appointments.phone,
			what: appointments.what,
			ticketNo: sql<
				string | null
			>`(SELECT ticket_no FROM tickets WHERE id = ${appointments.ticketId})`,
			takenBy: taker.displayName,
			takenMs: appointments.createdAt,
			outcome: appointmentEvents.outcome,
			closedBy: closer.displayName,
			closedMs: appointmentEvents.createdAt,
			note: appointmentEvents.note
		})
		.from(appointments)
		.innerJoin(units, eq(units.id, appointments.unitId))
		.innerJoin(taker, eq(taker.id, appointments.createdBy))
		.leftJoin(appointmentEvents, eq(appointmentEvents.appointmentId, appointments.id))
		.leftJoin(closer, eq(closer.id, appointmentEvents.createdBy))
		.where(and(...parts))
		.orderBy(...list.orderBy)
		.limit(limit)
		.all();
	return withClosingState(rows, (r) => r.endsMs, nowMs);
}

/** A team's day, by slot then booking order (the day sheet): cancelled ones left out. */
export function daySheet(
	db: Db,
	communityId: number,
	team: AppointmentTeam,
	day: string,
	nowMs: number
): AppointmentRow[] {
	return listAppointments(db, communityId, { team, view: 'all', fromDay: day, toDay: day }, nowMs)
		.filter((a) => a.state !== 'cancelled')
		.sort((a, b) => a.startsMs - b.startsMs || a.id - b.id);
}

/** The counter home's panel: open ones today, and open ones whose slot is over (no outcome). */
export function appointmentCounts(
	db: Db,
	communityId: number,
	today: string,
	nowMs: number
): { open: number; overdue: number } {
	const r = db
		.select({
			open: countWhere(sql`${appointments.day} = ${today}`),
			overdue: countWhere(sql`${appointments.endsAt} < ${nowMs}`)
		})
		.from(appointments)
		.leftJoin(appointmentEvents, eq(appointmentEvents.appointmentId, appointments.id))
		.where(
			and(
				eq(appointments.communityId, communityId),
				isNull(appointmentEvents.id),
				lte(appointments.day, today)
			)
		)
		.get();
	return { open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) };
}

/** A home's coming visits for the kiosk (open, not yet over), soonest first. */
export function unitComingAppointments(
	db: Db,
	communityId: number,
	unitId: number,
	nowMs: number
): { team: AppointmentTeam; day: string; slotStart: string; slotEnd: string }[] {
	return db
		.select({
			team: appointments.team,
			day: appointments.day,
			slotStart: appointments.slotStart,
			slotEnd: appointments.slotEnd
		})
		.from(appointments)
		.leftJoin(appointmentEvents, eq(appointmentEvents.appointmentId, appointments.id))
		.where(
			and(
				eq(appointments.communityId, communityId),
				eq(appointments.unitId, unitId),
				isNull(appointmentEvents.id),
				gte(appointments.endsAt, nowMs)
			)
		)
		.orderBy(asc(appointments.startsAt))
		.limit(5)
		.all();
}
