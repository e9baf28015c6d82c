import { expect, test, login, open } from './helpers';

/*
 * The staff directory (issue 21): people, not logins. A clerk says where a colleague is (去向) and
 * the hall's staff wall shows it; a time back in the past is refused with nothing written;
 * managers add and edit people (a taken work number is refused). The e2e clock is 2026-11-23 09:00.
 */

const row = (page: import('@playwright/test').Page, workNo: string) =>
	page.getByTestId('directory-table').locator(`tr[data-work-no="${workNo}"]`);

test('a clerk marks a colleague out → the hall wall shows it; a past time is refused', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/directory');
	await expect(page.getByTestId('directory-person-form')).toHaveCount(0);
	const li = row(page, 'C001');
	await expect(li.getByTestId('directory-presence')).toHaveText('在岗');
	await expect(row(page, 'E101').getByTestId('directory-presence')).toHaveText('外出');

	// A time back before now: refused, still on duty.
	await li.getByTestId('directory-until').fill('2026-11-22T10:00');
	await li.getByTestId('directory-set-out').click();
	await expect(page.getByTestId('directory-error')).toBeVisible();
	await expect(page.getByText('预计回来的时间必须晚于现在。').first()).toBeVisible();
	await expect(row(page, 'C001').getByTestId('directory-presence')).toHaveText('在岗');

	await row(page, 'C001').getByTestId('directory-until').fill('2026-11-23T18:00');
	await row(page, 'C001').getByTestId('directory-note').fill('去银行');
	await row(page, 'C001').getByTestId('directory-set-out').click();
	await expect(page.getByTestId('directory-ok')).toHaveText('李晓梅 的去向已更新为“外出”。');
	await expect(row(page, 'C001').getByTestId('directory-presence')).toHaveText('外出');
	await expect(row(page, 'C001')).toContainText('至 2026-11-23 18:00');
	await expect(row(page, 'C001')).toContainText('去银行');
	await expect(row(page, 'C001')).toContainText('李晓梅 于 2026-11-23');

	// The hall's wall: the directory's people with where they are, never the accounts.
	await open(page, '/kiosk/info/staff');
	const wall = page.getByTestId('staff-list');
	await expect(wall).toContainText('维修工程师');
	await expect(wall.locator('tr', { hasText: 'C001' }).getByTestId('staff-presence')).toHaveText(
		'外出'
	);
	await expect(wall).not.toContainText('系统管理员');
	await expect(wall).not.toContainText('A001');
});

test('a manager adds and edits a person; a taken work number is refused', async ({ page }) => {
	await login(page, 'manager');
	await open(page, '/directory');
	const form = page.getByTestId('directory-person-form');
	await form.getByLabel('姓名').fill('孙保洁');
	await form.getByLabel('工号').fill('C001');
	await form.getByLabel('职位').fill('保洁主管');
	await page.getByTestId('directory-save').click();
	await expect(page.getByTestId('directory-error')).toBeVisible();
	await expect(page.getByTestId('directory-error')).toHaveText('工号 C001 已有人使用。');
	await expect(page.locator('#person-workNo-note')).toHaveText('工号 C001 已有人使用。');
	await expect(row(page, 'G301')).toHaveCount(0);

	await form.getByLabel('工号').fill('G301');
	await page.getByTestId('directory-save').click();
	await expect(page.getByTestId('directory-ok')).toHaveText('已保存：孙保洁。');
	await expect(row(page, 'G301')).toContainText('保洁主管');

	await row(page, 'G301').getByTestId('directory-edit').click();
	await expect(form.getByLabel('姓名')).toHaveValue('孙保洁');
	await form.getByLabel('分机').fill('8301');
	await page.getByTestId('directory-save').click();
	await expect(row(page, 'G301')).toContainText('8301');
	await expect(page.getByTestId('directory-table').locator('tr[data-work-no="G301"]')).toHaveCount(
		1
	);
});
