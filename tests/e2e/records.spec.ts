import type { Browser, Page } from '@playwright/test';
import { expect, test, login, open } from './helpers';

/*
 * The community's records (issue 13): a manager corrects a unit and a person, transfers the
 * ownership (过户), and the old owner's phone no longer identifies at the kiosk while the new
 * owner's does; a clerk corrects a phone with a reason and sees it in the history. Bad input gets
 * its translated message and writes nothing. A manager ties a person already on record to another
 * unit from the keyboard. Uses units 3-1-701, 3-1-702 and 3-1-802 only.
 */

async function tapKeys(page: Page, text: string) {
	for (const ch of text) await page.getByRole('button', { name: ch, exact: true }).tap();
}

/** Identifies at the kiosk (touch, on-screen keypad) in a fresh context; returns its page. */
async function kioskIdentify(browser: Browser, room: string, digits: string): Promise<Page> {
	const page = await (
		await browser.newContext({
			baseURL: test.info().project.use.baseURL,
			locale: 'zh-CN',
			hasTouch: true
		})
	).newPage();
	await open(page, '/kiosk/identify?next=/kiosk/me/bills');
	await page.getByTestId('identify-room').tap();
	await page.getByRole('button', { name: /^(清除|Clear)$/ }).tap();
	await tapKeys(page, room);
	await page.getByTestId('identify-digits').tap();
	await tapKeys(page, digits);
	await page.getByTestId('identify-submit').tap();
	return page;
}

async function openUnit(page: Page, code: string) {
	await open(page, `/records?q=${code}`);
	await page.locator(`[data-testid="unit-row"][data-code="${code}"] a`).first().click();
	await expect(page.getByTestId('unit-code')).toHaveText(code);
	await page.waitForSelector('body[data-hydrated]');
}

test('a manager corrects a unit and a person, transfers the ownership, and the kiosk follows', async ({
	page,
	browser
}) => {
	await login(page, 'manager');
	await openUnit(page, '3-1-701');

	// Area ≤ 0 is refused with its message, and nothing changes.
	const before = await page.getByTestId('unit-area').textContent();
	await page.getByText('修改房屋资料').click();
	const edit = page.getByTestId('unit-edit');
	await edit.getByLabel('建筑面积（m²）').fill('0');
	await edit.getByLabel('修改原因').fill('测绘更正');
	await edit.getByRole('button', { name: '保存' }).click();
	await expect(edit.getByText('面积必须大于零。')).toBeVisible();
	await expect(page.getByTestId('unit-area')).toHaveText(before!);

	await edit.getByLabel('建筑面积（m²）').fill('95.5');
	await edit.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('form-done')).toHaveText('房屋资料已保存。');
	await expect(page.getByTestId('unit-area')).toHaveText('95.50');
	await expect(page.getByTestId('records-history')).toContainText('测绘更正');

	// The owner's page shows the ID number masked; the edit form refuses a bad check character.
	const owner = page.locator('[data-testid="tie-row"][data-role="owner"]').first();
	const oldName = (await owner.getAttribute('data-name'))!;
	await owner.getByRole('link', { name: oldName }).click();
	await expect(page.getByTestId('person-name')).toHaveText(oldName);
	await page.waitForSelector('body[data-hydrated]');
	await expect(page.getByTestId('person-id')).toContainText('****');
	const oldPhone = (await page.getByTestId('person-phone').textContent())!.trim();

	await page.getByText('修改人员资料').click();
	const personEdit = page.getByTestId('person-edit');
	await personEdit.getByLabel('证件类型').selectOption('id_card');
	await personEdit.getByLabel('证件号码').fill('110105194912310021');
	await personEdit.getByLabel('修改原因').fill('核对身份证');
	await personEdit.getByRole('button', { name: '保存' }).click();
	await expect(personEdit.getByText(/身份证号码不正确/)).toBeVisible();
	await personEdit.getByLabel('证件号码').fill('11010519491231002X');
	await personEdit.getByLabel('姓名/名称').fill(oldName + '（更正）');
	await personEdit.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('form-done')).toHaveText('人员资料已保存。');
	await expect(page.getByTestId('person-id')).toHaveText('1101****002X');
	await expect(page.getByTestId('records-history')).toContainText('核对身份证');

	// An unknown unit is refused by name.
	await page.getByText('关联房屋', { exact: true }).first().click();
	await page.getByLabel('房号（如 3-2-1502）').fill('9-9-999');
	await page.getByRole('button', { name: '关联房屋' }).click();
	await expect(page.getByText('本小区没有这个房号。').first()).toBeVisible();

	// 过户 to a new owner recorded on the spot.
	await openUnit(page, '3-1-701');
	await page.getByTestId('transfer-link').click();
	await page.waitForSelector('body[data-hydrated]');
	const form = page.getByTestId('transfer-form');
	await form.getByLabel('姓名/名称').fill('欧阳新');
	await form.getByLabel('电话（手机或座机）').fill('139-1234-0701');
	await form.getByLabel('证件号码').fill('440524188001010014');
	await form.getByLabel(/过户原因/).fill('二手房买卖，不动产权证已核验');
	await page.getByTestId('transfer-submit').click();
	// The confirmation says who will own from when, and whose ties end.
	await expect(page.getByTestId('transfer-confirm-body')).toContainText('3-1-701');
	await expect(page.getByTestId('transfer-confirm-body')).toContainText('欧阳新');
	await expect(page.getByTestId('transfer-dialog')).toContainText(oldName + '（更正）');
	await page.getByTestId('transfer-confirm').click();
	await expect(page.getByTestId('form-done')).toHaveText('过户已完成。');
	await expect(page.locator('[data-testid="tie-row"][data-role="owner"]')).toHaveAttribute(
		'data-name',
		'欧阳新'
	);
	await expect(page.locator('[data-testid="past-tie-row"]').first()).toContainText('过户');
	await expect(page.getByTestId('records-history')).toContainText('不动产权证已核验');

	// The old owner's phone no longer identifies; the new owner's does.
	const old = await kioskIdentify(browser, '3-1-701', oldPhone.slice(-4));
	await expect(old.getByTestId('identify-message')).toBeVisible();
	await expect(old).toHaveURL(/\/kiosk\/identify/);
	const fresh = await kioskIdentify(browser, '3-1-701', '0701');
	await expect(fresh).toHaveURL(/\/kiosk\/me\/bills/);
});

