import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { auditLog, receiptPrints } from '../db/schema';
import { voidPayment } from '../ledger';
import { postSamplePayment, billLines, PROPERTY, PARKING } from './test-fixture';
import { normaliseReceiptNo, normaliseVerifyCode, printReceipt, receiptByVerifyCode, receiptRows, recentReceipts, recentVoids, summarise, verifyUrl } from './index';
import { paymentByReceiptNo } from '../ledger';

let db: Db;
let f: Fixture;
const TZ = 'Asia/Shanghai';

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

const line = (over: Partial<Parameters<typeof receiptRows>[0][number]>) => ({ kind: 'principal', billId: null, itemCode: 'x', description: '', amountFen: 100, detail: '{}', ...over });

describe('receiptRows', () => {
	it('merges consecutive months of an item into one period and splits at a gap', () => {
		const d = (month: string) => JSON.stringify({ month, itemNameZh: '物业服务费' });
		const r = receiptRows([
			line({ billId: 1, itemCode: 'property', amountFen: 100, detail: d('2026-01') }),
			line({ billId: 2, itemCode: 'property', amountFen: 100, detail: d('2026-02') }),
			line({ billId: 4, itemCode: 'property', amountFen: 100, detail: d('2026-04') }),
			line({ billId: 4, kind: 'late_fee', itemCode: 'property', amountFen: 7, detail: d('2026-04') }),
			line({ billId: 5, itemCode: 'property', amountFen: 100, detail: d('2026-12') }),
			line({ billId: 6, itemCode: 'property', amountFen: 100, detail: d('2027-01') })
		]);
		expect(r.rows.map((x) => [x.period, x.principalFen, x.lateFeeFen, x.totalFen])).toEqual([
			['2026年01月至2026年02月', 200, 0, 200],
			['2026年04月至2026年04月', 100, 7, 107],
			['2026年12月至2027年01月', 200, 0, 200]
		]);
		expect(r.totalFen).toBe(507);
		expect(r.lateFeeFen).toBe(7);
	});

	it('keeps the items in the order they were posted and months in order within an item', () => {
		const d = (month: string, itemNameZh: string) => ({ month, itemNameZh });
		const r = receiptRows([
			line({ billId: 3, itemCode: 'parking', detail: d('2026-02', '车位物业服务费') }),
			line({ billId: 1, itemCode: 'property', detail: d('2026-02', '物业服务费') }),
			line({ billId: 2, itemCode: 'parking', detail: d('2026-01', '车位物业服务费') })
		]);
		expect(r.rows.map((x) => `${x.nameZh} ${x.period}`)).toEqual(['车位物业服务费 2026年01月至2026年02月', '物业服务费 2026年02月至2026年02月']);
	});

	it('lists the late-fee working per bill that paid (or waived) a late fee', () => {
		const lines = billLines(db, f.communityId, f.unitIds[0], [{ ...PROPERTY, month: '2026-03', principalFen: 25680 }, { ...PARKING, month: '2026-04', principalFen: 15000 }], '2026-04-15', 0);
		const r = receiptRows(lines.map((l) => ({ kind: l.kind, billId: l.billId ?? null, itemCode: l.itemCode, description: l.description ?? '', amountFen: l.amountFen, detail: l.detail ?? null })));
		expect(r.workings).toEqual([{ label: '2026年03月物业服务费', lines: ['逾期26天 × ¥256.80 × 3‰ = ¥20.03'] }]);
		expect(r.ratePerMille).toBe(3);
	});

	it('survives odd detail: bad JSON, missing names, lines without a bill', () => {
		const r = receiptRows([
			line({ billId: 9, itemCode: 'water', detail: 'not json' }),
			line({ kind: 'charge', itemCode: 'card_fee', description: '出入证工本费', amountFen: 1000, detail: null }),
			line({ kind: 'late_fee', itemCode: 'misc', description: '其他滞纳金', amountFen: 50 })
		]);
		expect(r.rows.map((x) => [x.nameZh, x.period, x.principalFen, x.lateFeeFen])).toEqual([
			['water', '', 100, 0],
			['出入证工本费', '', 1000, 0],
			['其他滞纳金', '', 0, 50]
		]);
		expect(r.totalFen).toBe(1150);
	});
});

describe('normaliseReceiptNo', () => {
	it('accepts what a clerk types and gives the canonical number', () => {
		expect(normaliseReceiptNo('SF-2026-000123', 2026)).toBe('SF-2026-000123');
		expect(normaliseReceiptNo(' sf-2026-123 ', 2026)).toBe('SF-2026-000123');
		expect(normaliseReceiptNo('ＳＦ－２０２６－０００１２３', 2026)).toBe('SF-2026-000123');
		expect(normaliseReceiptNo('2025-7', 2026)).toBe('SF-2025-000007');
		expect(normaliseReceiptNo('123', 2026)).toBe('SF-2026-000123');
	});
	it('refuses anything else', () => {
		for (const bad of ['', 'abc', 'SF-2026-0', '0', 'SF-26-000001', '../etc/passwd', 'SF-2026-000001.pdf', '1'.repeat(40), "1' OR 1=1"]) {
			expect(normaliseReceiptNo(bad, 2026), bad).toBeNull();
		}
	});
});

