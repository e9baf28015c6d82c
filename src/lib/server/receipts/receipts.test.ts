import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { auditLog, receiptPrints } from '../db/schema';
import { voidPayment } from '../ledger';
import { postSamplePayment } from './test-fixture';
import {
	normaliseReceiptNo,
	normaliseVerifyCode,
	receiptByVerifyCode,
	receiptView,
	recentReceipts,
	recentVoids,
	recordReceiptPrint,
	summarise,
	verifyUrl
} from './index';
import { paymentByReceiptNo } from '../ledger';

let db: Db;
let f: Fixture;
const TZ = 'Asia/Shanghai';

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
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
		for (const bad of [
			'',
			'abc',
			'SF-2026-0',
			'0',
			'SF-26-000001',
			'../etc/passwd',
			'SF-2026-000001.pdf',
			'1'.repeat(40),
			"1' OR 1=1"
		]) {
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
		expect(verifyUrl('http://192.168.1.5:3000/', 'ABCDEFGH2345')).toBe(
			'http://192.168.1.5:3000/verify/ABCDEFGH2345'
		);
	});
});

describe('recordReceiptPrint and receiptView', () => {
	const args = (
		receiptNo: string,
		over: Partial<Parameters<typeof recordReceiptPrint>[1]> = {}
	) => ({
		communityId: f.communityId,
		receiptNo,
		staffId: f.clerkId,
		format: 'a5' as const,
		reasonCode: '',
		reasonNote: '',
		printKey: crypto.randomUUID(),
		now: 1,
		...over
	});

	it('opening the document records nothing: it shows the original until the first print', () => {
		const p = postSamplePayment(db, f);
		for (let i = 0; i < 5; i++)
			expect(receiptView(db, f.communityId, p.receiptNo)).toMatchObject({
				reprintNo: 0,
				printedAt: undefined
			});
		expect(db.select().from(receiptPrints).all()).toHaveLength(0);
		expect(receiptView(db, f.communityId, p.receiptNo)?.record.printCount).toBe(0);
	});

	it('the first print needs no reason; a reprint needs one, is numbered, audited, and shown by the view', () => {
		const p = postSamplePayment(db, f);
		expect(recordReceiptPrint(db, args(p.receiptNo))).toEqual({
			ok: true,
			receiptNo: p.receiptNo,
			reprintNo: 0,
			replayed: false
		});
		expect(recordReceiptPrint(db, args(p.receiptNo))).toEqual({
			ok: false,
			error: 'reason_required'
		});
		expect(recordReceiptPrint(db, args(p.receiptNo, { reasonCode: 'nonsense' }))).toEqual({
			ok: false,
			error: 'reason_required'
		});
		expect(
			recordReceiptPrint(db, args(p.receiptNo, { reasonCode: 'other', reasonNote: '  ' }))
		).toEqual({ ok: false, error: 'note_required' });
		expect(db.select().from(receiptPrints).all()).toHaveLength(1);

		const r = recordReceiptPrint(
			db,
			args(p.receiptNo, {
				format: 'roll',
				staffId: f.clerk2Id,
				reasonCode: 'lost',
				reasonNote: '业主遗失',
				now: 2
			})
		);
		expect(r).toEqual({ ok: true, receiptNo: p.receiptNo, reprintNo: 1, replayed: false });
		const view = receiptView(db, f.communityId, p.receiptNo)!;
		expect(view).toMatchObject({ reprintNo: 1, printedAt: 2, reprintReason: '原件遗失　业主遗失' });
		expect(view.record.printCount).toBe(2);
		const prints = db.select().from(receiptPrints).all();
		expect(prints.map((x) => [x.printedBy, x.format, x.reasonCode, x.reasonNote])).toEqual([
			[f.clerkId, 'a5', '', ''],
			[f.clerk2Id, 'roll', 'lost', '业主遗失']
		]);
		const audits = db.select().from(auditLog).where(eq(auditLog.action, 'receipt.reprint')).all();
		expect(
			audits.map((a) => [
				a.actorId,
				a.targetId,
				JSON.parse(a.detail).reprintNo,
				JSON.parse(a.detail).reason
			])
		).toEqual([[f.clerk2Id, p.receiptNo, 1, 'lost']]);
	});

	it('a double submit (same print key) records one print', () => {
		const p = postSamplePayment(db, f);
		const once = args(p.receiptNo);
		expect(recordReceiptPrint(db, once).ok).toBe(true);
		expect(recordReceiptPrint(db, once)).toEqual({
			ok: true,
			receiptNo: p.receiptNo,
			reprintNo: 0,
			replayed: true
		});
		expect(db.select().from(receiptPrints).all()).toHaveLength(1);
	});

	it("finds nothing (and records nothing) for unknown, forged or other communities' numbers", () => {
		const p = postSamplePayment(db, f);
		expect(recordReceiptPrint(db, args(p.receiptNo, { communityId: f.otherCommunityId }))).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(recordReceiptPrint(db, args('SF-2026-000002'))).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(recordReceiptPrint(db, args("SF-2026-000001' OR '1'='1"))).toEqual({
			ok: false,
			error: 'not_found'
		});
		expect(receiptView(db, f.otherCommunityId, p.receiptNo)).toBeNull();
		expect(db.select().from(receiptPrints).all()).toHaveLength(0);
	});
});

