// The appointment forms and the list's query as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate } from '$lib/dates';
import {
	APPOINTMENT_OUTCOMES,
	APPOINTMENT_TEAMS,
	parsePlan,
	type PlanProblem
} from '$lib/domain/appointments';
import {
	formKey,
	oneOfOrAny,
	orEmpty,
	phone,
	required,
	rowId,
	text
} from '$lib/server/form-fields';
import { APPOINTMENT_VIEWS } from './queries';

const team = z.enum(APPOINTMENT_TEAMS, { error: () => m.appointments_team_missing() });
const day = z.preprocess(
	orEmpty,
	z
		.string()
		.trim()
		.refine(isValidDate, { error: () => m.appointments_day_invalid() })
);

export const bookingSchema = z.object({
	team,
	unit: required(30),
	day,
	slot: z.preprocess(
		orEmpty,
		z.string().regex(/^\d{2}:\d{2}$/, { error: () => m.appointments_slot_missing() })
	),
	contact: required(30),
	phone: phone.refine((s) => s.length > 0, { error: () => m.validation_required() }),
	what: required(200),
	ref: text(30),
	formKey
});

export const outcomeSchema = z.object({
	id: rowId,
	outcome: z.enum(APPOINTMENT_OUTCOMES),
	note: text(200)
});

const planMessage = (p: PlanProblem) =>
	p.kind === 'line'
		? m.appointments_plan_bad_line({ line: p.line })
		: p.kind === 'times'
			? m.appointments_plan_bad_times({ line: p.line })
			: p.kind === 'capacity'
				? m.appointments_plan_bad_capacity({ line: p.line })
				: m.appointments_plan_overlap({ weekday: p.weekday });

export const planSchema = z.object({
	team,
	from: day,
	slots: z.preprocess(orEmpty, z.string().max(2000)).transform((s, ctx) => {
		const read = parsePlan(s);
		if (!read.ok) {
			ctx.addIssue({ code: 'custom', message: planMessage(read.problem) });
			return z.NEVER;
		}
		if (read.slots.length === 0) {
			ctx.addIssue({ code: 'custom', message: m.appointments_plan_empty() });
			return z.NEVER;
		}
		return read.slots;
	})
});

export const listQuerySchema = z.object({
	team: oneOfOrAny(APPOINTMENT_TEAMS, m.appointments_team_missing),
	view: oneOfOrAny(APPOINTMENT_VIEWS, m.appointments_view_invalid),
	from: z.string().max(20).optional(),
	to: z.string().max(20).optional()
});

/** The booking form's team and day (`?team=&day=`), for its slot places; defaults when absent or bad. */
export const slotQuerySchema = z.object({
	team: z.enum(APPOINTMENT_TEAMS).catch('repair'),
	day: z.string().refine(isValidDate).optional().catch(undefined)
});
