import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test, login, open } from './helpers';

/*
 * Accounting export (issue 19): the export refuses while accounts are unmapped; the admin maps them
 * (a bad code or a past date is refused, nothing written); a clerk takes a year prepaid by WeChat;
 * the day's voucher downloads as CSV and XLSX, balanced, the WeChat voucher grown by the year with
 * eleven months credited to 预收账款.
 * Uses unit 6-2-501 only (it owes the current month in the seed).
 */

const UNIT = '6-2-501';
const TODAY = '2026-11-23';

const CHART: [string, string, string][] = [
	['cash', '1001', '库存现金'],
	['wechat', '101201', '其他货币资金-微信'],
	['alipay', '101202', '其他货币资金-支付宝'],
	['bank', '1002', '银行存款'],
	['fee_income', '600101', '主营业务收入-物业服务费'],
	['late_fee_income', '605101', '其他业务收入-滞纳金'],
	['advance', '2203', '预收账款'],
	['charge_income', '605102', '其他业务收入-装修服务'],
	['renovation_deposit', '224101', '其他应付款-装修保证金'],
	['pass_deposit', '224102', '其他应付款-出入证押金'],
	['deduction_income', '605103', '其他业务收入-保证金扣款']
];

const cents = (s: string | number) => Math.round(Number(s) * 100);

interface Line {
	no: number;
	code: string;
	debit: number;
	credit: number;
}

/** Per voucher number, Σ借 = Σ贷. */
function expectBalanced(lines: Line[]) {
	const by = new Map<number, number>();
	for (const l of lines) by.set(l.no, (by.get(l.no) ?? 0) + l.debit - l.credit);
	expect(by.size).toBeGreaterThan(0);
	for (const [no, diff] of by) expect(diff, `voucher ${no}`).toBe(0);
}

function parseCsv(text: string): { body: string[]; lines: Line[] } {
	const [header, ...body] = text
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
	expect(header).toBe('凭证号,日期,摘要,科目代码,科目名称,借方,贷方');
	const lines = body.map((r) => {
		const c = r.split(',');
		expect(c[1]).toBe(TODAY);
		expect(c[5]).toMatch(/^-?\d+\.\d{2}$/);
		return { no: Number(c[0]), code: c[3], debit: cents(c[5]), credit: cents(c[6]) };
	});
	return { body, lines };
}

/** A line of the day's WeChat voucher (the one debiting 101201), by account code. */
function wechatLine(lines: Line[], code: string, side: 'debit' | 'credit'): number {
	const no = lines.find((l) => l.code === '101201' && l.debit > 0)?.no;
	return lines.find((l) => l.no === no && l.code === code)?.[side] ?? 0;
}

async function mapRow(page: Page, key: string, code: string, name: string) {
	const row = page.getByTestId(`account-${key}`);
	await row.locator('input[name="code"]').fill(code);
	await row.locator('input[name="name"]').fill(name);
	await row.getByRole('button').click();
}

