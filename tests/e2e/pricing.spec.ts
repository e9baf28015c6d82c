import type { Browser, Page } from '@playwright/test';
import { expect, test, login, open } from './helpers';

/*
 * Settings that price money take effect from a date (issue 11, "changing the late-fee rate
 * rewrites past reports"). The admin changes the late-fee rate from today: the manager's report of
 * a past period shows the same 计收 as before. A back-dated change is refused; a future change is
 * shown as scheduled, with the history. Everything is put back (3‰ in force again today, the
 * future change cancelled), so later specs still see 3‰.
 */

const TODAY = '2026-11-23';
const PAST = '/reports?from=2026-10-01&to=2026-11-22';

async function manager(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, 'manager');
	return page;
}

async function saveRate(page: Page, rate: string, from: string) {
	await open(page, '/admin/settings');
	await page.getByLabel('滞纳金日费率（‰）').fill(rate);
	await page.getByLabel('收费标准生效日期').fill(from);
	await page.getByTestId('settings-save').click();
}

test("a late-fee rate changed today leaves a past period's report as it was; back-dating is refused; a future change is scheduled", async ({
	page,
	browser
}) => {
	const reports = await manager(browser);
	await reports.goto(PAST);
	const late = reports.getByTestId('reports-late');
	const before = await late.innerText();
	// Late fees were charged in that period (the seed has bills settled late): there is something to change.
	expect(before).toMatch(/计收[^¥]*¥[1-9]/);

	await login(page, 'admin');
	// Back-dated: refused on the date field, nothing saved.
	await saveRate(page, '2', '2026-11-22');
	await expect(page.getByTestId('error-effectiveFrom')).toHaveText(
		`生效日期不能早于今天（${TODAY}）：已过去的日子的金额不能改变。`
	);
	await page.reload();
	await expect(page.getByLabel('滞纳金日费率（‰）')).toHaveValue('3');

	// From today: saved; the form shows today's value and the history who set it from when.
	await saveRate(page, '2', TODAY);
	await expect(page.getByTestId('admin-ok')).toHaveText('设置已保存。');
	await expect(page.getByLabel('滞纳金日费率（‰）')).toHaveValue('2');
	const history = page.getByTestId('history-lateFeeRatePerMille');
	await history.getByText('变更记录').click();
	await expect(history).toContainText(`自 ${TODAY} 起：2（系统管理员）`);
	await expect(history).toContainText('初始值：3');

	// The past period's report is unchanged.
	await reports.reload();
	await expect(late).toBeVisible();
	expect(await late.innerText()).toBe(before);

	// Back to 3‰ from today (the later change of the day wins): later specs see 3‰.
	await saveRate(page, '3', TODAY);
	await expect(page.getByTestId('admin-ok')).toHaveText('设置已保存。');
	await expect(page.getByLabel('滞纳金日费率（‰）')).toHaveValue('3');

	// A future change is scheduled and shown as the next change; today's value stays.
	await saveRate(page, '4', '2027-01-01');
	await expect(page.getByTestId('admin-ok')).toHaveText('设置已保存。');
	await expect(page.getByLabel('滞纳金日费率（‰）')).toHaveValue('3');
	await expect(page.getByTestId('next-lateFeeRatePerMille')).toHaveText(
		'计划变更：自 2027-01-01 起为 4'
	);
	// Cancelled by saving today's value on that day.
	await saveRate(page, '3', '2027-01-01');
	await expect(page.getByTestId('admin-ok')).toHaveText('设置已保存。');
	await expect(page.getByTestId('next-lateFeeRatePerMille')).toHaveCount(0);
	await reports.reload();
	await expect(late).toBeVisible();
	expect(await late.innerText()).toBe(before);
});

test('the kiosk fee page and the move-in notice page state the vacancy rule from the notice date', async ({
	page
}) => {
	await open(page, '/kiosk/info/fees');
	await expect(page.locator('main')).toContainText(
		'自发出接房通知书之日起至接房止，按物业服务收费标准的 90% 缴纳物业服务费；' +
			'车位物业服务费不减免；接房后再空置的按全额缴纳。'
	);
	await login(page, 'clerk');
	await open(page, '/movein/notice');
	await expect(page.locator('main')).toContainText(
		'未接房的房屋自该日起至接房止，按物业服务收费标准的 90% 缴纳物业服务费'
	);
});
