import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { owners, staffUsers, tickets, unitOwners, units } from '../db/schema';
import { createTicket } from './create';
import { applyTicketAction } from './actions';
import { staffActor, type TicketActor } from './model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Step = [action: string, input: Record<string, string>, afterReceipt: number, who?: 'manager'];
interface Scenario {
	kind: string;
	/** A unit code, or null for a common area (then `location`). Building 6 is left to the e2e tests. */
	unit: string | null;
	location?: string;
	text: string;
	/** How long before "today" it was received. */
	ago: number;
	/** Typed in this long after receipt (over 10 minutes is flagged). */
	recordDelay?: number;
	source?: 'counter' | 'phone';
	urgency?: 'urgent';
	steps: Step[];
}

const dispatch = (department: string, assignee: string, after: number): Step => [
	'dispatch',
	{ department, assignee },
	after
];
const follow = (text: string, after: number): Step => ['follow_up', { text }, after];
const complete = (text: string, after: number): Step => ['complete', { text }, after];
const visit = (rating: string, after: number, method = 'phone'): Step => [
	'return_visit',
	{ rating, method, visitor: '李晓梅' },
	after
];
const close = (after: number): Step => ['close', {}, after];
const check = (after: number): Step => ['check', { result: 'pass', checker: '工程部 赵工' }, after];

