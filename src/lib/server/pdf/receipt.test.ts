import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { getCommunity } from '../community';
import { paymentByReceiptNo, postPayment, voidPayment, type LineInput } from '../ledger';
import {
	billLines,
	insertBill,
	postSamplePayment,
	PROPERTY,
	type SampleBill
} from '../receipts/test-fixture';
import { postFeePayment } from '../fees/pay';
import { waiverEntries } from '../db/schema';
import { receiptFacts } from '../receipts';
import { lateFeeWorking } from '../../domain/late-fee';
import { pdfInfo, pdfText, pdfWords } from './pdf-text';
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
		facts: receiptFacts(db, record),
		...opts
	});
	return { pdf, text: pdfText(pdf), record };
}

/** pdftotext -layout pads columns with spaces; compare on single-spaced text. */
const squeeze = (s: string) => s.replace(/[ \t]+/g, ' ');

const fen = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100);

/**
 * "Adds up line by line", read back from the A5 PDF: the amount at the end of every table line
 * between the header and 合计 sums to 合计, and 合计 is what was paid.
 */
function expectA5AddsUp(text: string, totalFen: number) {
	const lines = squeeze(text).split('\n');
	const head = lines.findIndex((l) => l.includes('收费项目 收费期间 计费说明 金额（元）'));
	const end = lines.findIndex((l, i) => i > head && /^ ?合计 /.test(l));
	expect(head).toBeGreaterThanOrEqual(0);
	expect(end).toBeGreaterThan(head);
	const amounts = lines
		.slice(head + 1, end)
		.flatMap((l) => /(-?[\d,]+\.\d\d)\s*$/.exec(l)?.[1] ?? []);
	expect(amounts.length).toBeGreaterThan(0);
	const total = /(-?[\d,]+\.\d\d)\s*$/.exec(lines[end])![1];
	expect(amounts.reduce((a, x) => a + fen(x), 0)).toBe(fen(total));
	expect(fen(total)).toBe(totalFen);
}

/** A fee payment of `list` for unit index `unit` on 2026-04-15, by WeChat. */
function payBills(
	list: SampleBill[],
	opts: {
		unit?: number;
		payerName?: string;
		asOf?: string;
		edit?: (lines: LineInput[]) => LineInput[];
	} = {}
) {
	const unitId = f.unitIds[opts.unit ?? 1];
	const now = Date.parse('2026-04-15T02:32:00Z');
	let lines = billLines(db, f.communityId, unitId, list, opts.asOf ?? '2026-04-15', now);
	if (opts.edit) lines = opts.edit(lines);
	return postPayment(db, {
		communityId: f.communityId,
		unitId,
		purpose: 'fees',
		payerName: opts.payerName ?? '李娜',
		method: 'wechat',
		methodRef: 'WX0415',
		cashierId: f.clerkId,
		idempotencyKey: crypto.randomUUID(),
		lines,
		now,
		localDate: '2026-04-15'
	});
}

/** Where the 补打 stamp is (its invisible text, blown up to the tilted box drawStamp draws). */
function stampBox(words: ReturnType<typeof pdfWords>) {
	const w = words.find((x) => x.text === '补打' && x.y1 - x.y0 > 15);
	if (!w) return null;
	const size = (w.x1 - w.x0) / 2; // two full-width characters
	const boxW = w.x1 - w.x0 + size * 0.8;
	const boxH = size * 1.5;
	const t = (18 * Math.PI) / 180;
	const hw = (boxW * Math.cos(t) + boxH * Math.sin(t)) / 2;
	const hh = (boxW * Math.sin(t) + boxH * Math.cos(t)) / 2;
	const cx = (w.x0 + w.x1) / 2;
	const cy = w.y0 + size * 0.78; // drawStamp sets the text 0.78 × size above the stamp's centre
	return { x0: cx - hw, x1: cx + hw, y0: cy - hh, y1: cy + hh };
}

