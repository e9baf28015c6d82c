import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import {
	appointmentEvents,
	appointmentPlans,
	appointments,
	moveinCases,
	renovations,
	tickets
} from '../db/schema';
import { getCommunity } from '../community';
import { findUnitByCode } from '../keys/queries';
import { localToEpochMs, todayIn } from '../../dates';
import {
	bookingProblem,
	planFromProblem,
	planOn,
	slotsOn,
	type AppointmentOutcome,
	type AppointmentTeam,
	type PlanSlot
} from '../../domain/appointments';
import type { Actor } from '../auth/actor';
import { AppointmentError } from './errors';
import { bookedInSlot, planVersions } from './queries';
import { sameForm } from '../form-key';

export interface BookingInput {
	team: AppointmentTeam;
	unit: string;
	/** "YYYY-MM-DD" and the slot's start "HH:MM" as the plan of that day has it. */
	day: string;
	slot: string;
	contact: string;
	phone: string;
	what: string;
	/** A ticket no. or renovation application no. of the same unit, or ''. */
	ref: string;
	/** One per form shown: a second submit of the same form returns the first booking. */
	formKey: string;
}

/** What a ticket no. or renovation no. points to, for the unit (null: it names neither). */
function linkOf(db: Db, communityId: number, unitId: number, ref: string) {
	const t = db
		.select({ id: tickets.id })
		.from(tickets)
		.where(
			and(
				eq(tickets.communityId, communityId),
				eq(tickets.ticketNo, ref),
				eq(tickets.unitId, unitId)
			)
		)
		.get();
	if (t) return { ticketId: t.id, renovationId: null };
	const r = db
		.select({ id: renovations.id })
		.from(renovations)
		.where(
			and(
				eq(renovations.communityId, communityId),
				eq(renovations.appNo, ref),
				eq(renovations.unitId, unitId)
			)
		)
		.get();
	return r ? { ticketId: null, renovationId: r.id } : null;
}

/**
 * Books a visit into a team's slot. Idempotent by form key. The places are counted inside the
 * write transaction (BEGIN IMMEDIATE), so two counters cannot both take a slot's last place.
 */
export function bookAppointment(db: Db, actor: Actor, input: BookingInput, now = nowMs()): number {
	const tz = getCommunity(db, actor.communityId).timeZone;
	return tx(db, () => {
		const again = db
			.select({ id: appointments.id })
			.from(appointments)
			.where(sameForm(appointments, actor.communityId, input.formKey))
			.get();
		if (again) return again.id;
		const unit = findUnitByCode(db, actor.communityId, input.unit);
		if (!unit) throw new AppointmentError('unknown_unit', { code: input.unit });
		const link = input.ref ? linkOf(db, actor.communityId, unit.id, input.ref) : null;
		if (input.ref && !link) throw new AppointmentError('unknown_ref', { ref: input.ref });
		const plan = planOn(planVersions(db, actor.communityId), input.team, input.day);
		const slot = slotsOn(plan, input.day).find((s) => s.start === input.slot) ?? null;
		const startMs = slot ? localToEpochMs(input.day, slot.start, tz) : 0;
		const endMs = slot ? localToEpochMs(input.day, slot.end, tz) : 0;
		const booked = slot
			? bookedInSlot(db, actor.communityId, input.team, input.day, slot.start)
			: 0;
		const problem = bookingProblem({ slot, booked, startMs, endMs, nowMs: now });
		if (problem || !slot)
			throw new AppointmentError(problem ?? 'no_slot', { day: input.day, slot: input.slot });
		// A handover visit belongs to the unit's open move-in case when there is one.
		const movein =
			input.team === 'handover'
				? db
						.select({ id: moveinCases.id })
						.from(moveinCases)
						.where(and(eq(moveinCases.unitId, unit.id), eq(moveinCases.status, 'open')))
						.get()
				: undefined;
		const { id } = db
			.insert(appointments)
			.values({
				communityId: actor.communityId,
				team: input.team,
				unitId: unit.id,
				day: input.day,
				slotStart: slot.start,
				slotEnd: slot.end,
				startsAt: startMs,
				endsAt: endMs,
				contact: input.contact,
				phone: input.phone,
				what: input.what,
				ticketId: link?.ticketId ?? null,
				renovationId: link?.renovationId ?? null,
				moveinCaseId: movein?.id ?? null,
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: appointments.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'appointment.book',
				targetType: 'appointment',
				targetId: id,
				detail: { team: input.team, unit: unit.code, day: input.day, slot: slot.start }
			},
			now
		);
		return id;
	});
}

/** Records what happened (done / no-show / cancelled with a reason), once per appointment. */
export function recordOutcome(
	db: Db,
	actor: Actor,
	id: number,
	outcome: AppointmentOutcome,
	note: string,
	now = nowMs()
): void {
	if (outcome === 'cancelled' && !note.trim()) throw new AppointmentError('reason_required');
	tx(db, () => {
		const a = db
			.select({ id: appointments.id })
			.from(appointments)
			.where(and(eq(appointments.id, id), eq(appointments.communityId, actor.communityId)))
			.get();
		if (!a) throw new AppointmentError('not_found');
		const closed = db
			.select({ id: appointmentEvents.id })
			.from(appointmentEvents)
			.where(eq(appointmentEvents.appointmentId, id))
			.get();
		if (closed) throw new AppointmentError('already_closed');
		db.insert(appointmentEvents)
			.values({ appointmentId: id, outcome, note, createdBy: actor.id, createdAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: `appointment.${outcome}`,
				targetType: 'appointment',
				targetId: id,
				detail: { note }
			},
			now
		);
	});
}

/** Saves a team's weekly plan from a date on (today or later); earlier days keep their plan. */
export function savePlan(
	db: Db,
	actor: Actor,
	team: AppointmentTeam,
	fromDate: string,
	slots: PlanSlot[],
	now = nowMs()
): number {
	const problem = planFromProblem(
		fromDate,
		todayIn(getCommunity(db, actor.communityId).timeZone, now)
	);
	if (problem) throw new AppointmentError(problem);
	return tx(db, () => {
		const { id } = db
			.insert(appointmentPlans)
			.values({
				communityId: actor.communityId,
				team,
				fromDate,
				slots: JSON.stringify(slots),
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: appointmentPlans.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'appointment.plan',
				targetType: 'appointment_plan',
				targetId: id,
				detail: { team, fromDate, slots: slots.length }
			},
			now
		);
		return id;
	});
}