test('a clerk views the records and corrects a phone with a reason, seen in the history', async ({
	page
}) => {
	await login(page, 'clerk');
	await openUnit(page, '3-1-702');
	await expect(page.getByTestId('transfer-link')).toHaveCount(0);
	const owner = page.locator('[data-testid="tie-row"][data-role="owner"]').first();
	const name = (await owner.getAttribute('data-name'))!;
	await owner.getByRole('link', { name }).click();
	await page.waitForSelector('body[data-hydrated]');
	await expect(page.getByTestId('person-id')).toContainText('****');
	await expect(page.getByTestId('person-edit')).toHaveCount(0);

	const phoneForm = page.getByTestId('phone-form');
	await phoneForm.getByLabel('电话（手机或座机）').fill('12345');
	await phoneForm.getByLabel('更正原因').fill('业主本人到场更正');
	await phoneForm.getByRole('button', { name: '更正电话' }).click();
	await expect(phoneForm.getByText(/请输入 11 位手机号码/).first()).toBeVisible();

	await phoneForm.getByLabel('电话（手机或座机）').fill('138 0000 7702');
	await phoneForm.getByRole('button', { name: '更正电话' }).click();
	await expect(page.getByTestId('form-done')).toHaveText('电话已更正，已记入操作日志。');
	await expect(page.getByTestId('person-phone')).toHaveText('13800007702');
	const history = page.getByTestId('records-history');
	await expect(history).toContainText('更正电话');
	await expect(history).toContainText('13800007702');
	await expect(history).toContainText('业主本人到场更正');
	await expect(history).toContainText('李晓梅');

	// A clerk's post to a manager's action is refused.
	const res = await page.request.post(page.url() + '?/edit', {
		form: { name: 'x', phone: '13800007702', idType: 'id_card', idNumber: '', reason: '' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(res.status()).toBe(403);
});

test('a manager ties a person already on record to a unit: search, arrows, Enter', async ({
	page
}) => {
	await login(page, 'manager');
	await openUnit(page, '3-1-802');
	await page.getByTestId('tie-existing').locator('summary').click();

	// Nobody by that name: said so, nothing to submit.
	const search = page.getByTestId('tie-search');
	await search.fill('没有这个人');
	await search.press('Enter');
	await expect(page.getByTestId('tie-no-match')).toBeVisible();
	await expect(page.getByTestId('tie-existing-form')).toHaveCount(0);

	// The seed's emergency contact of 3-1-401, found by phone; Enter keeps the focus in the search.
	await search.fill('13905710403');
	await search.press('Enter');
	await expect(page).toHaveURL(/[?&]who=13905710403/);
	await expect(search).toBeFocused();
	const picks = page.getByTestId('tie-pick');
	await expect(picks).toHaveCount(1);
	await expect(picks.first()).toContainText('林国华');
	await expect(picks.first()).toContainText('3-1-401');

	// Tab passes the search button to the (chosen) match, then the role; Enter in the reason submits.
	await search.press('Tab');
	await page.keyboard.press('Tab');
	await expect(picks.first().locator('input[type=radio]')).toBeFocused();
	await expect(picks.first().locator('input[type=radio]')).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.locator('#pick-role')).toBeFocused();
	await page.locator('#pick-role').selectOption('emergency');
	await page.locator('#pick-reason').fill('业主委托的紧急联系人');
	await page.locator('#pick-reason').press('Enter');
	await expect(page.getByTestId('form-done')).toHaveText('已登记。');
	const tie = page.locator('[data-testid="tie-row"][data-name="林国华"]');
	await expect(tie).toHaveAttribute('data-role', 'emergency');
	await expect(page.getByTestId('records-history')).toContainText('业主委托的紧急联系人');

	// The same tie again is refused with its message, and nothing more is written.
	await page.goto(page.url().split('?')[0] + '?who=13905710403');
	await page.waitForSelector('body[data-hydrated]');
	await page.locator('#pick-role').selectOption('emergency');
	await page.getByTestId('tie-existing-form-submit').click();
	await expect(page.getByTestId('tie-existing-form').getByTestId('form-error')).toBeVisible();
	await expect(page.locator('[data-testid="tie-row"][data-name="林国华"]')).toHaveCount(1);

	// The person's own page lists both units.
	await tie.getByRole('link', { name: '林国华' }).click();
	await expect(page.getByTestId('person-ties')).toContainText('3-1-401');
	await expect(page.getByTestId('person-ties')).toContainText('3-1-802');
});
