import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units, serialId, communityRef, createdByAt } from './core';
import { tickets } from './tickets';
import { moveinCases } from './movein';
import { renovations } from './renovation';

export const APPOINTMENT_TEAM_CODES = ['repair', 'inspection', 'handover'] as const;
export const APPOINTMENT_OUTCOME_CODES = ['done', 'no_show', 'cancelled'] as const;

/**
 * 预约 slot plans (issue 21), insert-only: each row is a team's whole weekly plan from a date on
 * (`slots` is JSON of PlanSlot[]), so the plan of any past day can always be read back.
 */
export const appointmentPlans = sqliteTable(
	'appointment_plans',
	{
		id: serialId(),
		communityId: communityRef(),
		team: text('team', { enum: APPOINTMENT_TEAM_CODES }).notNull(),
		fromDate: text('from_date').notNull(),
		slots: text('slots').notNull(),
		...createdByAt()
	},
	(t) => [index('appointment_plans_team').on(t.communityId, t.team, t.fromDate)]
);

/** A visit booked into a team's slot, insert-only; its outcome is an event (`appointment_events`). */
export const appointments = sqliteTable(
	'appointments',
	{
		id: serialId(),
		communityId: communityRef(),
		team: text('team', { enum: APPOINTMENT_TEAM_CODES }).notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		/** The local day and the slot as planned when booked ("HH:MM"). */
		day: text('day').notNull(),
		slotStart: text('slot_start').notNull(),
		slotEnd: text('slot_end').notNull(),
		startsAt: integer('starts_at').notNull(),
		endsAt: integer('ends_at').notNull(),
		contact: text('contact').notNull(),
		phone: text('phone').notNull(),
		what: text('what').notNull(),
		ticketId: integer('ticket_id').references(() => tickets.id),
		renovationId: integer('renovation_id').references(() => renovations.id),
		moveinCaseId: integer('movein_case_id').references(() => moveinCases.id),
		formKey: text('form_key').notNull(),
		...createdByAt()
	},
	(t) => [
		uniqueIndex('appointments_form_key').on(t.communityId, t.formKey),
		index('appointments_slot').on(t.communityId, t.team, t.day, t.slotStart),
		index('appointments_community_ends').on(t.communityId, t.endsAt),
		index('appointments_unit').on(t.unitId, t.endsAt)
	]
);

export const appointmentEvents = sqliteTable(
	'appointment_events',
	{
		id: serialId(),
		appointmentId: integer('appointment_id')
			.notNull()
			.references(() => appointments.id),
		outcome: text('outcome', { enum: APPOINTMENT_OUTCOME_CODES }).notNull(),
		note: text('note').notNull().default(''),
		...createdByAt()
	},
	// One outcome per appointment: the database refuses a second one even from two counters at once.
	(t) => [uniqueIndex('appointment_events_appointment').on(t.appointmentId)]
);