/** Words under the stamp that hold a figure or the amount in capitals. */
function coveredFigures(pdf: Buffer, page = 1): string[] {
	const words = pdfWords(pdf, page);
	const box = stampBox(words);
	expect(box, 'a 补打 stamp').not.toBeNull();
	return words
		.filter((w) => w.text !== '补打' && /[\d¥]|人民币|[壹贰叁肆伍陆柒捌玖拾佰仟]/.test(w.text))
		.filter((w) => w.x0 < box!.x1 && w.x1 > box!.x0 && w.y0 < box!.y1 && w.y1 > box!.y0)
		.map((w) => w.text);
}

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
		// one line per item over the whole period, its late fee on a line of its own; one amount column
		expect(t).toContain('收费项目 收费期间 计费说明 金额（元）');
		expect(t).toMatch(/物业服务费 2026年01月至2026年03月 256\.80元\/月×3个月 770\.40/);
		expect(t).toMatch(/滞纳金 2026年01月至03月 见滞纳金计算 127\.11/);
		expect(t).toMatch(/车位物业服务费 2026年01月至2026年03月 150\.00元\/月×3个月 450\.00/);
		expect(t).toMatch(/滞纳金 2026年01月至03月 见滞纳金计算 74\.25/);
		expect(t).toMatch(/合计 1,421\.76/);
		expectA5AddsUp(text, 142176);
		// the owner paid: named as owner and payer, no 代缴
		expect(t).toContain('业主：李娜');
		expect(t).not.toContain('代缴');
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
		const { text } = await render(p.receiptNo, {
			reprintNo: 2,
			printedAt: Date.parse('2026-04-16T01:00:00Z')
		});
		expect(text).toContain('补打（第2次）');
		expect(text).toContain('补打时间 2026-04-16 09:00');
		expect(text).not.toContain('作废');
	});

	it('marks a voided receipt with 作废 and the reason', async () => {
		const p = postSamplePayment(db, f);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: p.receiptNo,
			reason: '房号录入错误',
			managerId: f.managerId,
			now: Date.parse('2026-04-15T03:00:00Z'),
			localDate: '2026-04-15'
		});
		const { text } = await render(p.receiptNo, { reprintNo: 1 });
		expect(text).toContain('作废');
		expect(text).toContain('本票据已作废');
		expect(text).toContain('原因：房号录入错误');
		expect(text).toContain('补打（第1次）');
	});

	it('a late fee waived in full: the late fee and its waiver as lines that cancel out', async () => {
		const p = postSamplePayment(
			db,
			f,
			{ method: 'transfer', bank: '中国工商银行', methodRef: 'ICBC0415001', tenderedFen: null },
			{ waiveLateFee: true }
		);
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		expect(t).toMatch(/物业服务费 2026年01月至2026年03月 256\.80元\/月×3个月 770\.40/);
		expect(t).toMatch(/滞纳金 2026年01月至03月 见滞纳金计算 127\.11/);
		expect(t).toMatch(/滞纳金减免 2026年01月至03月 经批准减免 -127\.11/);
		expectA5AddsUp(text, 122040);
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
				{
					kind: 'deposit',
					itemCode: 'renovation_deposit',
					amountFen: 200000,
					description: '装修保证金',
					detail: { itemNameZh: '装修保证金' }
				},
				{
					kind: 'charge',
					itemCode: 'debris_fee',
					amountFen: 27000,
					description: '90.00㎡ × ¥3.00/㎡',
					detail: { itemNameZh: '装修垃圾清运费' }
				},
				{
					kind: 'deposit',
					itemCode: 'pass_deposit',
					amountFen: 10000,
					description: '施工人员出入证押金'
				}
			]
		});
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		// deposits are their own kind: no 本金 / 滞纳金 columns for money held
		expect(t).toMatch(/装修保证金 — 押金，可退 2,000\.00/);
		expect(t).toMatch(/装修垃圾清运费 — 90\.00㎡ × ¥3\.00\/㎡ 270\.00/);
		expect(t).toMatch(/施工人员出入证押金 — 押金，可退 100\.00/);
		expect(t).toMatch(/合计 其中押金（可退）2,100\.00元 2,370\.00/);
		expect(t).not.toContain('本金');
		expect(t).not.toContain('滞纳金');
		expectA5AddsUp(text, 237000);
		expect(t).toContain('人民币贰仟叁佰柒拾元整');
		expect(t).toContain('缴费方式：微信支付');
		expect(t).toContain('交易单号 4200001234202604151234567890');
		expect(t).not.toContain('滞纳金计算');
	});
});

