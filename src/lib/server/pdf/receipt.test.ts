import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { getCommunity } from '../community';
import { paymentByReceiptNo, postPayment, voidPayment } from '../ledger';
import { postSamplePayment } from '../receipts/test-fixture';
import { pdfInfo, pdfText } from './pdf-text';
import { renderReceipt, formatVerifyCode, type ReceiptOptions } from './receipt';

let db: Db;
let f: Fixture;

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
});

async function render(receiptNo: string, opts: Partial<ReceiptOptions> = {}) {
	const record = paymentByReceiptNo(db, f.communityId, receiptNo)!;
	const pdf = await renderReceipt(record, getCommunity(db, f.communityId), {
		format: 'a5',
		reprintNo: 0,
		verifyUrl: `https://fd.example.cn/verify/${record.payment.verifyCode}`,
		...opts
	});
	return { pdf, text: pdfText(pdf), record };
}

/** pdftotext -layout pads columns with spaces; compare on single-spaced text. */
const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');

describe('renderReceipt (A5)', () => {
	it('prints everything DOMAIN.md lists for a fee receipt', async () => {
		const p = postSamplePayment(db, f);
		const { pdf, text, record } = await render(p.receiptNo);
		const t = squeeze(text);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		// community, centre, title, number, date and time in Asia/Shanghai (02:32Z → 10:32)
		expect(t).toContain('测试小区');
		expect(t).toContain('测试小区管理处');
		expect(t).toContain('缴费票据（收据）');
		expect(t).toContain('SF-2026-000001');
		expect(t).toContain('2026年04月15日 10:32');
		expect(t).toContain('房号：1-1-102');
		expect(t).toContain('缴款人：李娜');
		// one row per item over the whole period, with principal, late fee and subtotal
		expect(t).toMatch(/物业服务费 2026年01月至2026年03月 770\.40 127\.11 897\.51/);
		expect(t).toMatch(/车位物业服务费 2026年01月至2026年03月 450\.00 74\.25 524\.25/);
		expect(t).toMatch(/合计 1,220\.40 201\.36 1,421\.76/);
		// total in figures and in capitals
		expect(t).toContain('人民币壹仟肆佰贰拾壹元柒角陆分');
		expect(t).toContain('¥1,421.76');
		// the late-fee working of each bill (the DOMAIN.md worked example is the March bill)
		expect(t).toContain('2026年03月物业服务费：逾期26天 × ¥256.80 × 3‰ = ¥20.03');
		expect(t).toContain('2026年01月车位物业服务费：逾期85天 × ¥150.00 × 3‰ = ¥38.25');
		// method with tendered and change; cashier with work number; verify code
		expect(t).toContain('缴费方式：现金');
		expect(t).toContain('实收 ¥1,500.00');
		expect(t).toContain('找零 ¥78.24');
		expect(t).toContain('收款员：clerk（工号 CLERK）');
		expect(t).toContain(formatVerifyCode(record.payment.verifyCode));
		// an original: no reprint or void marks, no waiver column
		expect(t).not.toContain('补打');
		expect(t).not.toContain('作废');
		expect(t).not.toContain('减免');
		// one A5 landscape page, within the size budget
		expect(pdfInfo(pdf)).toMatchObject({ pages: 1, width: 595.28, height: 419.53 });
		expect(pdf.length).toBeLessThanOrEqual(40 * 1024);
	});

	it('marks a reprint with 补打 and its number', async () => {
		const p = postSamplePayment(db, f);
		const { text } = await render(p.receiptNo, { reprintNo: 2, printedAt: Date.parse('2026-04-16T01:00:00Z') });
		expect(text).toContain('补打（第2次）');
		expect(text).toContain('补打时间 2026-04-16 09:00');
		expect(text).not.toContain('作废');
	});

	it('marks a voided receipt with 作废 and the reason', async () => {
		const p = postSamplePayment(db, f);
		voidPayment(db, { communityId: f.communityId, receiptNo: p.receiptNo, reason: '房号录入错误', managerId: f.managerId, now: Date.parse('2026-04-15T03:00:00Z'), localDate: '2026-04-15' });
		const { text } = await render(p.receiptNo, { reprintNo: 1 });
		expect(text).toContain('作废');
		expect(text).toContain('本票据已作废');
		expect(text).toContain('原因：房号录入错误');
		expect(text).toContain('补打（第1次）');
	});

	it('shows a waiver column only when something was waived', async () => {
		const p = postSamplePayment(db, f, { method: 'transfer', bank: '中国工商银行', methodRef: 'ICBC0415001', tenderedFen: null }, { waiveLateFee: true });
		const t = squeeze((await render(p.receiptNo)).text);
		expect(t).toContain('减免（元）');
		// the late fee was waived, not paid: principal only, the waiver shown beside it
		expect(t).toMatch(/物业服务费 2026年01月至2026年03月 770\.40 0\.00 127\.11 770\.40/);
		expect(t).toContain('人民币壹仟贰佰贰拾元零肆角');
		expect(t).toContain('缴费方式：银行汇款');
		expect(t).toContain('银行 中国工商银行');
		expect(t).toContain('汇款流水号 ICBC0415001');
		expect(t).not.toContain('找零');
	});

	it('prints deposit and charge lines of other areas generically', async () => {
		const p = postPayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[0],
			purpose: 'renovation',
			payerName: '张伟',
			method: 'wechat',
			methodRef: '4200001234202604151234567890',
			cashierId: f.clerkId,
			idempotencyKey: 'reno-1',
			now: Date.parse('2026-04-15T02:00:00Z'),
			localDate: '2026-04-15',
			lines: [
				{ kind: 'deposit', itemCode: 'renovation_deposit', amountFen: 200000, description: '装修保证金', detail: { itemNameZh: '装修保证金' } },
				{ kind: 'charge', itemCode: 'debris_fee', amountFen: 27000, description: '90.00㎡ × ¥3.00/㎡', detail: { itemNameZh: '装修垃圾清运费' } },
				{ kind: 'deposit', itemCode: 'pass_deposit', amountFen: 10000, description: '施工人员出入证押金' }
			]
		});
		const t = squeeze((await render(p.receiptNo)).text);
		expect(t).toMatch(/装修保证金 押金（可退） 2,000\.00 — 2,000\.00/);
		expect(t).toMatch(/装修垃圾清运费 90\.00㎡ × ¥3\.00\/㎡ 270\.00 — 270\.00/);
		expect(t).toMatch(/施工人员出入证押金 押金（可退） 100\.00 — 100\.00/);
		expect(t).toContain('人民币贰仟叁佰柒拾元整');
		expect(t).toContain('缴费方式：微信支付');
		expect(t).toContain('交易单号 4200001234202604151234567890');
		expect(t).not.toContain('滞纳金计算');
	});
});