/** About 25 tickets in every state, some past their limits, for the demo desk board. */
const SCENARIOS: Scenario[] = [
	{
		kind: 'engineering',
		unit: '1-1-302',
		text: '卫生间天花板渗水,楼上装修后出现。',
		ago: 10 * DAY,
		steps: [
			dispatch('engineering', '王师傅', 20 * MIN),
			follow('已上门查看,约楼上业主配合闭水试验', 4 * DAY)
		]
	},
	{
		kind: 'engineering',
		unit: '2-2-801',
		text: '入户门锁芯损坏,钥匙拧不动。',
		ago: 9 * DAY,
		urgency: 'urgent',
		steps: [dispatch('engineering', '刘师傅', 15 * MIN)]
	},
	{
		kind: 'property',
		unit: null,
		location: '3 栋 2 单元楼道',
		text: '楼道垃圾两天未清运,有异味。',
		ago: 2 * DAY,
		steps: [dispatch('cleaning', '保洁 吴阿姨', 10 * MIN)]
	},
	{
		kind: 'property',
		unit: null,
		location: '中心花园东侧',
		text: '草坪大面积枯黄,请安排补种。',
		ago: 4 * DAY,
		steps: [dispatch('green', '绿化 陈师傅', 30 * MIN)]
	},
	{
		kind: 'service_complaint',
		unit: '4-1-502',
		text: '北门保安夜间态度生硬,不让外卖进入。',
		ago: 20 * MIN,
		steps: []
	},
	{
		kind: 'service_complaint',
		unit: '5-2-1001',
		text: '物业电话多次无人接听。',
		ago: 2 * HOUR,
		source: 'phone',
		steps: [dispatch('customer_service', '客服 小陈', 5 * MIN)]
	},
	{
		kind: 'service_complaint',
		unit: '7-1-201',
		text: '电梯维修未提前通知,老人被困楼下。',
		ago: 2 * DAY,
		steps: [
			dispatch('customer_service', '客服 小陈', 5 * MIN),
			['notify_supervisor', { supervisor: '秩序维护主管 孙' }, 15 * MIN],
			complete('已向业主致歉,今后维修提前一天张贴通知', DAY)
		]
	},
	{
		kind: 'developer_complaint',
		unit: '8-1-1002',
		text: '外墙保温层脱落,开发商保修期内。',
		ago: 3 * HOUR,
		steps: []
	},
	{
		kind: 'developer_complaint',
		unit: '8-2-601',
		text: '车位面积与合同不符。',
		ago: 3 * DAY,
		steps: [['approve', { note: '属地产类,同意转交' }, 2 * HOUR, 'manager']]
	},
	{
		kind: 'developer_complaint',
		unit: '8-2-302',
		text: '窗户密封不严,雨天进水。',
		ago: 5 * DAY,
		steps: [
			['approve', {}, HOUR, 'manager'],
			['transfer', { assignee: '地产客户组 刘经理' }, 3 * HOUR],
			follow('地产客户组已安排施工方下周上门', 3 * DAY)
		]
	},
	{
		kind: 'enquiry',
		unit: '1-2-402',
		text: '咨询装修押金退还需要哪些材料。',
		ago: 2 * HOUR,
		source: 'phone',
		steps: []
	},
	{
		kind: 'enquiry',
		unit: '2-1-101',
		text: '咨询物业费缴费截止日期。',
		ago: 6 * DAY,
		steps: [
			['answer', { text: '每月20日前缴纳,逾期按日收取3‰滞纳金。' }, 5 * MIN],
			visit('satisfied', 10 * MIN, 'on_site'),
			close(11 * MIN)
		]
	},
	{
		kind: 'engineering',
		unit: '3-1-901',
		text: '厨房下水道堵塞。',
		ago: 6 * DAY,
		steps: [dispatch('engineering', '王师傅', 10 * MIN), complete('已疏通', 2 * DAY)]
	},
	{
		kind: 'engineering',
		unit: '3-2-702',
		text: '客厅插座无电。',
		ago: 4 * DAY,
		steps: [
			dispatch('engineering', '刘师傅', 10 * MIN),
			complete('更换插座', DAY),
			check(DAY + 3 * HOUR),
			visit('satisfied', DAY + 4 * HOUR)
		]
	},
	{
		kind: 'property',
		unit: '4-2-301',
		text: '楼下夜间有人弹琴扰民。',
		ago: 3 * DAY,
		steps: [
			dispatch('security', '秩序维护 周队长', 10 * MIN),
			complete('已上门提醒', 6 * HOUR),
			visit('unsatisfied', DAY)
		]
	},
	{
		kind: 'property',
		unit: '5-1-601',
		text: '地下车库灯不亮。',
		ago: 20 * DAY,
		steps: [
			dispatch('engineering', '王师傅', 10 * MIN),
			complete('更换灯管 6 支', DAY),
			visit('satisfied', DAY + 2 * HOUR),
			close(DAY + 3 * HOUR)
		]
	},
	{
		kind: 'engineering',
		unit: '5-2-202',
		text: '阳台地漏返水。',
		ago: 18 * DAY,
		steps: [
			dispatch('engineering', '刘师傅', 5 * MIN),
			follow('等待配件', 3 * DAY),
			complete('更换地漏', 5 * DAY),
			check(5 * DAY + 2 * HOUR),
			visit('basically_satisfied', 6 * DAY),
			close(6 * DAY + 10 * MIN)
		]
	},
	{
		kind: 'service_complaint',
		unit: '7-2-502',
		text: '保洁人员用业主水龙头冲洗拖把。',
		ago: 15 * DAY,
		steps: [
			dispatch('cleaning', '保洁主管 何', 5 * MIN),
			['notify_supervisor', { supervisor: '保洁主管 何' }, 10 * MIN],
			complete('已批评教育当事人', HOUR),
			['result_told', { text: '电话告知处理结果' }, 2 * HOUR],
			visit('satisfied', DAY),
			close(DAY + 5 * MIN)
		]
	},
	{
		kind: 'property',
		unit: null,
		location: '南门',
		text: '南门道闸抬杆慢,高峰排队。',
		ago: 12 * DAY,
		recordDelay: 25 * MIN,
		source: 'phone',
		steps: [
			dispatch('security', '秩序维护 周队长', 30 * MIN),
			complete('已调整道闸参数', 2 * DAY),
			visit('satisfied', 2 * DAY + HOUR),
			close(2 * DAY + 2 * HOUR)
		]
	},
	{
		kind: 'enquiry',
		unit: '1-1-801',
		text: '咨询宠物登记办法。',
		ago: 9 * DAY,
		steps: [
			dispatch('customer_service', '客服 小陈', 5 * MIN),
			['answer', { text: '携带疫苗本到管理处登记' }, 3 * HOUR],
			visit('satisfied', 4 * HOUR),
			close(4 * HOUR + 5 * MIN)
		]
	},
	{
		kind: 'developer_complaint',
		unit: '8-1-202',
		text: '房屋交付时墙面空鼓。',
		ago: 22 * DAY,
		steps: [
			['approve', {}, HOUR, 'manager'],
			['transfer', { assignee: '地产客户组 刘经理' }, 5 * HOUR],
			complete('地产已安排修复', 7 * DAY),
			['result_told', { text: '告知已修复' }, 7 * DAY + HOUR],
			visit('satisfied', 8 * DAY),
			close(8 * DAY + HOUR)
		]
	},
	{
		kind: 'engineering',
		unit: '2-1-1001',
		text: '热水器安装位置漏水。',
		ago: 14 * DAY,
		steps: [
			dispatch('engineering', '王师傅', 10 * MIN),
			complete('紧固接头', DAY),
			check(DAY + HOUR),
			visit('unsatisfied', 2 * DAY),
			complete('更换软管', 3 * DAY),
			check(3 * DAY + HOUR),
			visit('satisfied', 3 * DAY + 3 * HOUR),
			close(3 * DAY + 4 * HOUR)
		]
	},
	{
		kind: 'property',
		unit: '7-1-1002',
		text: '楼顶水箱有异响。',
		ago: 1 * DAY,
		steps: [dispatch('engineering', '刘师傅', 10 * MIN), follow('已查看,需厂家配合', 20 * HOUR)]
	},
	{
		kind: 'service_complaint',
		unit: '3-1-102',
		text: '快递堆放在大堂无人看管。',
		ago: 7 * DAY,
		steps: [
			dispatch('customer_service', '客服 小陈', 10 * MIN),
			['notify_supervisor', { supervisor: '客服主管 周' }, 50 * MIN]
		]
	},
	{
		kind: 'enquiry',
		unit: null,
		location: '电话咨询',
		text: '咨询小区是否有临时停车位。',
		ago: 30 * HOUR,
		source: 'phone',
		steps: []
	}
];