describe('public verify and lists', () => {
	it('gives only number, date, amount and status for a code', () => {
		const p = postSamplePayment(db, f);
		const code = paymentByReceiptNo(db, f.communityId, p.receiptNo)!.payment.verifyCode;
		expect(receiptByVerifyCode(db, code)).toEqual({
			receiptNo: p.receiptNo,
			localDate: '2026-04-15',
			totalFen: 142176,
			voided: false
		});
		expect(receiptByVerifyCode(db, 'AAAAAAAAAAAA')).toBeNull();
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '重复收款',
			managerId: f.managerId,
			now: Date.parse('2026-04-15T05:00:00Z'),
			localDate: '2026-04-15'
		});
		expect(receiptByVerifyCode(db, code)?.voided).toBe(true);
	});

	it('lists recent receipts and voids of the community only', () => {
		const a = postSamplePayment(db, f);
		const b = postSamplePayment(db, f, {}, { unitIndex: 0 });
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: a.receiptNo,
			reason: '重复收款',
			managerId: f.managerId,
			now: Date.parse('2026-04-15T05:00:00Z'),
			localDate: '2026-04-15'
		});
		expect(
			recentReceipts(db, f.communityId, TZ, { localDate: '2026-04-15' }).map((r) => [
				r.receiptNo,
				r.voided
			])
		).toEqual([
			[b.receiptNo, false],
			[a.receiptNo, true]
		]);
		expect(recentReceipts(db, f.communityId, TZ, { localDate: '2026-04-16' })).toEqual([]);
		expect(recentVoids(db, f.communityId, TZ)).toEqual([
			{
				receiptNo: a.receiptNo,
				paidAt: '2026-04-15 10:32',
				unitCode: '1-1-102',
				totalFen: 142176,
				reason: '重复收款',
				category: null,
				crossMonth: false,
				voidedAt: '2026-04-15 13:00',
				voidedBy: 'manager（MANAGER）'
			}
		]);
		expect(recentVoids(db, f.otherCommunityId, TZ)).toEqual([]);
		const s = summarise(db, paymentByReceiptNo(db, f.communityId, a.receiptNo)!, TZ);
		expect(s).toMatchObject({
			receiptNo: a.receiptNo,
			unitCode: '1-1-102',
			payerName: '李娜',
			totalFen: 142176,
			changeFen: 7824,
			cashier: 'clerk（CLERK）',
			voided: { reason: '重复收款', by: 'manager（MANAGER）' }
		});
		expect(s.lines.map((l) => [l.nameZh, l.amountFen])).toEqual([
			['物业服务费', 77040],
			['滞纳金', 12711],
			['车位物业服务费', 45000],
			['滞纳金', 7425]
		]);
		expect(s.lines.reduce((a, l) => a + l.amountFen, 0)).toBe(s.totalFen);
	});
});
