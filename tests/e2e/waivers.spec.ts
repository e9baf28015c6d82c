import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, newPage, postAction, yuan } from './helpers';

/*
 * Late-fee waivers (issue 03): the clerk takes the principal at the fee page (late fees left) →
 * files a waiver request → the PDF form → the manager approves part of it → the unit owes the
 * rest at the fee page → a second request for the same bills is refused. Plus the refusals:
 * empty reason, amounts above what is owed or negative, a missing note, another unit's or an
 * unknown bill, deciding twice, deciding one's own request.
 * Uses units of building 2 entrance 2 only (2-2-702, 2-2-502: the fee demo leaves them owing and
 * the waiver demo does not touch them).
 */

const UNIT = '2-2-702';
const OTHER = '2-2-502';

/** At the fee page: pays the principal of the bills of `months` (every late fee left unpaid) by WeChat. */
async function payPrincipal(page: Page, unit: string, months: string[] | 'all') {
	await page.goto(`/fees/${unit}`);
	const rows = page.locator('tr[data-testid^="fees-bill-"]');
	await expect(rows.first()).toBeVisible();
	for (const row of await rows.all()) {
		const id = (await row.getAttribute('data-testid')) ?? '';
		const wanted = months === 'all' || months.some((mo) => id.startsWith(`fees-bill-${mo}-`));
		await row.locator('input[name="bill"]').setChecked(wanted);
		const late = row.locator('input[name="late"]');
		if (await late.count()) await late.setChecked(false);
	}
	await page.getByRole('radio', { name: '微信' }).check();
	await page.locator('#methodRef').fill(`WX-E2E-${Date.now()}`);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);
}

test('the waiver pages are for staff; the approval pages for managers', async ({ page }) => {
	const anon = await page.request.get('/waivers/1.pdf', { maxRedirects: 0 });
	expect(anon.status()).toBe(303);
	await login(page, 'clerk');
	expect((await page.goto('/manager/waivers'))?.status()).toBe(403);
	expect((await page.request.get('/waivers/99999.pdf')).status()).toBe(404);
	expect((await page.request.get('/waivers/abc.pdf')).status()).toBe(404);
	expect((await page.goto('/waivers/99999'))?.status()).toBe(404);
});

