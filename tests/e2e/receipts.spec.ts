import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, open, takeOverShift } from './helpers';

/*
 * Receipts (issues 02 and 11): a clerk takes a payment for a unit of building 3 at /fees, paid by
 * someone other than the owner → the receipt names the owner and adds up → opening the PDF records
 * nothing → 打印 (a POST) → 补打 needs a reason and shows 补打 → a manager voids it with a reason →
 * the PDF shows 作废 → the public /verify page shows 作废. Plus the refusals: forged numbers, bad
 * verify codes, clerks on the manager's void page. Uses units of building 3 only (3-x-xxx).
 */

// Owes the last three months (fees seed: floor 3 of every building), so the late fee applies.
const UNIT = '3-2-301';

/** The text of a PDF with pdftotext's column padding squeezed to single spaces. */
async function pdf(page: Page, url: string): Promise<string> {
	return (await fetchPdfText(page, url)).replace(/[ \t]+/g, ' ');
}

test('forged or unknown receipt numbers are 404; signed-out users go to the login', async ({
	page
}) => {
	const anon = await page.request.get('/receipts/SF-2026-000001.pdf', { maxRedirects: 0 });
	expect(anon.status()).toBe(303);
	expect(anon.headers()['location']).toContain('/login');

	await login(page, 'clerk');
	for (const no of [
		'SF-2026-999999',
		'SF-2026-1',
		'XX-2026-000001x',
		'..%2F..%2Fetc%2Fpasswd',
		"SF-2026-000001'--"
	]) {
		const res = await page.request.get(`/receipts/${no}.pdf`);
		expect(res.status(), no).toBe(404);
	}
	expect((await page.request.get('/receipts/SF-2026-000001.pdf?format=a4')).status()).toBe(400);

	// The lookup page says what is wrong instead of showing nothing.
	await open(page, '/receipts');
	await page.getByTestId('receipt-search').fill('abc');
	await page.getByTestId('receipt-search').press('Enter');
	await expect(page.getByTestId('receipt-message')).toHaveText(
		'票据号格式不正确，例如 SF-2026-000123。'
	);
	await page.getByTestId('receipt-search').fill('SF-2026-999999');
	await page.getByTestId('receipt-search').press('Enter');
	await expect(page.getByTestId('receipt-message')).toContainText('未找到票据 SF-2026-999999');
});

test('the void page is for managers only', async ({ page }) => {
	await login(page, 'clerk');
	const res = await page.goto('/manager/voids');
	expect(res?.status()).toBe(403);
	const post = await page.request.post('/manager/voids?/void', {
		form: { receiptNo: 'SF-2026-000001', reason: 'x' }
	});
	expect(post.status()).toBe(403);
});

test('the public check refuses malformed and unknown codes', async ({ page }) => {
	await page.goto('/verify');
	await page.getByLabel('验证码').fill('not-a-code');
	await page.getByRole('button', { name: '查验' }).click();
	await expect(page.getByRole('alert')).toContainText('验证码格式不正确');
	await page.goto('/verify/AAAA-AAAA-AAAA');
	await expect(page.getByTestId('verify-not-found')).toContainText('未找到与该验证码对应的票据');
	expect((await page.request.get('/verify/AAAAAAAAAAAA')).status()).toBe(404);
});

const PROXY_PAYMENT =
	'payment by a proxy → the receipt names the owner and adds up → ' +
	'opening the PDF records nothing → 打印 → 补打 with a reason → void → 作废';
