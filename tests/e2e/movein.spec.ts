import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, open } from './helpers';

/*
 * Move-in (接房), issue 05. Units used: building 8 only (seeded mostly "not handed over"):
 * 8-1-802 (company owner, not handed over), 8-1-101 (individual, not handed over),
 * 8-1-302 (occupied). The clock is not moved.
 */

const CASE_URL = /\/movein\/(\d+)(\?.*)?$/;

async function openMoveIn(
	page: Page,
	unit: string,
	opts: { ownerType?: string; mortgage?: boolean; proxy?: string; persons?: number } = {}
): Promise<string> {
	await open(page, `/movein?unit=${unit}`);
	const form = page.getByTestId('movein-open-form');
	if (opts.ownerType) await form.getByLabel('业主类型').selectOption(opts.ownerType);
	if (opts.mortgage) await form.getByLabel('按揭购房').check();
	if (opts.proxy) {
		await form.getByLabel('委托他人代办').check();
		await form.getByLabel('代办人姓名').fill(opts.proxy);
		await form.getByLabel('代办人证件号码').fill('330100199001010011');
	}
	if (opts.persons) await form.getByLabel(/入住人数/).fill(String(opts.persons));
	await page.getByTestId('movein-open').click();
	await expect(page).toHaveURL(CASE_URL);
	return new URL(page.url()).pathname;
}

async function tick(page: Page, code: string) {
	await page.getByTestId(`tick-${code}`).click();
	await expect(page.getByTestId('movein-ok')).toBeVisible();
	await expect(page.locator(`tr[data-item="${code}"]`)).toHaveClass(/done/);
}

async function completeWithKeys(page: Page, keys: string) {
	await page.getByTestId('movein-keys').fill(keys);
	await page.getByTestId('movein-complete').click();
	await page.getByTestId('movein-complete-confirm').click();
}

test('company owner with mortgage through a proxy, over two visits, to occupied', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');

	// Notice dates: bulk set for building 8 (the date it already has: other data stays as seeded).
	await open(page, '/movein/notice');
	await page.getByTestId('notice-building').fill('8');
	await page.getByTestId('notice-building-date').fill('2025-06-15');
	await page.getByTestId('notice-building-submit').click();
	await page.getByTestId('notice-building-confirm').click();
	await expect(page.getByTestId('notice-ok')).toContainText(
		/已将 8 栋 \d+ 户未接房房屋的接房通知日期设为 2025-06-15/
	);

	// The pending list shows the unit with its notice date and how long ago.
	await page.goto('/movein/pending?building=8');
	const row = page.locator('tr[data-unit="8-1-802"]');
	await expect(row).toContainText('2025-06-15');
	await expect(row).toContainText('526 天前');
	await expect(page.locator('tr[data-unit="8-1-302"]')).toHaveCount(0); // occupied: not pending

	// First visit: the proxy brings part of the papers.
	await page.goto('/movein?unit=8-1-802');
	await expect(page.getByTestId('movein-open-form').getByLabel('业主类型')).toHaveValue('company'); // from the owner on file
	const casePath = await openMoveIn(page, '8-1-802', {
		mortgage: true,
		proxy: '赵代办',
		persons: 2
	});
	const checklist = page.getByTestId('movein-checklist');
	for (const code of [
		'loan_contract',
		'mortgage_contract',
		'bank_posting_slip',
		'business_licence_duplicate',
		'company_seal',
		'proxy_authorisation',
		'proxy_id',
		'household_photos'
	]) {
		await expect(checklist.locator(`tr[data-item="${code}"]`)).toHaveCount(1);
	}
	await expect(checklist.locator('tr[data-item="owner_id_or_passport"]')).toHaveCount(0);
	await expect(checklist.locator('tr[data-item="household_photos"]')).toContainText('4 张');
	await tick(page, 'purchase_contract');
	await tick(page, 'business_licence_duplicate');
	await tick(page, 'company_seal');
	await tick(page, 'proxy_authorisation');
	await tick(page, 'proxy_id');
	await expect(checklist.locator('tr[data-item="purchase_contract"]')).toContainText('李晓梅');
	// Note what is missing.
	await page.locator('tr[data-item="deed_tax"] summary').click();
	await page.getByTestId('note-deed_tax').fill('契税发票下周补交');
	await page.getByTestId('note-deed_tax').press('Enter');
	await expect(page.getByTestId('movein-ok')).toContainText('已记录缺件');
	await expect(checklist.locator('tr[data-item="deed_tax"]')).toContainText('契税发票下周补交');

	// The printed checklist for the owner: what is missing, highlighted.
	const text = (await fetchPdfText(page, `${casePath}/checklist.pdf`)).replace(/\s+/g, '');
	expect(text).toContain('接房资料清单');
	expect(text).toContain('您接房时需提供的资料');
	expect(text).toContain('尚需提供（共12项）');
	expect(text).toContain('借款合同（原件）');
	expect(text).toContain('契税发票下周补交');
	expect(text).toContain('前6个月物业服务费（2026年11月至2027年04月）');
	expect(text).not.toMatch(/★\d+\.购房合同/);
	expect(text).toContain('委托书（盖上手印）');

	// Completing now is refused with the reasons; nothing changes.
	await completeWithKeys(page, '2');
	await expect(page.getByTestId('movein-error')).toContainText('以下必需资料尚未收齐');
	await expect(page.getByTestId('movein-status')).toHaveText('办理中');
	await expect(page.getByTestId('movein-occupancy')).toHaveText('未接房');

	// They leave. Second visit, another clerk continues from the list of open cases.
	const context2 = await browser.newContext();
	const page2 = await context2.newPage();
	await login(page2, 'clerk2');
	await page2.goto('/movein');
	const openRow = page2.getByTestId('movein-open-cases').locator('tr', { hasText: '8-1-802' });
	await expect(openRow).toContainText('5/16');
	await openRow.getByRole('link', { name: '继续办理' }).click();
	await expect(page2).toHaveURL(new RegExp(`${casePath}$`));
	// Tick everything still outstanding (all required for a company).
	const pending = page2.locator('[data-testid^="tick-"]');
	while ((await pending.count()) > 0) {
		const code = (await pending.first().getAttribute('data-testid'))!.slice('tick-'.length);
		await tick(page2, code);
	}
	await expect(page2.getByTestId('movein-missing-count')).toHaveText('必需资料已收齐');
	await expect(page2.locator('tr[data-item="deed_tax"]')).toContainText('王建国');

	// All papers in, the six months not paid yet: refused.
	await expect(page2.getByTestId('movein-months-status')).toHaveText('未缴清');
	await completeWithKeys(page2, '2');
	await expect(page2.getByTestId('movein-error')).toContainText(
		'前 6 个月物业服务费（2026-11 至 2027-04）尚未缴清'
	);
	await expect(page2.getByTestId('movein-occupancy')).toHaveText('未接房');

	// Pay the six months through the fee counter.
	await page2.getByTestId('movein-pay-months').click();
	await expect(page2).toHaveURL(/\/fees\/8-1-802\?prepay=6$/);
	// 2026-11 is billed (and paid) already: the prepayment itself covers 2026-12 to 2027-04.
	await expect(page2.getByTestId('fees-prepay')).toHaveValue('5');
	await page2.getByTestId('method-wechat').check();
	await page2.getByLabel('交易单号').fill('WX20261123802');
	await page2.getByTestId('fees-review').click();
	await page2.getByTestId('fees-confirm-pay').click();
	await expect(page2).toHaveURL(/\/fees\/receipt\//);

	// Back to the case: paid; complete with the key handover.
	await page2.goto(casePath);
	await expect(page2.getByTestId('movein-months-status')).toHaveText('已缴清');
	await completeWithKeys(page2, '3');
	await expect(page2).toHaveURL(/\?completed=1$/);
	await expect(page2.getByTestId('movein-completed')).toContainText('8-1-802 已入住');
	await expect(page2.getByTestId('movein-status')).toHaveText('已完成');
	await expect(page2.getByTestId('movein-occupancy')).toHaveText('已入住');
	await expect(page2.getByTestId('movein-completed-info')).toContainText(
		'交付钥匙 3 把，领取人：赵代办'
	);
	await expect(page2.getByTestId('movein-complete')).toHaveCount(0);

	// The unit now shows occupied; no new move-in, and it left the pending list.
	await page2.goto('/movein?unit=8-1-802');
	await expect(page2.getByTestId('movein-occupancy')).toHaveText('已入住');
	await expect(page2.getByTestId('movein-occupied')).toBeVisible();
	await page2.goto('/movein/pending?building=8');
	await expect(page2.locator('tr[data-unit="8-1-802"]')).toHaveCount(0);
	await page2.goto('/movein');
	await expect(page2.getByText('8-1-802')).toHaveCount(0); // no longer among the open cases
	const done = (await fetchPdfText(page2, `${casePath}/checklist.pdf`)).replace(/\s+/g, '');
	expect(done).toContain('交付钥匙3把，领取人：赵代办');
	await context2.close();
});

