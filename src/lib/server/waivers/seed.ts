import type { Db } from '../db';
import { seededStaffId } from '../seed/staff';
import { communityToday, getCommunity } from '../community';
import { voidPayment } from '../ledger';
import { billStates, postFeePayment, unitIdByCode } from '../fees';
import { addDays, addMonths, localToEpochMs, monthDay } from '../../dates';
import { createWaiverRequest, decideWaiverRequest, onPaymentVoided } from './commands';
import type { ApprovalPlan } from '../../domain/waiver';

/*
 * Demo waiver requests, in building 5 (no e2e test uses it), on top of the fee
 * demo (fees/seed.ts leaves floors 3, 7 and 10 owing their last 3, 5 and 2 months): some
 * principals are paid late at the counter (late fees left) and requests are filed and decided
 * through the same commands the pages use, at past clock times:
 *   5-1-701   approved in full some weeks ago, and a new pending request (not the first time)
 *   5-1-301   approved in part (oldest bill first)
 *   5-1-1001  rejected
 *   5-2-302   pending (filed yesterday)
 *   5-2-1002  returned to the clerk: the receipt that paid its principal was voided
 * (The e2e tests of this area use 2-2-702 and 2-2-502, which the fee demo leaves owing.)
 * Idempotent: does nothing once the community has a waiver request, or when there are no bills.
 */
export function seedWaivers(db: Db, ctx: { communityId: number; today: Date }): void {
	const { communityId } = ctx;
	if (
		db.$client
			.prepare('SELECT 1 FROM waiver_requests WHERE community_id = ? LIMIT 1')
			.get(communityId)
	)
		return;
	const staff = (username: string) => seededStaffId(db, communityId, username);
	const clerkId = staff('clerk');
	const clerk2Id = staff('clerk2') ?? clerkId;
	const managerId = staff('manager');
	if (!clerkId || !clerk2Id || !managerId) return;

	const community = getCommunity(db, communityId);
	const tz = community.timeZone;
	const dueDay = community.settings.fees.dueDay;
	const today = communityToday(community, ctx.today);
	const month = (n: number) => addMonths(today.slice(0, 7), n);
	const at = (date: string, time = '10:00') => localToEpochMs(date, time, tz);
	const unitId = (code: string) => unitIdByCode(db, communityId, code);
	const DAY = 86_400_000;

	let seq = 0;
	const key = () => `seed-waiver-${communityId}-${++seq}`;
	/** Pays the principal of the unit's bills of these months on `date` (late fees left unpaid). */
	const payPrincipal = (code: string, months: string[], date: string) => {
		const id = unitId(code);
		if (!id) return null;
		const bills = billStates(db, communityId, id, date).filter(
			(b) => months.includes(b.month) && b.principalDueFen > 0
		);
		if (bills.length === 0) return null;
		const now = at(date, '10:05');
		const paid = postFeePayment(db, {
			communityId,
			unitId: id,
			billIds: bills.map((b) => b.billId),
			includeLateFees: false,
			method: 'wechat',
			methodRef: `DEMO${date.replace(/-/g, '')}${seq}`,
			payerName: '业主',
			cashierId: clerkId,
			idempotencyKey: key(),
			now
		});
		return { unitId: id, billIds: bills.map((b) => b.billId), now, receiptNo: paid.receiptNo };
	};
	const file = (
		p: { unitId: number; billIds: number[]; now: number } | null,
		reason: string,
		clerk = clerkId
	) =>
		p
			? createWaiverRequest(db, {
					communityId,
					unitId: p.unitId,
					billIds: p.billIds,
					reason,
					applicantName: '业主本人',
					clerkId: clerk,
					idempotencyKey: key(),
					now: p.now + 10 * 60_000
				})
			: null;
	const due = (n: number) => monthDay(month(n), dueDay);
	const decide = (
		r: { id: number } | null,
		p: { now: number } | null,
		days: number,
		d: { decision: 'approve'; plan: ApprovalPlan } | { decision: 'reject' },
		note: string
	) => {
		if (r && p)
			decideWaiverRequest(db, {
				communityId,
				requestId: r.id,
				deciderId: managerId,
				note,
				key: key(),
				now: Math.min(p.now + days * DAY, ctx.today.getTime()),
				...d
			});
	};

	// 5-1-701 (owes five months): the two oldest paid late, approved in full; weeks later the next one, pending.
	const a1 = payPrincipal('5-1-701', [month(-4), month(-3)], addDays(due(-2), 5));
	decide(
		file(a1, '长期出差在外，未收到缴费通知，回来后即来缴清，并非故意拖欠。'),
		a1,
		2,
		{ decision: 'approve', plan: { mode: 'full' } },
		'首次逾期，情况属实，同意全额免除。'
	);
	file(
		payPrincipal('5-1-701', [month(-2)], addDays(today, -2)),
		'家中老人住院，忘记按时缴费。',
		clerk2Id
	);

	// 5-1-301: approved in part (the oldest bill first).
	const b1 = payPrincipal('5-1-301', [month(-2)], addDays(today, -3));
	const r2 = file(b1, '银行代扣协议到期未续，未及时发现欠费。');
	if (r2)
		decide(
			r2,
			b1,
			2,
			{
				decision: 'approve',
				plan: { mode: 'amount', amountFen: Math.max(1, Math.floor(r2.requestedFen / 2)) }
			},
			'代扣到期业主也有责任，免除一半。'
		);

	// 5-1-1001: rejected.
	const c1 = payPrincipal('5-1-1001', [month(-1)], addDays(today, -4));
	decide(
		file(c1, '对物业服务有意见，所以没有缴费。', clerk2Id),
		c1,
		1,
		{ decision: 'reject' },
		'属故意拒缴，按《业主临时管理规约》不予免除。'
	);

	// 5-2-302: pending since yesterday.
	file(
		payPrincipal('5-2-302', [month(-2), month(-1)], addDays(today, -1)),
		'手机号码变更，未收到催缴短信，第一次逾期。'
	);

	// 5-2-1002: filed, then the receipt that paid the principal was voided → back to the clerk.
	const e1 = payPrincipal('5-2-1002', [month(-1)], addDays(today, -5));
	if (e1 && file(e1, '首次逾期，请求免除。', clerk2Id)) {
		const voidAt = e1.now + 3600_000;
		voidPayment(
			db,
			{
				communityId,
				receiptNo: e1.receiptNo,
				reason: '金额录入有误，作废后重新收款',
				managerId,
				now: voidAt,
				localDate: addDays(today, -5)
			},
			(paymentId) => onPaymentVoided(db, paymentId, managerId, voidAt)
		);
	}
}
