import type { Page } from '@playwright/test';
import { expect, test, login, open, takeOverShift } from './helpers';

/*
 * Property fees at the counter (issue 02): find a unit by typing, pay three months with late fees
 * in cash with the change shown, the receipt summary; bad input refused with messages; a second
 * clerk on the same bills is told they are paid; prepayment; the manager's billing page.
 * Uses units of buildings 1 and 2 only. The seed (src/lib/server/fees/seed.ts) leaves floor 3
 * owing the last 3 months, floor 5 the current month, floor 7 five months, floor 10 two months.
 * Today is 2026-11-23 (the e2e clock), so Sep–Nov 2026 are overdue.
 */

/** "¥1,108.81" → 110881 (test-side reading of a displayed amount). */
function fen(text: string): number {
	const m = /([\d,]+)\.(\d{2})/.exec(text);
	if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
	return Number(m[1].replaceAll(',', '')) * 100 + Number(m[2]);
}
const yuan = (f: number) =>
	`${Math.floor(f / 100).toLocaleString('en')}.${String(f % 100).padStart(2, '0')}`;

async function review(page: Page) {
	await page.getByTestId('fees-review').click();
}

test('a clerk finds a unit by typing and takes three months with late fees in cash', async ({
	page
}) => {
	await login(page, 'clerk');
	await takeOverShift(page);
	await page.keyboard.press('Alt+2');
	await expect(page).toHaveURL(/\/fees$/);

	// Type-ahead: typing narrows the list; Enter with two matches moves into it; arrows choose; Enter opens.
	const search = page.getByTestId('fees-search');
	await search.pressSequentially('2-1-30', { delay: 30 });
	const hits = page.getByTestId('fees-hits').getByRole('option');
	await expect(hits).toHaveCount(2);
	await expect(hits.first()).toContainText('2-1-301');
	await search.press('Enter');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/fees\/2-1-301$/);

	// Oldest first, each overdue with its late fee; the standard's sentence.
	const rows = page.getByTestId('fees-bills').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toContainText('2026年09月');
	await expect(rows.nth(0)).toContainText('逾期64天');
	await expect(rows.nth(2)).toContainText('2026年11月');
	await expect(rows.nth(2)).toContainText('逾期3天');
	const total = fen(await page.getByTestId('fees-total').innerText());
	const sentence = page.getByTestId('fees-owed-sentence');
	await expect(sentence).toContainText(
		`您应缴物业服务费${yuan(total)}元，其中包括：2026年09月至11月物业服务费和滞纳金`
	);

	// Cash: the change is said out loud as the clerk types.
	const tendered = Math.ceil(total / 10000) * 10000 + 10000;
	await page.getByTestId('tendered').fill(String(tendered / 100));
	await expect(page.getByTestId('change-sentence')).toHaveText(
		`收您 ${yuan(tendered)} 元，补您 ${yuan(tendered - total)} 元，请清点。`
	);
	await page.getByTestId('tendered').press('Enter');

	// Confirmation step with the server's figures, then the receipt.
	const confirm = page.getByTestId('fees-confirm');
	await expect(confirm).toBeVisible();
	await expect(page.getByTestId('fees-confirm-total')).toContainText(`¥${yuan(total)}`);
	await expect(page.getByTestId('fees-confirm-change')).toContainText(
		`补您 ${yuan(tendered - total)} 元`
	);
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-2026-\d{6}$/);
	const receiptNo = /SF-2026-\d{6}/.exec(page.url())![0];
	await expect(page.getByTestId('fees-receipt-no')).toContainText(receiptNo);
	await expect(page.getByTestId('fees-receipt-sentence')).toHaveText(
		`这是您的缴费票据，2026年09月至11月物业服务费金额是${yuan(total)}元，请收好。`
	);
	await expect(page.getByTestId('fees-receipt-total')).toHaveText(`¥${yuan(total)}`);
	await expect(page.getByText(/逾期64天 × ¥[\d,.]+ × 3‰ = ¥[\d,.]+/)).toBeVisible();
	await expect(page.getByTestId('preview-a5')).toHaveAttribute(
		'href',
		`/receipts/${receiptNo}.pdf`
	);

	// Nothing is owed any more.
	await open(page, '/fees/2-1-301');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
});

