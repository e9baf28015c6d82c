import { expect, test, login, open } from './helpers';

/*
 * The audit log viewer (issue 21): the admin home lists the latest recorded actions of every kind
 * (it said 暂无记录 while the log held thousands of rows) and links to the viewer; the viewer filters
 * by area, person, record and period, pages, and exports CSV; bad filters get a message on the
 * page and a translated 400 for the file; a clerk cannot open it.
 */

test('admin home → the audit log: filter by area, person and record, export CSV', async ({
	page
}) => {
	await login(page, 'admin');
	await open(page, '/admin');
	const recent = page.getByTestId('admin-recent');
	await expect(recent).toBeVisible();
	// The admin's own sign-in is the latest entry.
	await expect(recent.locator('tbody tr').first()).toContainText('login');
	await page.getByTestId('admin-audit-link').click();
	await expect(page).toHaveURL(/\/manager\/audit$/);
	await page.waitForSelector('body[data-hydrated]');

	// Fees: the seeded month of payments, a page of 100 with a next page.
	await page.getByTestId('audit-area').selectOption('fees');
	await page.getByTestId('audit-show').click();
	await expect(page).toHaveURL(/area=fees/);
	const rows = page.getByTestId('audit-table').locator('tbody tr');
	await expect(rows).toHaveCount(100);
	await expect(page.getByTestId('audit-next')).toBeVisible();
	for (const action of await rows.evaluateAll((trs) =>
		trs.map((t) => t.getAttribute('data-action'))
	))
		expect(action).toMatch(/^(payment|bills|fees|fee_items|receipt|charges|paid_services)\b/);
	await page.getByTestId('audit-next').click();
	await expect(page).toHaveURL(/page=2/);
	await expect(page.getByTestId('audit-prev')).toBeVisible();

	// One record: every entry names it.
	const link = page.getByTestId('audit-record-link').first();
	const named = (await link.textContent())!.trim();
	await link.click();
	await expect(page).toHaveURL(/type=\w+&record=\w+|record=\w+/);
	const cells = page.getByTestId('audit-record-link');
	await expect(cells.first()).toHaveText(named);
	for (const t of await cells.allTextContents()) expect(t.trim()).toBe(named);

	// Sign-ins by the admin.
	await open(page, '/manager/audit?area=access');
	await expect(
		page.getByTestId('audit-table').locator('tr[data-action="login"]').first()
	).toBeVisible();

	// The CSV holds the same filter's entries, with translated headers.
	const csv = await page.request.get('/manager/audit/export.csv?area=access');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.split('\r\n')[0]).toBe('\uFEFF时间,业务,操作,操作人,记录类型,记录编号,内容');
	expect(text).toContain(',login,');
	expect(text).not.toContain('payment.post');
});

test('bad filters: a message on the page, a translated 400 for the file; clerks are refused', async ({
	page
}) => {
	await login(page, 'manager');
	await page.getByRole('navigation').getByRole('link', { name: '操作记录' }).click();
	await expect(page).toHaveURL(/\/manager\/audit$/);
	await open(page, '/manager/audit?from=2026-11-20&to=2026-11-01');
	await expect(page.getByTestId('audit-error')).toHaveText('开始日期晚于结束日期。');
	await expect(page.getByTestId('audit-table')).toHaveCount(0);
	const bad = await page.request.get('/manager/audit/export.csv?area=nope');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toBe('没有这个业务分类。');
	const future = await page.request.get('/manager/audit/export.csv?to=2099-01-01');
	expect(future.status()).toBe(400);

	await page.context().clearCookies();
	await login(page, 'clerk');
	const refused = await page.request.get('/manager/audit');
	expect(refused.status()).toBe(403);
});