test('clerk files after the principal → PDF → manager approves part → the unit owes the rest → no second request', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	await payPrincipal(page, UNIT, ['2026-07', '2026-08']);

	// The request form: July and August paid in this visit; the later months still owe principal.
	await page.goto('/waivers');
	await page.getByTestId('waiver-unit').fill(UNIT);
	await page.getByTestId('waiver-unit').press('Enter');
	await expect(page).toHaveURL(new RegExp(`/waivers/new\\?unit=${UNIT}`));
	await expect(page.getByTestId('waiver-history-summary')).toHaveText(
		'该房屋此前没有免除申请记录，属首次申请。'
	);
	const jul = page.getByTestId('waiver-bill-2026-07-property');
	await expect(jul).toContainText('本次缴清');
	await expect(jul.locator('input[name="bill"]')).toBeChecked();
	await expect(page.getByTestId('waiver-bill-2026-09-property')).toContainText('本金未缴清');
	await expect(
		page.getByTestId('waiver-bill-2026-09-property').locator('input[name="bill"]')
	).toBeDisabled();
	const julyBillId = (await jul.locator('input[name="bill"]').getAttribute('value'))!;

	// No reason: refused, nothing filed.
	await page.getByTestId('waiver-submit').click();
	await expect(page.getByTestId('waiver-reason-error')).toHaveText('请填写申请原因。');
	await expect(page).toHaveURL(/\/waivers\/new/);

	await page
		.getByTestId('waiver-reason')
		.fill('长期在外地工作，未收到缴费通知，并非故意拖欠，第一次逾期。');
	await page.getByTestId('waiver-submit').click();
	await expect(page).toHaveURL(/\/waivers\/\d+\?filed=1/);
	await expect(page.getByTestId('waiver-filed')).toBeVisible();
	await expect(page.getByTestId('waiver-state')).toHaveText('待审批');
	const id = /\/waivers\/(\d+)/.exec(page.url())![1];
	const requestNo = ((await page.getByTestId('waiver-no').textContent()) ?? '')
		.replace('免除申请', '')
		.trim();
	expect(requestNo).toMatch(/^MC-2026-\d{4}$/);
	const requestedFen = yuan((await page.getByTestId('waiver-requested').textContent()) ?? '');
	expect(requestedFen).toBeGreaterThan(10000);

	// The printed form.
	const pdf = await fetchPdfText(page, `/waivers/${id}.pdf`);
	const flat = pdf.replace(/\s+/g, '');
	expect(flat).toContain('物业服务费滞纳金免除申请表');
	expect(flat).toContain(`申请编号：${requestNo}`);
	expect(flat).toContain(`房号：${UNIT}`);
	expect(flat).toContain('经办人：李晓梅（工号C001）');
	expect(flat).toContain('长期在外地工作，未收到缴费通知，并非故意拖欠，第一次逾期。');
	expect(flat).toContain('该房屋此前没有滞纳金免除申请记录，属首次申请。');
	expect(flat).toContain(`申请免除合计：¥${(requestedFen / 100).toFixed(2)}`);
	expect(flat).toMatch(/申请人（签字）：.*经办人：.*审批人：/);

	// The fee page marks the late fees under the request and does not offer them by default.
	await page.goto(`/fees/${UNIT}`);
	const julFee = page.getByTestId('fees-bill-2026-07-property');
	await expect(julFee).toContainText(/申请免除中|免除申请审批中/);
	await expect(julFee.locator('input[name="late"]')).not.toBeChecked();

	// The manager sees it pending, on the home screen and in the list.
	const manager = await newPage(browser, 'manager');
	await manager.goto('/manager');
	expect(
		Number(await manager.getByTestId('home-waivers-count').textContent())
	).toBeGreaterThanOrEqual(1);
	await manager.goto('/manager/waivers');
	await manager
		.getByTestId(`waiver-row-${requestNo}`)
		.getByRole('link', { name: requestNo })
		.click();
	await expect(manager.getByTestId('waiver-history-summary')).toContainText('属首次申请');

	// Validate first: the server reviews the decision; a refusal shows beside the field with what
	// was typed kept, and no confirmation is asked for an amount that cannot be written.
	const refusedBeforeConfirming = async (
		field: 'waiver-amount-error' | 'waiver-decision-note-error',
		text: string | RegExp,
		typed: string
	) => {
		await manager.getByTestId('waiver-approve').click();
		await expect(manager.getByTestId(field)).toContainText(text);
		await expect(manager.getByTestId('waiver-dialog')).not.toBeVisible();
		await expect(manager.getByTestId('waiver-amount')).toHaveValue(typed);
	};
	await manager.getByTestId('mode-amount').check();
	// Above what is owed.
	const above = ((requestedFen + 1) / 100).toFixed(2);
	await manager.getByTestId('waiver-amount').fill(above);
	await manager.getByTestId('waiver-decision-note').fill('首次逾期，情况属实，免除一部分');
	await refusedBeforeConfirming('waiver-amount-error', '批准金额不能超过可免除的', above);
	// Negative.
	await manager.getByTestId('waiver-amount').fill('-5');
	await refusedBeforeConfirming('waiver-amount-error', '金额不能为负数。', '-5');
	// No note.
	await manager.getByTestId('waiver-amount').fill('100.00');
	await manager.getByTestId('waiver-decision-note').fill('');
	await refusedBeforeConfirming('waiver-decision-note-error', '请填写审批意见。', '100.00');
	await expect(manager.getByTestId('waiver-state')).toHaveText('待审批');

	// Approved in part: ¥100.00, the oldest bill first. The confirmation names the amount and the
	// bill it goes to, as the server worked them out; cancelling keeps the form as typed.
	await manager.getByTestId('waiver-decision-note').fill('首次逾期，情况属实，免除一部分');
	await manager.getByTestId('waiver-approve').click();
	await expect(manager.getByTestId('waiver-confirm-amount')).toHaveText(
		`批准免除 ${UNIT} 的滞纳金共 ¥100.00？批准后写入账目，不能撤销。`
	);
	await expect(manager.getByTestId('waiver-confirm-bills')).toContainText('2026年07月');
	await expect(manager.getByTestId('waiver-confirm-bills')).toContainText('¥100.00');
	await manager.getByRole('button', { name: '取消' }).click();
	await expect(manager.getByTestId('waiver-dialog')).not.toBeVisible();
	await expect(manager.getByTestId('waiver-amount')).toHaveValue('100.00');
	await manager.getByTestId('waiver-approve').click();
	await manager.getByTestId('waiver-confirm').click();
	await expect(manager.getByTestId('waiver-decided')).toHaveText('已批准免除 ¥100.00。');
	await expect(manager.getByTestId('waiver-state')).toHaveText('已批准');
	await expect(manager.getByTestId('waiver-pay-on-time')).toContainText(
		'以后请于每月20日前缴纳物业服务费'
	);
	await expect(manager.getByTestId('waiver-approved')).toHaveText('¥100.00');
	const restFen = requestedFen - 10000;
	await expect(manager.getByTestId('waiver-outcome')).toContainText(
		`未免除的滞纳金 ¥${(restFen / 100).toFixed(2)} 仍需缴纳`
	);

	// Deciding again (a stale tab, a script): refused, nothing changes.
	const again = await postAction(manager, `/manager/waivers/${id}?/approve`, {
		mode: 'full',
		note: '再批一次',
		key: crypto.randomUUID()
	});
	expect(again.body).toMatchObject({ type: 'failure', status: 409 });
	expect(again.text).toContain('该申请已处理，不能再次审批。');
	await manager.reload();
	await expect(manager.getByTestId('waiver-approved')).toHaveText('¥100.00');
	await expect(manager.getByTestId('waiver-decide')).toHaveCount(0);

	// The clerk's page says the sentence; the unit owes the rest of the late fees at the fee page.
	await page.goto(`/waivers/${id}`);
	await expect(page.getByTestId('waiver-pay-on-time')).toContainText(
		'以后请于每月20日前缴纳物业服务费'
	);
	await page.goto(`/fees/${UNIT}`);
	let owed = 0;
	for (const mo of ['2026-07', '2026-08']) {
		for (const row of await page.locator(`tr[data-testid^="fees-bill-${mo}-"]`).all()) {
			await expect(row).not.toContainText(/申请免除中|免除申请审批中/);
			owed += yuan((await row.locator('td').nth(5).textContent()) ?? '0');
		}
	}
	expect(owed).toBe(restFen);

	// A second request for the same bills: not offered, and refused when posted by hand.
	await page.goto(`/waivers/new?unit=${UNIT}`);
	await expect(page.getByTestId('waiver-history-summary')).toContainText('这不是第一次');
	await expect(page.getByTestId('waiver-bill-2026-07-property')).toContainText(
		`已申请过 ${requestNo}（已批准）`
	);
	await expect(
		page.getByTestId('waiver-bill-2026-07-property').locator('input[name="bill"]')
	).toBeDisabled();
	const second = await postAction(page, '/waivers/new?/file', {
		unit: UNIT,
		bill: julyBillId,
		reason: '再申请一次',
		applicant: '业主',
		key: crypto.randomUUID()
	});
	expect(second.body).toMatchObject({ type: 'failure', status: 409 });
	expect(second.text).toContain('已申请过免除并已处理，不能再次申请');
});

