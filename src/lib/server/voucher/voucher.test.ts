import { beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import { firstUseSettlement } from '../renovation/test-fixture';
import type { Db } from '../db';
import { accountMapChanges, PAYMENT_METHODS, type PaymentMethod } from '../db/schema';
import { forgetCommunity } from '../community';
import { voidPayment, type LineInput } from '../ledger';
import { at, insertTestBill, postTestPayment } from '../ledger/test-fixture';
import { ensureFeeItems } from '../fees';
import { addMonths } from '../../dates';
import { dailyReport } from '../reports/daily';
import { collectedBy, FIXED_ACCOUNT_KEYS, voucherTotals } from '../../domain/voucher';
import { accountMap, setAccount } from './accounts';
import { voucherCsv, voucherFile, voucherXlsx } from './export';
import { VoucherError } from './errors';

const D1 = '2026-11-20';
const D2 = '2026-11-23';
const EARLY = at('2026-01-02', '09:00');

let db: Db;
let f: Fixture;

const CHART: Record<string, [string, string]> = {
	cash: ['1001', '库存现金'],
	wechat: ['101201', '其他货币资金-微信'],
	alipay: ['101202', '其他货币资金-支付宝'],
	bank: ['1002', '银行存款'],
	fee_income: ['600101', '主营业务收入-物业服务费'],
	late_fee_income: ['605101', '其他业务收入-滞纳金'],
	advance: ['2203', '预收账款'],
	charge_income: ['605102', '其他业务收入-装修服务'],
	renovation_deposit: ['224101', '其他应付款-装修保证金'],
	pass_deposit: ['224102', '其他应付款-出入证押金'],
	deduction_income: ['605103', '其他业务收入-保证金扣款']
};

const admin = () => ({ id: f.adminId, communityId: f.communityId, role: 'admin' as const });

function mapAll(now = EARLY) {
	for (const [key, [code, name]] of Object.entries(CHART))
		setAccount(db, admin(), { key, code, name, from: '2026-01-02' }, now);
}

function pay(date: string, time: string, method: PaymentMethod, lines: LineInput[]) {
	return postTestPayment(db, f, { date, time, method, cashierId: f.clerkId, lines });
}

/*
 * D1 11-20: P1 cash 10 000 (bill 2026-11); P2 WeChat, twelve months 2026-11 … 2027-10 at 25 680
 *   prepaid (one current, eleven 预收); renovation fees by WeChat (deposit + debris fee).
 * D2 11-23: P3 cash 25 680 + late fee 2 003 (bill 2026-10); parking 15 000 by Alipay; P1 voided;
 *   the renovation deposit settled: 35 000 kept, the rest refunded by transfer.
 */
function seed() {
	const [property, parking] = ensureFeeItems(db, f.communityId);
	const bill = (unitId: number, month: string, principalFen: number) =>
		insertTestBill(db, f, {
			unitId,
			feeItemId: property.id,
			month,
			principalFen,
			createdAt: EARLY
		});
	const p1 = pay(D1, '10:00', 'cash', [
		{
			kind: 'principal',
			itemCode: property.code,
			billId: bill(f.unitIds[1], '2026-11', 10_000),
			amountFen: 10_000
		}
	]);
	const year = Array.from({ length: 12 }, (_, i) => addMonths('2026-11', i));
	pay(
		D1,
		'10:30',
		'wechat',
		year.map((m) => ({
			kind: 'principal',
			itemCode: property.code,
			billId: bill(f.unitIds[0], m, 25_680),
			amountFen: 25_680
		}))
	);
	const b1 = bill(f.unitIds[0], '2026-10', 25_680);
	pay(D2, '08:10', 'cash', [
		{ kind: 'principal', itemCode: property.code, billId: b1, amountFen: 25_680 },
		{ kind: 'late_fee', itemCode: property.code, billId: b1, amountFen: 2_003 }
	]);
	pay(D2, '08:20', 'alipay', [{ kind: 'principal', itemCode: parking.code, amountFen: 15_000 }]);
	voidPayment(db, {
		communityId: f.communityId,
		receiptNo: p1.receiptNo,
		reason: '房号录错',
		managerId: f.managerId,
		now: at(D2, '08:40'),
		localDate: D2
	});
	return firstUseSettlement(db, f, D1, D2, 'voucher');
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

describe('voucher of a seeded ledger', () => {
	it('takes by method exactly the daily report’s net collections, day by day, balanced', () => {
		mapAll();
		seed();
		for (const day of [D1, D2]) {
			const file = voucherFile(db, f.communityId, day, day);
			const report = dailyReport(db, f.communityId, day, day, { now: at('2026-11-30', '12:00') });
			for (const method of PAYMENT_METHODS) {
				const net = report.collections.byMethod.find((l) => l.key === method)?.netFen ?? 0;
				expect(collectedBy(file.vouchers, day, method), `${day} ${method}`).toBe(net);
			}
			for (const v of file.vouchers) expect(voucherTotals(v).balanced).toBe(true);
			expect(file.debitFen).toBe(file.creditFen);
		}
		// A month file holds the same vouchers as its days.
		const month = voucherFile(db, f.communityId, '2026-11-01', '2026-11-30');
		expect(month.vouchers.map((v) => [v.date, v.kind, v.method])).toEqual([
			[D1, 'collection', 'cash'],
			[D1, 'collection', 'wechat'],
			[D2, 'collection', 'cash'],
			[D2, 'collection', 'alipay'],
			[D2, 'settlement', null]
		]);
	});

	it('credits eleven prepaid months to 预收 and releases one on the 1st of the next month', () => {
		mapAll();
		seed();
		const wechat = voucherFile(db, f.communityId, D1, D1).vouchers.find(
			(v) => v.method === 'wechat'
		)!;
		const line = (code: string) => wechat.lines.find((l) => l.account.code === code);
		expect(line('2203')?.creditFen).toBe(11 * 25_680);
		expect(line('600101')?.creditFen).toBe(25_680);
		expect(line('224101')?.creditFen).toBeGreaterThan(0); // the renovation deposit
		const dec = voucherFile(db, f.communityId, '2026-12-01', '2026-12-01').vouchers;
		expect(dec).toHaveLength(1);
		expect(dec[0].kind).toBe('release');
		expect(dec[0].lines.map((l) => [l.account.code, l.debitFen, l.creditFen])).toEqual([
			['2203', 25_680, 0],
			['600101', 0, 25_680]
		]);
	});

	it('books the deposit settlement: Dr 装修保证金 / Cr 保证金扣款收入 (kept), 银行 (refund)', () => {
		mapAll();
		const r = seed();
		const s = voucherFile(db, f.communityId, D2, D2).vouchers.find((v) => v.kind === 'settlement')!;
		expect(s.lines.map((l) => [l.account.code, l.debitFen, l.creditFen])).toEqual([
			['224101', r.refundFen + 35_000, 0],
			['605103', 0, 35_000],
			['1002', 0, r.refundFen]
		]);
	});

	it('writes CSV and XLSX with the voucher columns, amounts in yuan', async () => {
		mapAll();
		seed();
		const file = voucherFile(db, f.communityId, D2, D2);
		const csv = voucherCsv(file);
		const rows = csv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows[0]).toBe('凭证号,日期,摘要,科目代码,科目名称,借方,贷方');
		expect(rows[1]).toBe('1,2026-11-23,2026-11-23 现金收款,1001,库存现金,176.83,0.00');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await voucherXlsx(file)) as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('凭证')!;
		expect(ws.rowCount).toBe(rows.length);
		let debit = 0;
		let credit = 0;
		ws.eachRow((row, n) => {
			if (n === 1) return;
			debit += Math.round(Number(row.getCell(6).value) * 100);
			credit += Math.round(Number(row.getCell(7).value) * 100);
		});
		expect(debit).toBe(file.debitFen);
		expect(credit).toBe(debit);
	});

	it('refuses to export while an account the period needs is unmapped', () => {
		seed();
		for (const [key, [code, name]] of Object.entries(CHART))
			if (key !== 'late_fee_income')
				setAccount(db, admin(), { key, code, name, from: '2026-01-02' }, EARLY);
		expect(() => voucherFile(db, f.communityId, D1, D1)).not.toThrow(); // D1 has no late fee
		try {
			voucherFile(db, f.communityId, D2, D2);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(VoucherError);
			expect((e as VoucherError).code).toBe('unmapped');
			expect((e as VoucherError).detail.missing).toEqual([{ key: 'late_fee_income', date: D2 }]);
		}
	});
});

