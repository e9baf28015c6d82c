import { expect, test, login, open, fetchPdfText } from './helpers';

/*
 * Fee items as data (issue 18): the admin adds a recurring item and the billing run bills it; a
 * clerk raises a one-off charge (补办门禁卡), confirms it and takes payment on the counter fee page
 * (the receipt PDF names it); the kiosk wall page lists the paid-services prices; bad input is
 * refused with translated messages. Uses units of building 3, floors 4 and 6 (nothing owed in
 * the seed) only; 电梯费 applies to one unit so other specs' months stay as they were.
 * Today is 2026-11-23 (the e2e clock).
 */

test('the admin adds 电梯费 per home for one unit; the billing run creates its bill', async ({
	page
}) => {
	await login(page, 'admin');
	await open(page, '/admin/fee-items');
	const create = page.getByTestId('item-create');
	await create.getByLabel('中文名称').fill('电梯费');
	await create.getByLabel('英文名称').fill('Lift fee');
	await create.getByLabel('计费方式').selectOption('per_unit');
	await create.getByLabel('代码（可不填）').fill('lift');
	await create.getByLabel('单价（元）').fill('30');
	await create.getByLabel('适用范围').selectOption('units');
	await create.getByLabel('房号（用逗号分隔）').fill('3-1-401');
	await page.getByTestId('item-create-submit').click();
	await expect(page.getByTestId('items-ok')).toHaveText('已添加收费项目“电梯费”。');
	const row = page.getByTestId('fee-item-lift');
	await expect(row).toContainText('按户（元/户·月）');
	await expect(row).toContainText('3-1-401');
	await expect(row.getByTestId('current-rate')).toHaveText('¥30.00');

	// A new rate for the month the item is about to be billed for is fine before the run…
	await open(page, '/manager/billing');
	await page.getByLabel('账单月份').fill('2026-11');
	await page.getByTestId('billing-run-button').click();
	await page.getByTestId('billing-confirm').click();
	// (The demo's parking spaces registered after November was billed are billed by this run too.)
	await expect(page.getByTestId('billing-done')).toContainText(/新建 [1-9]\d* 张/);

	// …but once billed, November cannot be repriced: a new rate starts in December.
	await open(page, '/admin/fee-items');
	const lift = page.getByTestId('fee-item-lift');
	await lift.getByLabel('生效月份').fill('2026-11');
	await lift.getByLabel('单价（元）').fill('35');
	await lift.getByRole('button', { name: '保存单价' }).click();
	await expect(page.getByTestId('items-error')).toHaveText(
		'2026-11 已按原单价出账，新单价请从下个月起生效。'
	);
	await expect(page.getByTestId('fee-item-lift')).toContainText('已出账至 2026-11');

	await page.context().clearCookies();
	await login(page, 'clerk');
	await open(page, '/fees/3-1-401');
	await expect(page.getByTestId('fees-bills')).toContainText('电梯费');
});

test('bad fee items are refused with messages and nothing is added', async ({ page }) => {
	await login(page, 'admin');
	await open(page, '/admin/fee-items');
	const before = await page.getByTestId('fee-items').locator('tbody tr').count();
	const create = page.getByTestId('item-create');
	const submit = page.getByTestId('item-create-submit');
	await create.getByLabel('计费方式').selectOption('per_unit');
	const cases: [string, string, string][] = [
		['', '10', '此项为必填。'],
		['垃圾清运费', '-5', '金额不能为负数。'],
		['垃圾清运费', '0', '金额必须大于零。'],
		['垃圾清运费', '1.234', '金额最多两位小数（精确到分）。']
	];
	for (const [name, rate, message] of cases) {
		await create.getByLabel('中文名称').fill(name);
		await create.getByLabel('单价（元）').fill(rate);
		await submit.click();
		await expect(page.getByTestId('items-error')).toHaveText('请检查标红的项目。');
		await expect(create.getByText(message)).toBeVisible();
	}
	await create.getByLabel('中文名称').fill('垃圾清运费');
	await create.getByLabel('单价（元）').fill('10');
	await create.getByLabel('适用范围').selectOption('units');
	await create.getByLabel('房号（用逗号分隔）').fill('3-1-401, 99-9-999');
	await submit.click();
	await expect(page.getByTestId('items-error')).toHaveText('找不到房号 99-9-999，请核对。');
	await expect(page.getByTestId('fee-items').locator('tbody tr')).toHaveCount(before);
});

