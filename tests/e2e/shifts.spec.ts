import type { Page } from '@playwright/test';
import { expect, test, login, open } from './helpers';

/*
 * Cash only inside a shift (issue 11): the counter offers to take over a shift when cash is
 * chosen without one, keeping what was typed. Uses building 3 entrance 1 (no other spec does).
 */

const fen = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);

/** Hands over the signed-in user's open shift, if any, with the cash counted right. */
async function handOverIfOpen(page: Page) {
	await open(page, '/shift');
	if (!(await page.getByTestId('shift-expected').isVisible())) return;
	await page.getByTestId('shift-counted').fill(yuan(fen(await page.getByTestId('shift-expected').innerText())));
	await page.getByTestId('shift-close').click();
	await page.getByTestId('shift-confirm').click();
	await expect(page.getByTestId('shift-closed')).toBeVisible();
}

test('cash with no open shift: the counter offers to take over one, keeps the form, and the cash lands in the shift', async ({ page }) => {
	await login(page, 'clerk2');
	await handOverIfOpen(page);

	await open(page, '/fees/3-1-302');
	await page.getByTestId('method-cash').check();
	const total = fen(await page.getByTestId('fees-total').innerText());
	const tendered = Math.ceil(total / 10000) * 100;
	await page.getByTestId('tendered').fill(String(tendered));
	await page.getByLabel('缴款人').fill('收银测试人');
	await expect(page.getByTestId('shift-offer')).toContainText('收现金须在班次内');

	// The server refuses cash without a shift, with the reason.
	await page.getByTestId('fees-review').click();
	await expect(page.getByTestId('fees-error')).toHaveText('收取或付出现金须在班次内：请先接班（清点备用金）。');
	await expect(page.getByTestId('fees-confirm')).toHaveCount(0);

	// Take over right here with a ¥300.00 float: what was typed stays.
	await page.getByTestId('shift-offer-float').fill('300');
	await page.getByTestId('shift-offer-open').click();
	await expect(page.getByTestId('shift-offer-done')).toHaveText('已接班。');
	await expect(page.getByTestId('shift-offer')).toHaveCount(0);
	await expect(page.getByTestId('tendered')).toHaveValue(String(tendered));
	await expect(page.getByLabel('缴款人')).toHaveValue('收银测试人');

	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);

	await open(page, '/shift');
	await expect(page.getByTestId('shift-expected')).toHaveText(`¥${((30000 + total) / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`);
	await expect(page.getByTestId('shift-cash')).toContainText('1 笔');
});
