import { m } from '$lib/paraglide/messages.js';
import type { AppointmentState, AppointmentTeam } from '$lib/domain/appointments';

/** 维修组 / 装修巡查 / 入伙交付: the page, its CSV, the kiosk. */
export function appointmentTeamLabel(t: AppointmentTeam): string {
	return {
		repair: m.appointments_team_repair,
		inspection: m.appointments_team_inspection,
		handover: m.appointments_team_handover
	}[t]();
}

export function appointmentStateLabel(s: AppointmentState, overdue: boolean): string {
	if (overdue) return m.appointments_state_overdue();
	return {
		open: m.appointments_state_open,
		done: m.appointments_state_done,
		no_show: m.appointments_state_no_show,
		cancelled: m.appointments_state_cancelled
	}[s]();
}
