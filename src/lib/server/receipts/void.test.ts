import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { forgetCommunity } from '../community';
import { LedgerError } from '../ledger';
import { billStates, ensureFeeItems, generateMonthlyBills, postFeePayment } from '../fees';
import { createWaiverRequest, decideWaiverRequest, requestDetail } from '../waivers';
import { voidPreview, voidReceipt } from './void';

let db: Db;
let f: Fixture;
const at = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	ensureFeeItems(db, f.communityId);
	for (const m of ['2026-07', '2026-08'])
		generateMonthlyBills(db, f.communityId, m, { now: at(`${m}-01`) });
});

describe('voidPreview and voidReceipt', () => {
	it('shows who may void and the waivers a void would reverse, then reverses them in the same transaction', () => {
		const unitId = f.unitIds[0];
		const jul = billStates(db, f.communityId, unitId, '2026-09-15').find(
			(b) => b.month === '2026-07'
		)!.billId;
		const paid = postFeePayment(db, {
			communityId: f.communityId,
			unitId,
			billIds: [jul],
			includeLateFees: false,
			method: 'wechat',
			methodRef: 'W1',
			payerName: '张伟',
			cashierId: f.clerkId,
			idempotencyKey: crypto.randomUUID(),
			now: at('2026-09-15')
		});
		const r = createWaiverRequest(db, {
			communityId: f.communityId,
			unitId,
			billIds: [jul],
			reason: '第一次逾期',
			applicantName: '张伟',
			clerkId: f.clerkId,
			idempotencyKey: crypto.randomUUID(),
			now: at('2026-09-15', '10:10')
		});
		const d = decideWaiverRequest(db, {
			communityId: f.communityId,
			requestId: r.id,
			deciderId: f.managerId,
			decision: 'approve',
			plan: { mode: 'full' },
			note: '同意',
			key: crypto.randomUUID(),
			now: at('2026-09-16')
		});

		const preview = voidPreview(db, f.communityId, paid.receiptNo, f.managerId, '2026-10-02')!;
		expect(preview).toMatchObject({
			voider: null,
			settledBy: [],
			crossMonth: true,
			alreadyVoided: false
		});
		expect(preview.waivers).toEqual([
			{
				requestNo: r.requestNo,
				amountFen: d.approvedFen,
				bills: [
					{
						month: '2026-07',
						itemNameZh: '物业服务费',
						itemNameEn: expect.any(String),
						amountFen: d.approvedFen
					}
				]
			}
		]);
		expect(voidPreview(db, f.communityId, paid.receiptNo, f.clerkId, '2026-10-02')!.voider).toBe(
			'not_allowed'
		);
		expect(
			voidPreview(db, f.otherCommunityId, paid.receiptNo, f.managerId, '2026-10-02')
		).toBeNull();

		expect(() =>
			voidReceipt(db, {
				communityId: f.communityId,
				receiptNo: paid.receiptNo,
				reason: '错收',
				managerId: f.managerId,
				now: at('2026-10-02'),
				localDate: '2026-10-02'
			})
		).toThrow(LedgerError);
		const done = voidReceipt(db, {
			communityId: f.communityId,
			receiptNo: paid.receiptNo,
			reason: '错收',
			category: 'entry_error',
			managerId: f.managerId,
			now: at('2026-10-02'),
			localDate: '2026-10-02'
		});
		expect(done).toMatchObject({
			returned: [],
			reversed: [{ requestNo: r.requestNo, amountFen: d.approvedFen }]
		});
		expect(requestDetail(db, f.communityId, r.id)!.events.map((e) => e.action)).toEqual([
			'create',
			'approve',
			'reverse'
		]);
		expect(voidPreview(db, f.communityId, paid.receiptNo, f.managerId, '2026-10-02')).toMatchObject(
			{ alreadyVoided: true, waivers: [] }
		);
	});
});
