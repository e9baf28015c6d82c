import type { Db } from '../db';
import { seededAlready } from '../seed/once';
import { seededStaffId } from '../seed/staff';
import { appointments } from '../db/schema';
import { addDays, todayIn } from '../../dates';
import { getCommunity } from '../community';
import { bookAppointment } from './commands';
import { slotPlaces } from './queries';

/** A few coming visits so the demo's register is not empty (from tomorrow: today stays the tests'). */
export function seedAppointments(db: Db, ctx: { communityId: number; today: Date }) {
	if (seededAlready(db, appointments, ctx.communityId)) return;
	const clerkId = seededStaffId(db, ctx.communityId, 'clerk');
	if (clerkId === undefined) return;
	const actor = { id: clerkId, communityId: ctx.communityId, role: 'clerk' as const };
	const now = ctx.today.getTime();
	const today = todayIn(getCommunity(db, ctx.communityId).timeZone, now);
	const visits = [
		['repair', '3-2-902', '孙先生', '13800138011', '卫生间地漏返味'],
		['repair', '4-2-602', '钱女士', '13800138012', '阳台推拉门卡轨'],
		['inspection', '6-2-902', '郑先生', '13800138013', '装修首次巡查'],
		['handover', '8-2-902', '冯女士', '13800138014', '入伙交房验房']
	] as const;
	visits.forEach(([team, unit, contact, phone, what], i) => {
		// The first day after today on which the team has a slot.
		for (let d = 1; d <= 7; d++) {
			const day = addDays(today, d);
			const slot = slotPlaces(db, ctx.communityId, team, day)[i % 2];
			if (!slot) continue;
			const formKey = `seed-appointment-${i}`;
			const input = { team, unit, day, slot: slot.start, contact, phone, what, ref: '', formKey };
			bookAppointment(db, actor, input, now);
			return;
		}
	});
}