/** Demo tickets (idempotent: nothing is added once the community has any ticket). */
export function seedTickets(db: Db, ctx: { communityId: number; today: Date }) {
	const { communityId } = ctx;
	if (
		db
			.select({ id: tickets.id })
			.from(tickets)
			.where(eq(tickets.communityId, communityId))
			.limit(1)
			.get()
	)
		return;
	const staff = db
		.select()
		.from(staffUsers)
		.where(
			and(
				eq(staffUsers.communityId, communityId),
				inArray(staffUsers.username, ['clerk', 'manager'])
			)
		)
		.all();
	const clerkRow = staff.find((s) => s.username === 'clerk');
	const managerRow = staff.find((s) => s.username === 'manager');
	if (!clerkRow || !managerRow) return;
	const clerk = staffActor(clerkRow);
	const manager = staffActor(managerRow);
	const now = ctx.today.getTime();
	// All or nothing, so a failed run never leaves a half-seeded board behind the idempotency check.
	db.$client.transaction(() => {
		for (const s of SCENARIOS) seedOne(db, communityId, s, now, clerk, manager);
	})();
}

function seedOne(
	db: Db,
	communityId: number,
	s: Scenario,
	now: number,
	clerk: TicketActor,
	manager: TicketActor
) {
	const received = now - s.ago;
	const reporter = s.unit ? ownerOf(db, communityId, s.unit) : null;
	const created = createTicket(
		db,
		{
			kind: s.kind,
			source: s.source ?? 'counter',
			unitCode: s.unit ?? '',
			location: s.location ?? '',
			reporterName: reporter?.name ?? '访客 张先生',
			reporterPhone: reporter?.phone ?? '13900001111',
			text: s.text,
			urgency: s.urgency ?? 'normal',
			receivedAt: received
		},
		clerk,
		{ now: Math.min(now, received + (s.recordDelay ?? 3 * MIN)) }
	);
	if (!created.ok) throw new Error(`demo ticket refused: ${JSON.stringify(created)}`);
	for (const [action, input, after, who] of s.steps) {
		const actor: TicketActor = who === 'manager' ? manager : clerk;
		const r = applyTicketAction(db, created.ticketNo, action, input, actor, {
			now: Math.min(now, received + after)
		});
		if (!r.ok) throw new Error(`demo ticket step ${action} refused: ${JSON.stringify(r)}`);
	}
}

function ownerOf(
	db: Db,
	communityId: number,
	code: string
): { name: string; phone: string } | null {
	return (
		db
			.select({ name: owners.name, phone: owners.phone })
			.from(units)
			.innerJoin(unitOwners, eq(unitOwners.unitId, units.id))
			.innerJoin(owners, eq(owners.id, unitOwners.ownerId))
			.where(and(eq(units.communityId, communityId), eq(units.code, code)))
			.get() ?? null
	);
}
