import { randomUUID } from 'node:crypto';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import {
	appointmentCounts,
	bookAppointment,
	listAppointments,
	planVersions,
	recordOutcome,
	savePlan,
	slotPlaces
} from '$lib/server/appointments';
import {
	bookingSchema,
	outcomeSchema,
	planSchema,
	slotQuerySchema
} from '$lib/server/appointments/forms';
import { APPOINTMENT_TEAMS, planOn, planText } from '$lib/domain/appointments';
import { appointmentTeamLabel } from '$lib/appointment-labels';
import { formatDateTimeLocal } from '$lib/dates';
import { m } from '$lib/paraglide/messages.js';
import { appointmentsContext } from './context';
import type { Actions, PageServerLoad } from './$types';

/** /appointments?view=open|overdue|closed|all&team=&from=&to= (the list) &bteam=&bday= (the booking form). */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, now, today, values, query } = appointmentsContext(user.communityId, url);
	const tz = community.timeZone;
	const fmt = (ms: number | null) => (ms === null ? null : formatDateTimeLocal(ms, tz));
	const booking = slotQuerySchema.parse({
		team: url.searchParams.get('bteam') ?? undefined,
		day: url.searchParams.get('bday') ?? undefined
	});
	const day = booking.day && booking.day >= today ? booking.day : today;
	const versions = planVersions(db, user.communityId);
	// The plan the form edits: the one in force on the last day a saved version starts, or today.
	const latest = versions.reduce((d, v) => (v.fromDate > d ? v.fromDate : d), today);
	return {
		values,
		message: query.ok ? null : query.message,
		counts: appointmentCounts(db, user.communityId, today, now),
		formKey: randomUUID(),
		today,
		booking: {
			team: booking.team,
			day,
			places: Object.fromEntries(
				APPOINTMENT_TEAMS.map((t) => [t, slotPlaces(db, user.communityId, t, day, now)])
			)
		},
		plans: roleAtLeast(user.role, 'manager')
			? APPOINTMENT_TEAMS.map((team) => {
					const saved = versions.filter((v) => v.team === team && v.fromDate <= latest).pop();
					return {
						team,
						from: saved?.fromDate ?? null,
						text: planText(planOn(versions, team, latest))
					};
				})
			: null,
		rows: query.ok
			? listAppointments(db, user.communityId, query.filter, now).map((r) => ({
					...r,
					taken: fmt(r.takenMs)!,
					closed: fmt(r.closedMs)
				}))
			: []
	};
};

export const actions = {
	book: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(bookingSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const d = read.data;
		try {
			const db = getDb();
			const actor = actorOf(locals);
			bookAppointment(db, actor, d);
			const slot = slotPlaces(db, actor.communityId, d.team, d.day).find((s) => s.start === d.slot);
			return {
				ok: m.appointments_created({
					team: appointmentTeamLabel(d.team),
					day: d.day,
					start: d.slot,
					end: slot?.end ?? ''
				})
			};
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
	},
	outcome: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(outcomeSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { id, outcome, note } = read.data;
		try {
			recordOutcome(getDb(), actorOf(locals), id, outcome, note);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return {
			ok:
				outcome === 'done'
					? m.appointments_closed_done()
					: outcome === 'no_show'
						? m.appointments_closed_no_show()
						: m.appointments_closed_cancelled()
		};
	},
	plan: async ({ locals, url, request }) => {
		requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const read = parseForm(planSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const { team, from, slots } = read.data;
		try {
			savePlan(getDb(), actorOf(locals), team, from, slots);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.appointments_plan_saved({ team: appointmentTeamLabel(team), from }) };
	}
} satisfies Actions;