test(PROXY_PAYMENT, async ({ page, browser }) => {
	// The counter payment goes through the fees page, as a clerk takes it; the owner's son pays.
	await login(page, 'clerk');
	await takeOverShift(page);
	const receiptNo = await payAtCounter(page, UNIT, '陈刚');

	// The counter's summary: the owner is named, the payer marked 代缴, and the lines add up.
	const owner = (await page.getByTestId('fees-receipt-owner').innerText()).trim();
	expect(owner).not.toBe('');
	await expect(page.locator('.facts')).toContainText('陈刚（代缴）');
	const amounts = await page.getByTestId('receipt-lines').locator('tbody td.num').allInnerTexts();
	const total = fen(await page.getByTestId('fees-receipt-total').innerText());
	expect(amounts.reduce((a, x) => a + fen(x), 0)).toBe(total);
	await expect(page.getByTestId('print-a5')).toHaveText('打印票据（A5）');

	// Opening the document (link previews, a second look) is not a print: it shows the original and records nothing.
	for (let i = 0; i < 3; i++) {
		const preview = await pdf(page, `/receipts/${receiptNo}.pdf`);
		expect(preview).not.toContain('补打');
	}
	await page.goto(`/receipts?no=${receiptNo}`);
	await expect(page.getByTestId('receipt-card')).toContainText('尚未打印');
	await expect(page.getByTestId('print-a5')).toHaveText('打印票据（A5）');

	// The original, as printed.
	const original = await pdf(page, `/receipts/${receiptNo}.pdf`);
	expect(original).toContain('缴费票据（收据）');
	expect(original).toContain(`No. ${receiptNo}`);
	expect(original).toContain(`房号：${UNIT}`);
	expect(original).toContain(`业主：${owner}`);
	expect(original).toContain('缴款人：陈刚（代缴）');
	expect(original).toMatch(
		/物业服务费 2026年09月至2026年11月 [\d.]+元\/m²×[\d.]+m²=[\d,.]+元\/月×3个月 [\d,]+\.\d\d/
	);
	expect(original).toMatch(/滞纳金 2026年09月至11月 见滞纳金计算 [\d,]+\.\d\d/);
	expect(original).toMatch(/人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+/);
	expect(original).toMatch(/2026年09月物业服务费：逾期\d+天 × ¥[\d,.]+ × 3‰ = ¥[\d,.]+/);
	expect(original).toContain('缴费方式：微信支付');
	expect(original).toContain('收款员：李晓梅（工号 C001）');
	expect(original).not.toContain('补打');
	const code = /验证码 ([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(original)?.[1];
	expect(code).toBeTruthy();

	// 打印: a POST records the print, then the PDF opens in a new window.
	await printAndOpen(page, 'print-a5', `/receipts/${receiptNo}.pdf`);
	await expect(page.getByTestId('print-done')).toHaveText(
		'已记录第 1 次打印，票据已在新窗口打开。'
	);
	await expect(page.getByTestId('receipt-card')).toContainText('已打印 1 次');
	expect(await pdf(page, `/receipts/${receiptNo}.pdf`)).not.toContain('补打');

	// 补打 needs a reason ("其他" with a note).
	await expect(page.getByTestId('print-a5')).toHaveText('补打票据（A5）');
	await page.getByTestId('print-a5').click();
	await expect(page.getByTestId('print-error')).toHaveText('补打须选择原因。');
	await page.getByTestId('reprint-reason-other').check();
	await page.getByTestId('print-a5').click();
	await expect(page.getByTestId('print-error')).toHaveText('选择“其他”时请写明原因。');
	await expect(page.getByTestId('receipt-card')).toContainText('已打印 1 次');
	await page.getByTestId('reprint-reason-lost').check();
	await page.getByTestId('reprint-note').fill('业主来电说明');
	await printAndOpen(page, 'print-a5', `/receipts/${receiptNo}.pdf`);
	await expect(page.getByTestId('receipt-card')).toContainText('已打印 2 次');
	await expect(page.getByTestId('last-print')).toContainText('原因：原件遗失　业主来电说明');
	const reprint = await pdf(page, `/receipts/${receiptNo}.pdf`);
	expect(reprint).toContain('补打（第1次）');
	expect(reprint).toContain('补打原因 原件遗失 业主来电说明');
	await page.getByTestId('reprint-reason-printer').check();
	await printAndOpen(page, 'print-roll', `/receipts/${receiptNo}.pdf?format=roll`);
	const roll = await pdf(page, `/receipts/${receiptNo}.pdf?format=roll`);
	expect(roll).toContain('补打（第2次）');
	expect(roll).toContain(`票据号：${receiptNo}`);
	// Looking at it again changes nothing.
	await page.goto(`/receipts?no=${receiptNo}`);
	await expect(page.getByTestId('receipt-card')).toContainText('已打印 3 次');

	// The manager voids it: a reason is required, then a confirmation dialog.
	const manager = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(manager, 'manager');
	await open(manager, '/manager/voids'); // hydrated first: a fill before it is reset
	await manager.getByTestId('void-search').fill(receiptNo);
	await manager.getByTestId('void-search').press('Enter');
	await expect(manager.getByTestId('receipt-card')).toContainText(UNIT);
	await manager.getByTestId('void-open').click();
	await manager.getByTestId('void-confirm').click();
	await expect(manager.getByTestId('void-error')).toHaveText('请填写原因。');
	await manager.getByTestId('void-reason').fill('房号录错,已按正确房号重新收款');
	await manager.getByTestId('void-open').click();
	await expect(manager.getByTestId('void-dialog')).toContainText(`确认作废票据 ${receiptNo}`);
	await manager.getByTestId('void-confirm').click();
	await expect(manager.getByTestId('void-done')).toContainText(`票据 ${receiptNo} 已作废`);
	await expect(manager.getByTestId('receipt-status')).toHaveText('作废');
	await expect(manager.getByTestId('recent-voids')).toContainText('房号录错');

	// The voided receipt prints with 作废 and the reason; the public check says 作废.
	const voided = await pdf(page, `/receipts/${receiptNo}.pdf`);
	expect(voided).toContain('作废');
	expect(voided).toContain('原因：房号录错');
	await page.goto(`/verify/${code}`);
	await expect(page.getByTestId('verify-status')).toContainText('该票据已作废');
	await expect(page.getByTestId('verify-facts')).toContainText(receiptNo);
	// Nothing personal on the public page.
	await expect(page.locator('body')).not.toContainText(UNIT);
	await expect(page.locator('body')).not.toContainText('李晓梅');
	await expect(page.locator('body')).not.toContainText('陈刚');
});

/** "¥1,108.81" / "-27.57" → fen (test-side reading of a displayed amount). */
function fen(text: string): number {
	const m = /(-?)¥?([\d,]+)\.(\d\d)/.exec(text);
	if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
	return (m[1] ? -1 : 1) * (Number(m[2].replace(/,/g, '')) * 100 + Number(m[3]));
}

/** Clicks a print button and waits for the new window to ask for the PDF the print recorded. */
async function printAndOpen(page: Page, button: 'print-a5' | 'print-roll', url: string) {
	const opened = page
		.context()
		.waitForEvent('request', (r) => new URL(r.url()).pathname + new URL(r.url()).search === url);
	const popup = page.waitForEvent('popup');
	await page.getByTestId(button).click();
	await opened;
	await (await popup).close();
}

/** Pays every bill due of `unit` (with late fees) by WeChat at the counter; returns the receipt number. */
async function payAtCounter(page: Page, unit: string, payer: string): Promise<string> {
	await page.goto(`/fees/${unit}`);
	await page.waitForSelector('body[data-hydrated]');
	await expect(page.getByTestId('fees-bills')).toBeVisible();
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill('WX4200001122334455');
	await page.locator('#payerName').fill(payer);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-\d{4}-\d{6}/);
	return /SF-\d{4}-\d{6}/.exec(page.url())![0];
}