describe('renderReceipt (80 mm roll)', () => {
	it('prints the same content on a roll trimmed to its length', async () => {
		const p = postSamplePayment(db, f);
		const { pdf, text, record } = await render(p.receiptNo, { format: 'roll', reprintNo: 1 });
		const t = squeeze(text);
		expect(t).toContain('缴费票据（收据）');
		expect(t).toContain('票据号：SF-2026-000001');
		expect(t).toContain('补打（第1次）');
		expect(t).toContain('物业服务费 2026年01月至2026年03月');
		expect(t).toMatch(/770\.40 127\.11 897\.51/);
		expect(t).toContain('合计：¥1,421.76');
		expect(t).toContain('大写：人民币壹仟肆佰贰拾壹元柒角陆分');
		expect(t).toContain('逾期26天 × ¥256.80 × 3‰ = ¥20.03');
		expect(t).toContain('收款员：clerk（工号 CLERK）');
		expect(t).toContain(formatVerifyCode(record.payment.verifyCode));
		const info = pdfInfo(pdf);
		expect(info.pages).toBe(1);
		expect(info.width).toBeCloseTo(226.77, 1); // 80 mm
		expect(info.height).toBeLessThan(1000); // trimmed, not the 1 m scratch page
		expect(pdf.length).toBeLessThanOrEqual(40 * 1024);
	});
});

describe('formatVerifyCode', () => {
	it('groups the code by four', () => {
		expect(formatVerifyCode('ABCDEFGH2345')).toBe('ABCD-EFGH-2345');
	});
});
