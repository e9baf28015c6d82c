import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import { seededStaffId } from '../seed/staff';
import { renovations } from '../db/schema';
import { createApplication, transition, type Actor, type ApplicationInput } from './applications';
import { payFees, type WorkerInput } from './payments';
import { settleDeposit, settlePass } from './settlements';
import { passesOf } from './records';
import { RenovationError } from './errors';
import { addDays, todayIn } from '../../dates';
import { getCommunity } from '../community';

/*
 * Demo data: a few applications in building 5, entrance 2 (the e2e tests use entrance 1), in
 * different states. Idempotent: nothing happens once the first demo application exists.
 */

const DAY = 86_400_000;

export function seedRenovations(db: Db, ctx: { communityId: number; today: Date }): void {
	const { communityId } = ctx;
	const done = db
		.select({ id: renovations.id })
		.from(renovations)
		.where(
			and(
				eq(renovations.communityId, communityId),
				like(renovations.idempotencyKey, 'seed-renovation-%')
			)
		)
		.get();
	if (done) return;
	const clerkId = seededStaffId(db, communityId, 'clerk');
	const managerId = seededStaffId(db, communityId, 'manager');
	if (!clerkId || !managerId) return;
	const clerk: Actor = { id: clerkId, communityId, role: 'clerk' };
	const manager: Actor = { id: managerId, communityId, role: 'manager' };
	const tz = getCommunity(db, communityId).timeZone;
	const nowMs = ctx.today.getTime();
	const dateAt = (ms: number) => todayIn(tz, ms);

	let n = 0;
	const key = (tag: string) => `seed-renovation-${tag}-${++n}`;
	const apply = (unitCode: string, daysAgo: number, over: Partial<ApplicationInput>) => {
		const at = nowMs - daysAgo * DAY;
		const start = dateAt(at);
		const input: ApplicationInput = {
			unitCode,
			applicantKind: 'owner',
			applicantName: '',
			applicantPhone: '',
			applicantRelation: '',
			selfRenovation: false,
			contractorName: '鹿城家装工程有限公司',
			contractorLicence: '91330100MA2H3K7X1Q',
			contractorPhone: '0571-8612 3456',
			plannedStart: start,
			plannedEnd: addDays(start, 60),
			scope: '厨房、卫生间改造，客厅吊顶，全屋墙面翻新',
			wallDemolition: false,
			documents: {
				design_drawings: true,
				construction_drawings: true,
				contractor_qualification: true,
				business_licence: true
			},
			idempotencyKey: key(unitCode),
			...over
		};
		try {
			return { id: createApplication(db, clerk, input, at).id, at };
		} catch (e) {
			if (e instanceof RenovationError && e.code === 'unit_not_found') return null; // a smaller demo
			throw e;
		}
	};
	const step = (id: number, actor: Actor, at: number, input: Parameters<typeof transition>[3]) =>
		transition(db, actor, id, input, { idempotencyKey: key('t'), now: at });
	const cash = () => ({
		method: 'cash' as const,
		methodRef: '',
		bank: '',
		tenderedFen: 500000,
		payerName: '',
		idempotencyKey: key('pay')
	});
	const worker = (name: string, id: string, phone: string, expiresOn: string): WorkerInput => ({
		name,
		idNumber: id,
		phone,
		idCopyOnFile: true,
		photoOnFile: true,
		expiresOn
	});
	/** Approved the day after filing, fees paid in cash, the permit issued until `end`, works begun. */
	const startWorks = (
		r: { id: number; at: number },
		end: string,
		wallAreaCenti: number,
		workers: WorkerInput[]
	) => {
		step(r.id, manager, r.at + DAY, { action: 'approve' });
		payFees(
			db,
			clerk,
			{ renovationId: r.id, agreementSigned: true, wallAreaCenti, workers, method: cash() },
			r.at + DAY + 3600_000
		);
		step(r.id, clerk, r.at + DAY + 4000_000, { action: 'issue_permit', until: end });
		step(r.id, clerk, r.at + 2 * DAY, { action: 'start' });
	};

	// Waiting for the design review: contractor papers still missing.
	apply('5-2-901', 1, {
		documents: {
			design_drawings: true,
			construction_drawings: true,
			contractor_qualification: false,
			business_licence: false
		}
	});

	// Approved, fees not yet paid (自装).
	const approved = apply('5-2-902', 3, {
		selfRenovation: true,
		scope: '自装：铺设木地板，更换橱柜'
	});
	if (approved)
		step(approved.id, manager, approved.at + 3600_000, { action: 'approve', note: '图纸审核通过' });

	// Rejected: load-bearing wall.
	const rejected = apply('5-2-1002', 5, { wallDemolition: true, scope: '拆除客厅与卧室间墙体' });
	if (rejected)
		step(rejected.id, manager, rejected.at + 7200_000, {
			action: 'reject',
			reason: '拟拆除墙体为承重墙，不得拆改'
		});

	// In progress with workers on site; the permit ends within the week.
	const busy = apply('5-2-1001', 55, { wallDemolition: true });
	if (busy) {
		const end = dateAt(busy.at + 60 * DAY);
		startWorks(busy, end, 840, [
			worker('赵建军', '330102198507151234', '13957100001', end),
			worker('钱小兵', '330106199002287765', '13957100002', end)
		]);
	}

	// Failed inspection, waiting for re-inspection.
	const failed = apply('5-2-802', 40, {
		selfRenovation: true,
		scope: '自装：阳台封窗，卫生间防水'
	});
	if (failed) {
		const end = dateAt(failed.at + 45 * DAY);
		startWorks(failed, end, 0, [worker('孙立', '330104199211053319', '13957100003', end)]);
		step(failed.id, clerk, nowMs - 2 * DAY, {
			action: 'inspect_fail',
			items: ['卫生间闭水试验渗漏，需重做防水', '阳台外立面胶条未清理']
		});
	}

	// Finished and closed: deposit refunded with a deduction, pass handed back.
	const closed = apply('5-2-801', 90, {});
	if (closed) {
		const at = closed.at;
		const end = dateAt(at + 60 * DAY);
		startWorks(closed, end, 0, [worker('李四海', '330102197811114415', '13957100004', end)]);
		step(closed.id, clerk, at + 50 * DAY, { action: 'inspect_pass', note: '验收合格' });
		const pass = passesOf(db, closed.id)[0];
		settlePass(
			db,
			clerk,
			{
				passId: pass.id,
				outcome: 'returned',
				refund: { method: 'cash', methodRef: '', payeeName: '李四海', idempotencyKey: key('pass') }
			},
			at + 50 * DAY + 600_000
		);
		settleDeposit(
			db,
			clerk,
			{
				renovationId: closed.id,
				deductions: [{ description: '电梯轿厢门板划伤修复', amountFen: 20000 }],
				refund: { method: 'cash', methodRef: '', payeeName: '', idempotencyKey: key('refund') }
			},
			at + 51 * DAY
		);
		step(closed.id, clerk, at + 51 * DAY + 600_000, { action: 'close' });
	}
}