describe('normaliseVerifyCode', () => {
	it('accepts lower case, dashes and spaces; refuses other shapes', () => {
		expect(normaliseVerifyCode('abcd-efgh-2345')).toBe('ABCDEFGH2345');
		expect(normaliseVerifyCode(' ABCD EFGH 2345 ')).toBe('ABCDEFGH2345');
		expect(normaliseVerifyCode('ABCDEFGH234')).toBeNull();
		expect(normaliseVerifyCode('ABCDEFGH2341')).toBeNull(); // 1 is not base32
		expect(normaliseVerifyCode('')).toBeNull();
	});
	it('builds the public address', () => {
		expect(verifyUrl('http://192.168.1.5:3000/', 'ABCDEFGH2345')).toBe('http://192.168.1.5:3000/verify/ABCDEFGH2345');
	});
});

describe('printReceipt', () => {
	it('records every print: the first is the original, later ones are numbered reprints and audited', () => {
		const p = postSamplePayment(db, f);
		const args = { communityId: f.communityId, receiptNo: p.receiptNo, staffId: f.clerkId, format: 'a5' as const, now: 1 };
		expect(printReceipt(db, args)?.reprintNo).toBe(0);
		expect(printReceipt(db, { ...args, format: 'roll', staffId: f.clerk2Id })?.reprintNo).toBe(1);
		const third = printReceipt(db, args)!;
		expect(third.reprintNo).toBe(2);
		expect(third.record.printCount).toBe(3);
		const prints = db.select().from(receiptPrints).all();
		expect(prints.map((r) => [r.printedBy, r.format])).toEqual([[f.clerkId, 'a5'], [f.clerk2Id, 'roll'], [f.clerkId, 'a5']]);
		const audits = db.select().from(auditLog).where(eq(auditLog.action, 'receipt.reprint')).all();
		expect(audits.map((a) => [a.actorId, a.targetId, JSON.parse(a.detail).reprintNo])).toEqual([[f.clerk2Id, p.receiptNo, 1], [f.clerkId, p.receiptNo, 2]]);
	});

	it('finds nothing (and records nothing) for unknown, forged or other communities\' numbers', () => {
		const p = postSamplePayment(db, f);
		const base = { staffId: f.clerkId, format: 'a5' as const, now: 1 };
		expect(printReceipt(db, { ...base, communityId: f.otherCommunityId, receiptNo: p.receiptNo })).toBeNull();
		expect(printReceipt(db, { ...base, communityId: f.communityId, receiptNo: 'SF-2026-000002' })).toBeNull();
		expect(printReceipt(db, { ...base, communityId: f.communityId, receiptNo: "SF-2026-000001' OR '1'='1" })).toBeNull();
		expect(db.select().from(receiptPrints).all()).toHaveLength(0);
	});
});

describe('public verify and lists', () => {
	it('gives only number, date, amount and status for a code', () => {
		const p = postSamplePayment(db, f);
		const code = paymentByReceiptNo(db, f.communityId, p.receiptNo)!.payment.verifyCode;
		expect(receiptByVerifyCode(db, code)).toEqual({ receiptNo: p.receiptNo, localDate: '2026-04-15', totalFen: 142176, voided: false });
		expect(receiptByVerifyCode(db, 'AAAAAAAAAAAA')).toBeNull();
		voidPayment(db, { communityId: f.communityId, receiptNo: p.receiptNo, reason: '重复收款', managerId: f.managerId, now: Date.parse('2026-04-15T05:00:00Z'), localDate: '2026-04-15' });
		expect(receiptByVerifyCode(db, code)?.voided).toBe(true);
	});

	it('lists recent receipts and voids of the community only', () => {
		const a = postSamplePayment(db, f);
		const b = postSamplePayment(db, f, {}, { unitIndex: 0 });
		voidPayment(db, { communityId: f.communityId, receiptNo: a.receiptNo, reason: '重复收款', managerId: f.managerId, now: Date.parse('2026-04-15T05:00:00Z'), localDate: '2026-04-15' });
		expect(recentReceipts(db, f.communityId, TZ, { localDate: '2026-04-15' }).map((r) => [r.receiptNo, r.voided])).toEqual([[b.receiptNo, false], [a.receiptNo, true]]);
		expect(recentReceipts(db, f.communityId, TZ, { localDate: '2026-04-16' })).toEqual([]);
		expect(recentVoids(db, f.communityId, TZ)).toEqual([
			{ receiptNo: a.receiptNo, paidAt: '2026-04-15 10:32', unitCode: '1-1-102', totalFen: 142176, reason: '重复收款', voidedAt: '2026-04-15 13:00', voidedBy: 'manager（MANAGER）' }
		]);
		expect(recentVoids(db, f.otherCommunityId, TZ)).toEqual([]);
		const s = summarise(db, paymentByReceiptNo(db, f.communityId, a.receiptNo)!, TZ);
		expect(s).toMatchObject({ receiptNo: a.receiptNo, unitCode: '1-1-102', payerName: '李娜', totalFen: 142176, changeFen: 7824, cashier: 'clerk（CLERK）', voided: { reason: '重复收款', by: 'manager（MANAGER）' } });
		expect(s.rows).toHaveLength(2);
	});
});