describe('account map', () => {
	it('keeps a past day’s account when the map changes later', () => {
		mapAll();
		seed();
		// From 2026-11-23 cash goes to a sub-account; D1 keeps 1001.
		setAccount(
			db,
			admin(),
			{ key: 'cash', code: '1001.01', name: '库存现金-前台', from: D2 },
			at('2026-11-21', '09:00')
		);
		const cashOf = (day: string) =>
			voucherFile(db, f.communityId, day, day).vouchers.find((v) => v.method === 'cash')!.lines[0]
				.account.code;
		expect(cashOf(D1)).toBe('1001');
		expect(cashOf(D2)).toBe('1001.01');
	});

	it('refuses a backdated change or an unknown role, writing nothing', () => {
		const count = () => db.select().from(accountMapChanges).all().length;
		const now = at('2026-11-23', '09:00');
		expect(() =>
			setAccount(db, admin(), { key: 'cash', code: '1001', name: '现金', from: '2026-11-22' }, now)
		).toThrow(expect.objectContaining({ code: 'backdated', status: 400 }));
		expect(() =>
			setAccount(db, admin(), { key: 'income:nope', code: '1001', name: 'x', from: D2 }, now)
		).toThrow(expect.objectContaining({ code: 'unknown_key', status: 400 }));
		expect(count()).toBe(0);
	});

	it('lists every role with today’s account and the next change', () => {
		ensureFeeItems(db, f.communityId);
		setAccount(db, admin(), { key: 'cash', code: '1001', name: '现金', from: '2026-01-02' }, EARLY);
		setAccount(db, admin(), { key: 'cash', code: '1002', name: '新', from: '2027-01-01' }, EARLY);
		const rows = accountMap(db, f.communityId, D2);
		expect(rows.slice(0, FIXED_ACCOUNT_KEYS.length).map((r) => r.key)).toEqual([
			...FIXED_ACCOUNT_KEYS
		]);
		expect(rows.some((r) => r.key === 'income:parking' || r.key.startsWith('income:'))).toBe(true);
		const cash = rows.find((r) => r.key === 'cash')!;
		expect(cash.current).toEqual({ code: '1001', name: '现金' });
		expect(cash.next).toEqual({ account: { code: '1002', name: '新' }, from: '2027-01-01' });
		expect(cash.history).toHaveLength(2);
	});
});