test('admin maps accounts, then downloads the day’s voucher as CSV and XLSX, balanced', async ({
	page,
	browser
}) => {
	await login(page, 'admin');
	// Unmapped: the export refuses with the accounts it lacks (409, nothing half-booked).
	const refused = await page.request.get(`/reports/voucher.csv?date=${TODAY}`);
	expect(refused.status()).toBe(409);
	expect(await refused.text()).toContain('以下科目尚未设置，无法导出凭证：现金');
	await open(page, `/reports/voucher?date=${TODAY}`);
	await expect(page.getByTestId('voucher-error')).toContainText('微信（2026-11-23）');
	// A reversed period: the report's translated 400.
	const reversed = await page.request.get('/reports/voucher.xlsx?from=2026-11-23&to=2026-11-01');
	expect(reversed.status()).toBe(400);
	expect(await reversed.text()).toContain('起始日期不能晚于截止日期');

	await open(page, '/admin/accounts');
	// A code that is not a chart-of-accounts code: refused with the rule, nothing written.
	await mapRow(page, 'cash', '12AB', '库存现金');
	await expect(page.getByTestId('account-cash').locator('.error-text')).toContainText(
		'科目代码格式不正确'
	);
	await page.reload();
	await expect(page.getByTestId('account-cash').getByTestId('account-current')).toContainText(
		'未设置'
	);
	// A past effective date is refused too.
	const row = page.getByTestId('account-cash');
	await row.locator('input[name="from"]').fill('2026-11-01');
	await mapRow(page, 'cash', '1001', '库存现金');
	await expect(row.locator('.error-text')).toContainText('生效日期不能早于今天（2026-11-23）');
	await page.reload();

	for (const [key, code, name] of CHART) {
		await mapRow(page, key, code, name);
		await expect(page.getByTestId('admin-ok')).toContainText(`${code} ${name}`);
		await expect(page.getByTestId(`account-${key}`).getByTestId('account-current')).toContainText(
			code
		);
	}

	// The day's file before and after a year prepaid by WeChat at the counter.
	const before = parseCsv(
		await (await page.request.get(`/reports/voucher.csv?date=${TODAY}`)).text()
	);
	expectBalanced(before.lines);
	// A year prepaid by WeChat at the counter: 2026-11 is due, 2026-12 … 2027-10 are paid ahead.
	const clerk = await browser.newPage({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN'
	});
	await login(clerk, 'clerk');
	await open(clerk, `/fees/${UNIT}?prepay=12`);
	await clerk.getByTestId('method-wechat').check();
	await clerk.getByLabel('交易单号').fill('WX2026112300777');
	await clerk.getByTestId('fees-review').click();
	await clerk.getByTestId('fees-confirm-pay').click();
	await expect(clerk.getByTestId('fees-receipt-sentence')).toContainText('2026年11月至2027年10月');
	await clerk.close();

	// The preview, then the two files.
	await open(page, '/reports/voucher');
	await page.getByLabel('开始日期').fill(TODAY);
	await page.getByLabel('结束日期').fill(TODAY);
	await page.getByRole('button', { name: '预览' }).click();
	await expect(page.getByTestId('voucher-count')).toContainText('张凭证');

	const csvDownload = page.waitForEvent('download');
	await page.getByTestId('voucher-csv').click();
	const csvFile = await csvDownload;
	expect(csvFile.suggestedFilename()).toBe(`记账凭证-${TODAY}.csv`);
	const after = parseCsv(await readFile((await csvFile.path())!, 'utf8'));
	const csvLines = after.lines;
	expectBalanced(csvLines);
	// The WeChat voucher grew by the year: Dr 微信 = Cr 物业服务费收入 (this month) + Cr 预收账款 (eleven months) + Cr 滞纳金收入.
	const paid =
		wechatLine(after.lines, '101201', 'debit') - wechatLine(before.lines, '101201', 'debit');
	const advance =
		wechatLine(after.lines, '2203', 'credit') - wechatLine(before.lines, '2203', 'credit');
	const income =
		wechatLine(after.lines, '600101', 'credit') - wechatLine(before.lines, '600101', 'credit');
	expect(paid).toBeGreaterThan(0);
	expect(advance).toBe(11 * income);
	// 2026-11 was due on the 20th: three days of late fee came with it.
	const lateFee =
		wechatLine(after.lines, '605101', 'credit') - wechatLine(before.lines, '605101', 'credit');
	expect(lateFee).toBeGreaterThan(0);
	expect(paid).toBe(advance + income + lateFee);
	expect(after.body.find((r) => r.includes(',101201,'))).toContain('微信收款');

	const xlsxDownload = page.waitForEvent('download');
	await page.getByTestId('voucher-xlsx').click();
	const xlsxFile = await xlsxDownload;
	expect(xlsxFile.suggestedFilename()).toBe(`记账凭证-${TODAY}.xlsx`);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile((await xlsxFile.path())!);
	const ws = wb.getWorksheet('凭证')!;
	const xlsxLines: Line[] = [];
	ws.eachRow((r, n) => {
		if (n === 1) {
			expect(r.getCell(1).value).toBe('凭证号');
			return;
		}
		xlsxLines.push({
			no: Number(r.getCell(1).value),
			code: String(r.getCell(4).value),
			debit: cents(Number(r.getCell(6).value)),
			credit: cents(Number(r.getCell(7).value))
		});
	});
	expect(xlsxLines).toEqual(csvLines);
	expectBalanced(xlsxLines);
});