describe('renderReceipt: adds up, names the owner, says how each month was billed (issue 11)', () => {
	it('a waived late fee adds up: 滞纳金 at its worked figure, the waiver as a negative line', async () => {
		// The receipt: late fee worked out at ¥125.11, ¥27.57 waived, ¥97.54 paid.
		const working = lateFeeWorking({
			principalFen: 41704,
			dueDate: '2026-01-20',
			asOf: '2026-04-30'
		});
		expect(working.fen).toBe(12511);
		const p = payBills([{ ...PROPERTY, month: '2026-01', principalFen: 41704 }], {
			asOf: '2026-04-30',
			edit: (lines) =>
				lines.map((l) =>
					l.kind === 'late_fee'
						? {
								...l,
								amountFen: 9754,
								detail: { ...l.detail, lateFeeFen: 12511, waivedFen: 2757, paidBeforeFen: 0 }
							}
						: l
				)
		});
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		expect(t).toMatch(/滞纳金 2026年01月 见滞纳金计算 125\.11/);
		expect(t).toMatch(/滞纳金减免 2026年01月 经批准减免 -27\.57/);
		expect(t).toContain('逾期100天 × ¥417.04 × 3‰ = ¥125.11');
		expect(t).toMatch(/合计 514\.58/);
		expectA5AddsUp(text, 41704 + 9754);
	});

	it('the same through the counter: principal paid late, part of the late fee waived, the rest paid later', async () => {
		const unitId = f.unitIds[0];
		const billId = insertBill(
			db,
			f.communityId,
			unitId,
			{ ...PROPERTY, month: '2026-01', principalFen: 41704 },
			0
		);
		const pay = (date: string, includeLateFees: boolean) =>
			postFeePayment(db, {
				communityId: f.communityId,
				unitId,
				billIds: [billId],
				includeLateFees,
				method: 'wechat',
				methodRef: 'WX1',
				payerName: '张伟',
				cashierId: f.clerkId,
				idempotencyKey: crypto.randomUUID(),
				now: Date.parse(`${date}T02:00:00Z`)
			});
		pay('2026-04-30', false); // 100 days late: the late fee is fixed at ¥125.11
		db.insert(waiverEntries)
			.values({
				billId,
				amountFen: 2757,
				requestId: null,
				approvedBy: f.managerId,
				localDate: '2026-05-05',
				createdAt: 0
			})
			.run();
		const p = pay('2026-05-06', true);
		expect(p.totalFen).toBe(9754);
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		expect(t).toMatch(/滞纳金 2026年01月 见滞纳金计算 125\.11/);
		expect(t).toMatch(/滞纳金减免 2026年01月 经批准减免 -27\.57/);
		expect(t).toMatch(/合计 97\.54/);
		expect(t).toContain('= ¥125.11');
		expectA5AddsUp(text, 9754);
	});

	it('names the owner when someone else pays, and marks the payer 代缴', async () => {
		const p = postSamplePayment(db, f, { payerName: '陈刚' });
		const t = squeeze((await render(p.receiptNo)).text);
		expect(t).toContain('业主：李娜');
		expect(t).toContain('缴款人：陈刚（代缴）');
		const roll = squeeze((await render(p.receiptNo, { format: 'roll' })).text);
		expect(roll).toContain('业主：李娜');
		expect(roll).toContain('缴款人：陈刚（代缴）');
	});

	it('shows the unit price × area, months billed at the vacancy rate (空置90%) and prepaid months (预缴)', async () => {
		// 1-1-102: 120.50 m² at ¥2.50/m² = ¥301.25 a month; 90 % = ¥271.13 (half up).
		const perArea = { ...PROPERTY, basis: 'per_area' as const, rateFen: 250, fullFen: 30125 };
		const p = payBills([
			...['2025-11', '2025-12'].map((month) => ({
				...perArea,
				month,
				principalFen: 27113,
				vacancyPercent: 90
			})),
			{ ...perArea, month: '2026-04', principalFen: 30125 },
			...['2026-05', '2026-06'].map((month) => ({
				...perArea,
				month,
				principalFen: 30125,
				source: 'prepay' as const
			}))
		]);
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		const flat = text.replace(/\s+/g, '');
		expect(t).toMatch(
			/物业服务费 2025年11月至2025年12月 2\.50元\/m²×120\.50m²×空置90%=271\.13元\/月×2个月 542\.26/
		);
		expect(t).toMatch(
			/物业服务费 2026年04月至2026年04月 2\.50元\/m²×120\.50m²=301\.25元\/月 301\.25/
		);
		expect(t).toMatch(
			/物业服务费 2026年05月至2026年06月 2\.50元\/m²×120\.50m²=301\.25元\/月×2个月；预缴 602\.50/
		);
		expect(flat).not.toContain('NaN');
		expectA5AddsUp(text, 2 * 27113 + 3 * 30125 + (p.totalFen - 2 * 27113 - 3 * 30125));
	});
});

