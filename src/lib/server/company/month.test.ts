import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { voidPayment } from '../ledger';
import { ticketWorld } from '../tickets/test-fixture';
import { applyTicketAction, createTicket, type TicketActor } from '../tickets';
import { ticketAlertCounts } from '../tickets/queries';
import { monthFigures } from '../reports/month';
import { centreFigures, companyDashboard } from './dashboard';
import { at, billingWorld } from './test-world';

let db: Db;
let f: Fixture;
let clerk: TicketActor;
let photoDir: string;
let otherClerk: number;
let otherManager: number;
let pay: ReturnType<typeof billingWorld>['pay'];

beforeEach(() => {
	({ db, fx: f, clerk, photoDir } = ticketWorld('company-month-'));
	({ otherClerk, otherManager, pay } = billingWorld(db, f, ['2026-05', '2026-06', '2026-07']));
});

/** A service complaint received on 06-29 10:00 whose supervisor is not told within the limit. */
function complaintOn29(): string {
	const r = createTicket(
		db,
		{
			kind: 'service_complaint',
			source: 'counter',
			unitCode: '1-1-101',
			reporterName: '张伟',
			reporterPhone: '13800000001',
			text: '保安态度恶劣'
		},
		clerk,
		{ now: at('2026-06-29'), photoDir }
	);
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r.ticketNo;
}

describe('the company month report', () => {
	it('June as it stood at its end, July so far; June never changes afterwards', () => {
		const [a, b] = f.unitIds;
		// 测试小区 (T1): every unit owes ¥100.00 a month, due on the 20th; 1-1-201 pays nothing.
		pay(f.communityId, a, ['2026-05'], '2026-05-10', f.clerkId);
		pay(f.communityId, a, ['2026-06'], '2026-06-05', f.clerkId);
		const late = pay(f.communityId, b, ['2026-06'], '2026-06-15', f.clerkId);
		const ticket = complaintOn29();
		// 别的小区 (T2): its one unit paid June on 06-05; the receipt was voided on 06-10.
		const voided = pay(f.otherCommunityId, f.otherUnitId, ['2026-06'], '2026-06-05', otherClerk);
		voidPayment(db, {
			communityId: f.otherCommunityId,
			receiptNo: voided.receiptNo,
			reason: '重复收费',
			managerId: otherManager,
			now: at('2026-06-10'),
			localDate: '2026-06-10'
		});

		const june = companyDashboard(db, at('2026-07-01', '08:00'), { month: '2026-06' });
		const [one, two] = june.centres;
		expect(one).toMatchObject({
			asOf: '2026-06-30',
			todayFen: null,
			// 06-05 and 06-15, ¥100.00 each.
			monthFen: 20000,
			// June's bills ¥300.00, of which ¥200.00 collected by 06-30: 66.67%.
			dueFen: 30000,
			collectedFen: 20000,
			rateBp: 6667,
			// 1-1-102 owes May (41 days late on 06-30: ¥100 + 41 × 3‰ × ¥100 = ¥112.30); 1-1-201 owes
			// May (¥112.30) and June (10 days: ¥103.00).
			arrearsUnits: 2,
			arrearsFen: 11230 + 11230 + 10300,
			arrearsByAge: { d0_30: 10300, d31_90: 22460, d91_180: 0, d181_365: 0, over_365: 0 },
			// The complaint's supervisor was not told within the limit: overdue at the month's end.
			ticketsOpen: 1,
			ticketsOverdue: 1,
			complaintsOverdue: 1,
			voids: 0
		});
		expect(two).toMatchObject({
			monthFen: 0,
			voids: 1,
			voidedFen: 10000,
			dueFen: 10000,
			collectedFen: 0,
			rateBp: 0,
			arrearsFen: 11230 + 10300,
			ticketsOpen: 0
		});
		expect(june.total).toMatchObject({
			todayFen: null,
			monthFen: 20000,
			dueFen: 40000,
			collectedFen: 20000,
			rateBp: 5000,
			arrearsUnits: 3,
			arrearsFen: 32760 + 21530,
			voids: 1,
			ticketsOverdue: 1
		});
		// The same figures as the centre's own month report.
		const own = monthFigures(db, f.communityId, '2026-06-01', '2026-06-30');
		expect([one.monthFen, one.dueFen, one.collectedFen, one.rateBp]).toEqual([
			own.total.netFen,
			own.billing.dueFen,
			own.billing.collectedFen,
			own.billing.rateBp
		]);

		// July: 1-1-102's June receipt is voided on 07-02, the supervisor told on 07-03, 1-1-101
		// pays July today (07-10).
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: late.receiptNo,
			reason: '收错房号',
			category: 'entry_error',
			managerId: f.managerId,
			now: at('2026-07-02'),
			localDate: '2026-07-02'
		});
		const told = applyTicketAction(
			db,
			ticket,
			'notify_supervisor',
			{ supervisor: '周主管', note: '已电话告知' },
			clerk,
			{ now: at('2026-07-03') }
		);
		expect(told.ok).toBe(true);
		pay(f.communityId, a, ['2026-07'], '2026-07-10', f.clerkId);
		const now = at('2026-07-10', '15:00');

		// A past month never changes.
		expect(companyDashboard(db, now, { month: '2026-06' })).toEqual({ ...june, generatedAt: now });

		const july = centreFigures(db, f.communityId, now);
		expect(july).toMatchObject({
			asOf: '2026-07-10',
			todayFen: 10000,
			// Today's ¥100.00, less the June receipt voided on 07-02: a void counts on its own day.
			monthFen: 0,
			voids: 1,
			voidedFen: 10000,
			dueFen: 30000,
			collectedFen: 10000,
			rateBp: 3333
		});
		// The month in progress is the dashboard's, and its tickets are the board's.
		expect(companyDashboard(db, now).centres[0]).toEqual(july);
		expect(july.ticketsOpen).toBe(ticketAlertCounts(db, f.communityId, now).open);
		expect(july.ticketsOverdue).toBe(ticketAlertCounts(db, f.communityId, now).breached);
	});

	it('a month the centres have not reached has nothing in it', () => {
		const aug = companyDashboard(db, at('2026-07-10'), { month: '2026-08' });
		expect(aug.total).toMatchObject({ monthFen: 0, todayFen: 0, voids: 0 });
	});
});