test('bad input: ticking twice, completing with items missing, a case for an occupied unit', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	const casePath = await openMoveIn(page, '8-1-101');

	// Two windows on the same case: the second tick of the same item is refused.
	const context2 = await browser.newContext();
	const other = await context2.newPage();
	await login(other, 'clerk2');
	await open(other, casePath);
	await tick(page, 'purchase_contract');
	await other.getByTestId('tick-purchase_contract').click();
	await expect(other.getByTestId('movein-error')).toContainText('该资料已由 李晓梅 于');
	await expect(other.getByTestId('movein-error')).toContainText('不能重复收取');
	await expect(other.locator('tr[data-item="purchase_contract"]')).toContainText('李晓梅');
	await context2.close();

	// Completing with items missing: the message names them; nothing is written.
	await completeWithKeys(page, '2');
	await expect(page.getByTestId('movein-error')).toContainText('不能完成接房');
	await expect(page.getByTestId('movein-error')).toContainText('已缴纳款项的全部收据、发票');
	await expect(page.getByTestId('movein-status')).toHaveText('办理中');
	await expect(page.getByTestId('movein-occupancy')).toHaveText('未接房');
	await expect(page.getByTestId('movein-keys')).toHaveValue('2'); // what was typed stays
	// No keys counted: a field message.
	await completeWithKeys(page, '0');
	await expect(page.getByTestId('movein-error')).toContainText('请填写交付钥匙数量');

	// An occupied unit: the page offers no move-in, and the server refuses a forged request.
	await page.goto('/movein?unit=8-1-302');
	await expect(page.getByTestId('movein-occupancy')).toHaveText('已入住');
	await expect(page.getByTestId('movein-occupied')).toBeVisible();
	await expect(page.getByTestId('movein-open-form')).toHaveCount(0);
	const base = new URL(page.url()).origin;
	const res = await page.request.post('/movein?/open', {
		form: { unitCode: '8-1-302', ownerType: 'individual', persons: '1' },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(409);
	expect(await res.text()).toContain('该房屋已入住，不能办理接房');
	await page.goto('/movein');
	await expect(page.getByTestId('movein-open-cases')).not.toContainText('8-1-302');
});
