import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { visitors } from '../db/schema';
import { seededStaffId } from '../seed/staff';
import { communityToday, getCommunity } from '../community';
import { addDays, localToEpochMs } from '../../dates';
import { recordLeaving, registerVisitor, type VisitorInput } from './commands';

const H = 3600_000;

/** Visits of the last three days (no building 7: the e2e tests use it), all gone again; one comes back. */
const DEMO_VISITS: [
	daysAgo: number,
	time: string,
	stayHours: number,
	v: Omit<VisitorInput, 'formKey' | 'confirmed'>
][] = [
	[3, '10:20', 1.5, visit('赵磊', 'id_card', '11010519491231002X', '1-1-302', '陈秀英', '探亲', 3)],
	[2, '14:05', 0.5, visit('Tom Baker', 'passport', 'E12345678', '2-2-201', '刘洋', '送文件', 1)],
	[2, '19:40', 2, visit('孙丽', 'other', 'GZ-0093', '3-1-602', '王芳', '家政服务', 1)],
	[1, '09:15', 3, visit('赵磊', 'id_card', '11010519491231002X', '1-1-302', '陈秀英', '探亲', 2)]
];

function visit(
	name: string,
	idType: VisitorInput['idType'],
	idNumber: string,
	unit: string,
	hostName: string,
	purpose: string,
	partySize: number
): Omit<VisitorInput, 'formKey' | 'confirmed'> {
	return {
		name,
		idType,
		idNumber,
		unit,
		hostName,
		purpose,
		partySize,
		confirmPhone: '13800000000',
		confirmAnsweredBy: hostName
	};
}

/** A few days of the visitor register, through the counter's commands. Idempotent. */
export function seedVisitors(db: Db, ctx: { communityId: number; today: Date }) {
	const { communityId } = ctx;
	if (
		db.select({ id: visitors.id }).from(visitors).where(eq(visitors.communityId, communityId)).get()
	)
		return;
	const clerkId = seededStaffId(db, communityId, 'clerk');
	if (!clerkId) return;
	const clerk = { id: clerkId, communityId, role: 'clerk' as const };
	const community = getCommunity(db, communityId);
	const today = communityToday(community, ctx.today);
	DEMO_VISITS.forEach(([daysAgo, time, stay, v], i) => {
		const at = localToEpochMs(addDays(today, -daysAgo), time, community.timeZone);
		const r = registerVisitor(
			db,
			clerk,
			{ ...v, confirmed: true, formKey: `demo-visitor-${i + 1}` },
			at
		);
		recordLeaving(db, clerk, { id: r.id }, at + stay * H);
	});
}