test('a clerk raises 补办门禁卡 on a unit, confirms it and takes payment; the receipt names it', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/fees/3-1-601');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
	await page.getByTestId('fees-charge-link').click();
	await expect(page).toHaveURL(/\/charges\?unit=3-1-601$/);
	await page.waitForSelector('body[data-hydrated]');

	// Bad input first: nothing chosen, a 3-decimal price, an unknown unit.
	const form = page.getByTestId('charge-form');
	await page.getByTestId('charge-review').click();
	await expect(form.getByText('请选择收费项目或特约服务。')).toBeVisible();
	await form.getByLabel('收费项目').selectOption({ label: '补办门禁卡 · ¥20.00/次' });
	await form.getByLabel('单价（元）').fill('20.001');
	await page.getByTestId('charge-review').click();
	await expect(form.getByText('金额最多两位小数（精确到分）。')).toBeVisible();
	await form.getByLabel('单价（元）').fill('-20');
	await page.getByTestId('charge-review').click();
	await expect(form.getByText('金额不能为负数。')).toBeVisible();
	await form.getByLabel('单价（元）').fill('');
	await form.getByLabel('房号').fill('99-9-999');
	await page.getByTestId('charge-review').click();
	await expect(page.getByTestId('charge-error')).toHaveText('找不到房号 99-9-999，请核对。');

	// The confirmation shows the server's figures; nothing is written before it.
	await form.getByLabel('房号').fill('3-1-601');
	await form.getByLabel('备注').fill('卡丢失');
	await page.getByTestId('charge-review').click();
	const confirm = page.getByTestId('charge-confirm');
	await expect(confirm).toBeVisible();
	await expect(page.getByTestId('confirm-name')).toHaveText('补办门禁卡');
	await expect(page.getByTestId('confirm-amount')).toHaveText('¥20.00');
	await expect(confirm).toContainText('不计滞纳金');
	await page.getByTestId('charge-raise').click();

	// An ordinary bill on the counter fee page, paid like any other.
	await expect(page).toHaveURL(/\/fees\/3-1-601\?charged=1$/);
	const rows = page.getByTestId('fees-bills').locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('补办门禁卡');
	await expect(page.getByTestId('fees-total')).toContainText('20.00');
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill('WX2026112360101');
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-2026-\d{6}$/);
	const receiptNo = /SF-2026-\d{6}/.exec(page.url())![0];
	const text = await fetchPdfText(page, `/receipts/${receiptNo}.pdf`);
	expect(text).toContain('补办门禁卡');
	expect(text).toContain('20.00');
	expect(text).toContain('贰拾元整');

	await open(page, '/fees/3-1-601');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
	// The charge page lists it among the unit's charges.
	await open(page, '/charges?unit=3-1-601');
	await expect(page.getByTestId('charges-recent')).toContainText('卡丢失');
});

test('the kiosk wall page lists the paid-services prices, in both languages', async ({ page }) => {
	await open(page, '/kiosk/info');
	await page.getByTestId('info-services').click();
	const list = page.getByTestId('paid-services');
	await expect(list).toContainText('疏通马桶');
	await expect(list).toContainText('50.00 元/次');
	await expect(list).toContainText('面议');
	await page.getByTestId('lang-switch').click();
	await expect(page.getByTestId('paid-services')).toContainText('Unblock a toilet');
	await expect(page.getByTestId('paid-services')).toContainText('¥50.00 per time');
});

test('the admin edits the price list; a bad price is refused; the kiosk shows the change', async ({
	page
}) => {
	await login(page, 'admin');
	await open(page, '/admin/fee-items');
	await page.getByTestId('services-link').click();
	await expect(page).toHaveURL(/\/admin\/fee-items\/services$/);
	await page.waitForSelector('body[data-hydrated]');
	const row = page.getByTestId('service-new');
	await row.getByLabel('服务项目').fill('更换门锁锁芯');
	await row.getByLabel('英文名称').fill('Replace a lock cylinder');
	await row.getByLabel('单价（元）').fill('80.555');
	await row.getByRole('button', { name: '添加' }).click();
	await expect(page.getByTestId('services-error')).toHaveText('请检查标红的项目。');
	await expect(row.getByText('金额最多两位小数（精确到分）。')).toBeVisible();
	await row.getByLabel('单价（元）').fill('80');
	await row.getByRole('button', { name: '添加' }).click();
	await expect(page.getByTestId('services-ok')).toHaveText('已保存“更换门锁锁芯”。');

	await open(page, '/kiosk/info/services');
	await expect(page.getByTestId('paid-services')).toContainText('更换门锁锁芯');
	await expect(page.getByTestId('paid-services')).toContainText('80.00 元/次');
});
