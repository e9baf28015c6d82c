// The shift handover's reader for appointments (register-matters.ts). No $lib imports.
import type { Db } from '../db';
import type { RegisterMatter } from '../shifts/register-matters';
import { getCommunity } from '../community';
import { todayIn } from '../../dates';
import { APPOINTMENT_TEAM_ZH } from '../../domain/appointments';
import { listAppointments } from './queries';

/** Today's open appointments and the overdue ones (slot over, no outcome), soonest first. */
export function appointmentMatters(db: Db, communityId: number, now: number): RegisterMatter[] {
	const today = todayIn(getCommunity(db, communityId).timeZone, now);
	return listAppointments(db, communityId, { view: 'open', toDay: today }, now, 100).map((a) => ({
		register: 'appointment',
		ref: `${a.day.slice(5)} ${a.slotStart}–${a.slotEnd}`,
		unitCode: a.unitCode,
		summary: `${APPOINTMENT_TEAM_ZH[a.team]} ${a.contact} ${a.phone}：${a.what}`,
		dueAt: a.endsMs,
		overdue: a.overdue,
		href: a.overdue ? '/appointments?view=overdue' : '/appointments'
	}));
}