test('bad input is refused with a clear message and nothing is written', async ({ page }) => {
	await login(page, 'clerk');
	await takeOverShift(page);
	await open(page, '/fees/2-2-301');
	const total = fen(await page.getByTestId('fees-total').innerText());
	const error = page.getByTestId('fees-error');
	const tendered = page.getByTestId('tendered');

	const cases: [string, string][] = [
		['', '请输入金额。'],
		['-5', '金额不能为负数。'],
		['0', '金额必须大于零。'],
		['abc', '请输入有效金额，例如 256.80。'],
		['12.345', '金额最多两位小数（精确到分）。'],
		['99999999999', '金额过大，请核对。'],
		['1', '实收金额少于应收金额。'],
		[String(Math.ceil(total / 100) + 6000), '找零超过 5,000 元，请核对实收金额。']
	];
	for (const [value, message] of cases) {
		await tendered.fill(value);
		await review(page);
		await expect(error, `tendered ${JSON.stringify(value)}`).toHaveText(message);
		await expect(page.getByTestId('fees-confirm')).toHaveCount(0);
		await expect(tendered).toHaveValue(value); // the form keeps what was typed
	}

	// Non-cash methods need their reference (and a transfer its bank).
	await page.getByTestId('method-wechat').check();
	await review(page);
	await expect(error).toHaveText('请填写凭证号/交易单号。');
	await page.getByTestId('method-transfer').check();
	await page.getByLabel('汇款流水号').fill('TX20261123001');
	await review(page);
	await expect(error).toHaveText('请填写汇款银行。');

	// A bill of another unit smuggled into the form: refused.
	await page.getByTestId('method-cash').check();
	await tendered.fill(String(Math.ceil(total / 100)));
	await page
		.locator('input[name="bill"]')
		.first()
		.evaluate((el) => ((el as HTMLInputElement).value = '1'));
	await review(page);
	await expect(error).toHaveText('找不到该记录，或不属于本管理处。');

	// A tampered confirmation (total changed) is refused as stale.
	await page.reload();
	await page.waitForSelector('body[data-hydrated]');
	await tendered.fill(String(Math.ceil(total / 100)));
	await review(page);
	await expect(page.getByTestId('fees-confirm')).toBeVisible();
	await page
		.locator('input[name="expectedTotal"]')
		.evaluate((el) => ((el as HTMLInputElement).value = '1'));
	await page.getByTestId('fees-confirm-pay').click();
	await expect(error).toContainText(`金额已变化（现应收 ${yuan(total)} 元）`);

	// Still owed in full: nothing was written.
	await open(page, '/fees/2-2-301');
	await expect(page.getByTestId('fees-total')).toHaveText(`¥${yuan(total)}`);
});

test('two clerks on the same bills: the second is told they are already paid', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	const other = await browser.newPage({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN'
	});
	await login(other, 'clerk2');
	for (const p of [page, other]) await open(p, '/fees/2-2-302');

	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill('WX4200009981');
	await review(page);
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-2026-\d{6}$/);

	// clerk2's screen still shows the bills; the confirmation step is refused.
	await other.getByTestId('method-alipay').check();
	await other.getByLabel('交易单号').fill('ALI2026112300017');
	await review(other);
	await expect(other.getByTestId('fees-error')).toHaveText(
		'该账单已被缴清（可能其他窗口刚刚收款），请刷新后核对。'
	);
	await other.close();
});

test('prepaying a year from the current month, as the move-in page links it', async ({ page }) => {
	await login(page, 'clerk');
	await open(page, '/fees/2-1-501?prepay=12');
	// 2026-11 is billed (and ticked as due): the prepayment itself starts at 2026-12.
	await expect(page.getByTestId('fees-prepay')).toHaveValue('11');
	await expect(page.getByTestId('fees-owed-sentence')).toContainText(
		'2026年11月至2027年10月物业服务费'
	);
	await page.getByTestId('method-alipay').check();
	await page.getByLabel('交易单号').fill('2026112322001400001');
	await review(page);
	await expect(page.getByTestId('fees-confirm')).toContainText('2027年10月');
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page.getByTestId('fees-receipt-sentence')).toContainText(
		'2026年11月至2027年10月物业服务费'
	);
	await open(page, '/fees/2-1-501');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
});

test('manager billing: confirmation, progress, idempotent; clerks are kept out', async ({
	page
}) => {
	await login(page, 'clerk');
	expect((await page.goto('/manager/billing'))?.status()).toBe(403);

	await page.context().clearCookies();
	await login(page, 'manager');
	await open(page, '/manager/billing');
	// The current month is billed already, but the demo's records assign three parking spaces after
	// that run (3-1-401, 3-1-501, 3-1-502): a first run bills their parking (or nothing, if another
	// spec ran it), and running the month again creates nothing.
	const run = async () => {
		await page.getByLabel('账单月份').fill('2026-11');
		await page.getByTestId('billing-run-button').click();
		await expect(page.getByRole('alertdialog')).toContainText('确认为 2026-11 生成全部');
		await page.getByTestId('billing-confirm').click();
		await expect(page.getByTestId('billing-done')).toContainText(/新建 \d+ 张/);
		return (await page.getByTestId('billing-done').textContent()) ?? '';
	};
	expect(await run()).toMatch(/新建 [03] 张/);
	await open(page, '/manager/billing');
	expect(await run()).toContain('新建 0 张');
	await expect(page.getByText('收费标准', { exact: true })).toBeVisible();
});