test('refusals: another unit’s or an unknown bill; a manager cannot approve a request they filed', async ({
	page,
	browser
}) => {
	const manager = await newPage(browser, 'manager');
	// A manager at the counter takes the principal of 2-2-502 and files the request.
	await payPrincipal(manager, OTHER, 'all');
	await manager.goto(`/waivers/new?unit=${OTHER}`);
	await manager.getByTestId('waiver-reason').fill('出差忘记缴费');
	await manager.getByTestId('waiver-submit').click();
	await expect(manager).toHaveURL(/\/waivers\/\d+\?filed=1/);
	const id = /\/waivers\/(\d+)/.exec(manager.url())![1];

	// Bills that are not the unit's (another unit's, or no such bill): refused, nothing filed.
	await login(page, 'clerk');
	await page.goto(`/waivers/new?unit=${UNIT}`);
	const foreignBill = (await page
		.getByTestId('waiver-bill-2026-08-property')
		.locator('input[name="bill"]')
		.getAttribute('value'))!;
	for (const bill of [foreignBill, '999999999']) {
		const r = await postAction(page, '/waivers/new?/file', {
			unit: OTHER,
			bill,
			reason: '测试',
			applicant: '业主',
			key: crypto.randomUUID()
		});
		expect(r.body, bill).toMatchObject({ type: 'failure', status: 404 });
		expect(r.text).toContain('所选账单不属于该房屋或本小区。');
	}
	const forged = await postAction(page, '/waivers/new?/file', {
		unit: OTHER,
		bill: '1 OR 1=1',
		reason: '测试',
		applicant: '业主',
		key: crypto.randomUUID()
	});
	expect(forged.body).toMatchObject({ type: 'failure', status: 400 });

	// Its own clerk (here a manager) cannot approve it.
	await manager.goto(`/manager/waivers/${id}`);
	await expect(manager.getByTestId('waiver-own')).toBeVisible();
	await manager.getByTestId('waiver-decision-note').fill('同意');
	await manager.getByTestId('waiver-approve').click();
	await expect(manager.getByTestId('waiver-error')).toHaveText('不能审批自己经办的申请。');
	await expect(manager.getByTestId('waiver-dialog')).not.toBeVisible();
	await expect(manager.getByTestId('waiver-state')).toHaveText('待审批');

	// Another manager (the admin) rejects it with a note: the late fee stays owed.
	const admin = await newPage(browser, 'admin');
	await admin.goto(`/manager/waivers/${id}`);
	await admin.getByTestId('waiver-reject').click();
	await expect(admin.getByTestId('waiver-decision-note-error')).toHaveText('请填写审批意见。');
	await expect(admin.getByTestId('waiver-dialog')).not.toBeVisible();
	await admin.getByTestId('waiver-decision-note').fill('经核实并非首次逾期，不予免除');
	await admin.getByTestId('waiver-reject').click();
	await expect(admin.getByTestId('waiver-dialog')).toContainText('确认不予免除');
	await admin.getByTestId('waiver-confirm').click();
	await expect(admin.getByTestId('waiver-decided')).toHaveText('已作不予免除处理。');
	await expect(admin.getByTestId('waiver-state')).toHaveText('不予免除');
	await page.goto(`/fees/${OTHER}`);
	const row = page.locator('tr[data-testid^="fees-bill-2026-11-property"]');
	await expect(row).not.toContainText(/申请免除中|免除申请审批中/);
	expect(yuan((await row.locator('td').nth(5).textContent()) ?? '0')).toBeGreaterThan(0);
});
