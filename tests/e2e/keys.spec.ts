import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, setClockOffset } from './helpers';

/*
 * Keys (issue 06): register → lend refused without consent (and the other bad inputs) → lent
 * with consent and an ID held → overdue on the counter home and the key list → return → the
 * lending log PDF. Uses units of building 7 only (7-1-xxx): no other area's e2e touches them.
 */

const UNIT = '7-1-101';
const BORROWER = { name: '周启明', id: '330106199203150019', phone: '13700001111' };

/** The rule error shown above the form. */
const formError = (page: Page) => page.getByTestId('form-error');

async function fillBorrower(page: Page) {
	await page.getByLabel('姓名').fill(BORROWER.name);
	await page.getByLabel('证件号码', { exact: true }).fill(BORROWER.id);
	await page.getByLabel('联系电话').fill(BORROWER.phone);
	await page.getByLabel('公司名称').fill('链家地产');
	await page.getByLabel('与业主关系').fill('中介');
}

/** Nothing was written: the key is still in the cabinet with no loan on record. */
async function expectUntouched(page: Page, keyUrl: string) {
	await page.goto(keyUrl);
	await expect(page.getByTestId('key-state')).toHaveText('在柜');
	await expect(page.getByTestId('key-history-empty')).toBeVisible();
}

test('key register, lending with consent and ID, overdue, return and the log PDF', async ({
	page,
	browser,
	request
}) => {
	// A fresh tag per attempt, so a retry does not trip over the first attempt's key.
	const tag = `E7-${String(Date.now()).slice(-6)}`;
	await login(page, 'clerk');
	const checker = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(checker, 'clerk2');

	// Register: an unknown unit is refused with a clear message, then the real one.
	await page.goto('/keys/new');
	await page.getByLabel('钥匙编号').fill(tag);
	await page.getByLabel('房号').fill('7-9-999');
	await page.getByLabel('钥匙用途').fill('入户门');
	await page.getByLabel('同意日期').fill('2026-11-20');
	await page.getByLabel('钥匙柜格位').fill('A-71');
	await page.getByRole('button', { name: '登记' }).click();
	await expect(page.getByText('房号不存在')).toBeVisible();
	await page.getByLabel('房号').fill(UNIT);
	await page.getByRole('button', { name: '登记' }).click();
	await expect(page).toHaveURL(/\/keys\/\d+\?done=created/);
	await expect(page.getByTestId('key-notice')).toContainText('钥匙已登记');
	const keyUrl = new URL(page.url()).pathname;

	// Lend without the owner's consent: refused, nothing written.
	await page.getByTestId('key-lend').click();
	await expect(page.getByLabel('拨打号码')).not.toHaveValue(''); // prefilled from the unit's owner
	const defaultReturn = await page.getByLabel('预计归还时间').inputValue();
	await fillBorrower(page);
	await page.getByLabel('押证类型').selectOption('id_card');
	await page.getByRole('button', { name: '同借用人证件' }).click();
	await expect(page.getByLabel('押证号码')).toHaveValue(BORROWER.id);
	await page.getByTestId('lend-submit').click();
	await expect(formError(page)).toContainText('须先致电业主并取得同意');

	// The owner refused: refused.
	await page.locator('input[name=consentAnswer][value=refused]').check();
	await page.getByTestId('lend-submit').click();
	await expect(formError(page)).toContainText('业主不同意借出');

	// Consent, but neither an escort nor an ID held: refused.
	await page.locator('input[name=consentAnswer][value=agreed]').check();
	await page.getByLabel('押证类型').selectOption('');
	await page.getByLabel('押证号码').fill('');
	await page.getByTestId('lend-submit').click();
	await expect(formError(page)).toContainText('须有工作人员陪同');

	// Expected return in the past: refused.
	await page.getByLabel('押证类型').selectOption('id_card');
	await page.getByLabel('押证号码').fill(BORROWER.id);
	await page.getByLabel('预计归还时间').fill('2026-11-23T08:00');
	await page.getByTestId('lend-submit').click();
	await expect(formError(page)).toContainText('预计归还时间必须晚于现在');
	await expect(page.getByLabel('姓名')).toHaveValue(BORROWER.name); // the form keeps what was typed

	await expectUntouched(checker, keyUrl);
	// A second clerk opens the lend form while the key is still in the cabinet…
	await checker.goto(`${keyUrl}/lend`);
	await expect(checker.getByTestId('lend-submit')).toBeVisible();

	// With consent and an ID held: lent.
	await page.getByLabel('预计归还时间').fill(defaultReturn);
	await page.getByTestId('lend-submit').click();
	await expect(page).toHaveURL(new RegExp(`${keyUrl}\\?done=lent`));
	await expect(page.getByTestId('key-state')).toHaveText('借出');
	await expect(page.getByTestId('loan-row')).toHaveCount(1);
	await expect(page.getByTestId('loan-row')).toContainText('同意');

	// …and submits it after the key went out: refused, still one loan.
	await fillBorrower(checker);
	await checker.locator('input[name=consentAnswer][value=agreed]').check();
	await checker.getByLabel('陪同人员').selectOption({ index: 1 });
	await checker.getByTestId('lend-submit').click();
	await expect(formError(checker)).toContainText('该钥匙已借出尚未归还');
	await page.reload();
	await expect(page.getByTestId('loan-row')).toHaveCount(1);

	// Three hours later the key is overdue: on the counter home and the key list, with the phone.
	await setClockOffset(request, 3 * 3600_000);
	try {
		await login(page, 'clerk'); // three idle hours end a staff session
		await page.goto('/counter');
		const panel = page.getByTestId('overdue-keys');
		await expect(panel.getByTestId('overdue-key-row').filter({ hasText: tag })).toContainText(
			BORROWER.phone
		);
		await page.goto('/keys');
		await expect(
			page.getByTestId('overdue-keys').getByTestId('overdue-key-row').filter({ hasText: tag })
		).toContainText(BORROWER.phone);
		await expect(page.locator(`tr.overdue[data-tag="${tag}"]`)).toBeVisible();
	} finally {
		await setClockOffset(request, 0);
	}
	await page.goto('/keys');
	await expect(
		page.getByTestId('overdue-keys').getByTestId('overdue-key-row').filter({ hasText: tag })
	).toHaveCount(0);

	// Return: the ID held must be handed back first.
	await checker.goto(`${keyUrl}/return`); // a second clerk's return form, opened while lent
	await page.goto(`${keyUrl}/return`);
	await page.getByLabel('钥匙已放回 A-71 格位').check();
	await page.getByTestId('return-submit').click();
	await expect(formError(page)).toContainText('须退还借用人后方可办理归还');
	await page.getByLabel('押证已退还借用人').check();
	await page.getByTestId('return-submit').click();
	await expect(page).toHaveURL(new RegExp(`${keyUrl}\\?done=returned`));
	await expect(page.getByTestId('key-state')).toHaveText('在柜');
	await expect(page.getByTestId('loan-row')).toContainText('押证已退还');

	// Returning a key that is not lent: refused, still one return.
	await checker.getByLabel('钥匙已放回 A-71 格位').check();
	await checker.getByLabel('押证已退还借用人').check();
	await checker.getByTestId('return-submit').click();
	await expect(formError(checker)).toContainText('该钥匙当前未借出');
	await checker.goto(`${keyUrl}/return`);
	await expect(checker.getByTestId('key-not-lent')).toBeVisible();

	// The lending log for today, as a PDF.
	const text = await fetchPdfText(page, '/keys/log.pdf?from=2026-11-23&to=2026-11-23');
	for (const s of [
		'钥匙借用册',
		'2026-11-23 至 2026-11-23',
		tag,
		UNIT,
		BORROWER.name,
		BORROWER.phone,
		'看房',
		'业主同意\uff1a同意',
		'证件已退还',
		'归位\uff1aA-71'
	])
		expect(text).toContain(s);
	expect(text).not.toContain(BORROWER.id); // ID numbers are masked on paper
	const bad = await page.request.get('/keys/log.pdf?from=2026-11-30&to=2026-11-01');
	expect(bad.status()).toBe(400);
	await checker.context().close();
});
