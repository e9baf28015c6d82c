import type { Db } from '../db';
import { seededAlready } from '../seed/once';
import { seededStaffId } from '../seed/staff';
import { directoryPeople } from '../db/schema';
import { savePerson, setPresence } from './commands';

/** The demo centre's wall: a manager, the front desk, engineering and security, one of them out. */
export function seedDirectory(db: Db, ctx: { communityId: number; today: Date }) {
	if (seededAlready(db, directoryPeople, ctx.communityId)) return;
	const managerId = seededStaffId(db, ctx.communityId, 'manager');
	if (managerId === undefined) return;
	const actor = { id: managerId, communityId: ctx.communityId, role: 'manager' as const };
	const now = ctx.today.getTime();
	const people = [
		['周主管', 'M001', '客服主管', '客服中心', '8001'],
		['李晓梅', 'C001', '前台客服', '客服中心', '8002'],
		['王建国', 'C002', '前台客服', '客服中心', '8003'],
		['陈师傅', 'E101', '维修工程师', '工程部', '8101'],
		['赵队长', 'S201', '秩序维护队长', '秩序维护部', '8201']
	] as const;
	let engineer = 0;
	people.forEach(([name, workNo, position, department, extension], i) => {
		const id = savePerson(
			db,
			actor,
			null,
			{ name, workNo, position, department, extension, sort: (i + 1) * 10, active: true },
			now
		);
		if (workNo === 'E101') engineer = id;
	});
	setPresence(db, actor, engineer, { status: 'out', untilMs: null, note: '上门维修' }, now);
}
