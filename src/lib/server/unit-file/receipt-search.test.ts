import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { forgetCommunity } from '../community';
import { ensureFeeItems, generateMonthlyBills, postFeePayment, unitAccount } from '../fees';
import { cashiersByWorkNo, RECEIPT_PAGE_SIZE, searchReceipts } from './receipt-search';

let db: Db;
let f: Fixture;
const TZ = 'Asia/Shanghai';
const at = (date: string) => Date.parse(`${date}T02:00:00Z`);
const nos = (filter: Parameters<typeof searchReceipts>[3]) =>
	searchReceipts(db, f.communityId, TZ, filter).hits.map((h) => h.receiptNo);

function pay(unitIndex: number, date: string, method: 'wechat' | 'alipay', cashierId: number) {
	const unitId = f.unitIds[unitIndex];
	const billIds = unitAccount(db, f.communityId, unitId, date)!.bills.map((b) => b.billId);
	return postFeePayment(db, {
		communityId: f.communityId,
		unitId,
		billIds: billIds.slice(0, 1),
		includeLateFees: true,
		method,
		methodRef: 'REF',
		payerName: unitIndex === 0 ? '陈刚' : '李娜',
		cashierId,
		idempotencyKey: crypto.randomUUID(),
		now: at(date)
	}).receiptNo;
}

let r: string[];
beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
	ensureFeeItems(db, f.communityId);
	for (const mo of ['2026-08', '2026-09', '2026-10']) generateMonthlyBills(db, f.communityId, mo);
	r = [
		pay(0, '2026-10-05', 'wechat', f.clerkId), // 1-1-101, owner 张伟 13800000001, payer 陈刚
		pay(1, '2026-10-20', 'alipay', f.clerk2Id), // 1-1-102, owner 李娜 13800000002
		pay(0, '2026-11-02', 'alipay', f.clerk2Id)
	];
});

describe('searchReceipts', () => {
	it('by number, room, owner or payer name, phone tail; newest first', () => {
		expect(nos({ receiptNo: r[1] })).toEqual([r[1]]);
		expect(nos({ room: '1-1-101' })).toEqual([r[2], r[0]]);
		expect(nos({ room: '1-1' })).toEqual([r[2], r[1], r[0]]);
		expect(nos({ name: '张' })).toEqual([r[2], r[0]]); // the owner, though 陈刚 paid
		expect(nos({ name: '陈刚' })).toEqual([r[2], r[0]]);
		expect(nos({ phone: '0002' })).toEqual([r[1]]);
		expect(nos({ room: '9-9' })).toEqual([]);
	});

	it('by date range, method and cashier, combined', () => {
		expect(nos({ from: '2026-10-01', to: '2026-10-31' })).toEqual([r[1], r[0]]);
		expect(nos({ method: 'alipay' })).toEqual([r[2], r[1]]);
		expect(nos({ cashierId: f.clerk2Id, room: '1-1-101' })).toEqual([r[2]]);
		expect(cashiersByWorkNo(db, f.communityId).get('CLERK2')).toBe(f.clerk2Id);
	});

	it('pages of RECEIPT_PAGE_SIZE, newest first; another community sees nothing', () => {
		expect(searchReceipts(db, f.otherCommunityId, TZ, {}).hits).toEqual([]);
		const first = searchReceipts(db, f.communityId, TZ, { page: 1 });
		expect(first.hasMore).toBe(false);
		expect(first.hits[0]).toMatchObject({ receiptNo: r[2], unitCode: '1-1-101', voided: false });
		expect(RECEIPT_PAGE_SIZE).toBe(20);
		expect(searchReceipts(db, f.communityId, TZ, { page: 2 }).hits).toEqual([]);
	});
});