describe('renderReceipt: an imported opening balance (期初欠费, issue 18)', () => {
	it('says 期初欠费 on the A5 and the roll instead of a unit price it never had', async () => {
		// As the import writes it: rate 0, the amount owed as the bill, months apart from the monthly ones.
		const opening = {
			...PROPERTY,
			basis: 'per_area' as const,
			rateFen: 0,
			source: 'opening' as const
		};
		const p = payBills([
			{ ...opening, month: '2025-10', principalFen: 45678, fullFen: 45678 },
			{ ...PROPERTY, month: '2026-04', principalFen: 30000 }
		]);
		const { text } = await render(p.receiptNo);
		const t = squeeze(text);
		expect(t).toMatch(/物业服务费 2025年10月至2025年10月 期初欠费 456\.78/);
		expect(t).toMatch(/物业服务费 2026年04月至2026年04月 300\.00元\/月 300\.00/);
		expect(t).not.toContain('0.00元/m²');
		expectA5AddsUp(text, p.totalFen);
		const roll = squeeze((await render(p.receiptNo, { format: 'roll' })).text);
		expect(roll).toContain('期初欠费');
	});
});

describe('renderReceipt: the 补打 stamp covers no figures (issue 11)', () => {
	it('A5: beside the title, clear of the amounts and the 大写', async () => {
		const p = postSamplePayment(db, f);
		const { pdf, text } = await render(p.receiptNo, {
			reprintNo: 1,
			printedAt: Date.parse('2026-04-16T01:00:00Z'),
			reprintReason: '原件遗失'
		});
		expect(text).toContain('补打（第1次）');
		expect(squeeze(text)).toContain('补打原因 原件遗失');
		expect(coveredFigures(pdf)).toEqual([]);
	});

	it('80 mm roll: in a band of its own, clear of the late-fee working and the amounts', async () => {
		const p = postSamplePayment(db, f);
		const { pdf } = await render(p.receiptNo, { format: 'roll', reprintNo: 2 });
		expect(coveredFigures(pdf)).toEqual([]);
	});

	it('a receipt running onto a second page: the stamp on each page, clear of the working', async () => {
		const months = Array.from(
			{ length: 14 },
			(_, i) => `${i < 12 ? 2025 : 2026}-${String((i % 12) + 1).padStart(2, '0')}`
		);
		const p = payBills(months.map((month) => ({ ...PROPERTY, month, principalFen: 25680 })));
		const { pdf } = await render(p.receiptNo, { reprintNo: 1 });
		const pages = pdfInfo(pdf).pages;
		expect(pages).toBeGreaterThan(1);
		for (let page = 1; page <= pages; page++)
			expect(coveredFigures(pdf, page), `page ${page}`).toEqual([]);
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
		// each line: name and amount, then its period and note
		expect(t).toMatch(/物业服务费 770\.40\n 2026年01月至2026年03月\n 256\.80元\/月×3个月/);
		expect(t).toMatch(/滞纳金 127\.11\n 2026年01月至03月\n 见滞纳金计算/);
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
