import { expect, test, login, open, fetchPdfText, postAction, takeOverShift } from './helpers';

/*
 * 物品寄存 and 物品放行 (issue 21). Safekeeping: an unknown unit is refused with nothing written;
 * goods are taken for a named person, the 80 mm claim slip (read back with pdftotext) carries the
 * number and code; the handover lists them while kept; a claim without an ID or by someone else is
 * refused; the named person claims with an ID check; a second claim is refused. Release: an
 * unknown unit, no consent and a past valid-until date are refused with nothing written; a
 * release by phone consent prints its 放行条, is handed over while pending, passes once. The A4
 * logs and the CSV list both. The e2e clock starts at 2026-11-23 09:00.
 */

/** This test's rows: the demo seed keeps goods of its own (unit 5-1-502) in the lists too. */
const rows = (page: import('@playwright/test').Page, tab: 'deposit' | 'release') =>
	page
		.getByTestId(`item-${tab}-table`)
		.locator('tbody tr')
		.filter({ hasText: tab === 'deposit' ? '1-1-101' : '1-1-102' });

test('deposit → claim slip → handover → claim with ID once; release → slip → passed once; logs and CSV', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/items');
	const dep = page.getByTestId('item-deposit-form');

	// An unknown unit: refused, nothing kept.
	await dep.getByLabel('寄存人', { exact: true }).fill('王芳');
	await dep.getByLabel('联系电话').fill('13800001111');
	await dep.getByLabel('房号').fill('9-9-999');
	await dep.getByLabel('物品', { exact: true }).fill('快递纸箱');
	await dep.getByLabel('件数').fill('2');
	await page.getByTestId('item-claimer-named').check();
	await dep.getByLabel('指定领取人').fill('李四');
	await page.getByTestId('item-deposit-save').click();
	await expect(page.getByTestId('items-error')).toHaveText('没有房号 9-9-999。');
	await expect(page.getByTestId('item-deposit-save')).toBeEnabled();
	await expect(dep.getByLabel('房号')).toHaveValue('9-9-999');
	await expect(rows(page, 'deposit')).toHaveCount(0);

	await dep.getByLabel('房号').fill('1-1-101');
	await expect(dep.getByLabel('取件期限')).toHaveValue('2026-11-30');
	await page.getByTestId('item-deposit-save').click();
	await expect(page.getByTestId('items-ok')).toHaveText(
		/^已登记寄存，取件单号 JC20261123-\d{3}。$/
	);
	const claimNo = (await page.getByTestId('items-ok').textContent())!.match(/JC\d{8}-\d{3}/)![0];
	await expect(rows(page, 'deposit')).toHaveCount(1);
	await expect(rows(page, 'deposit').first().getByTestId('item-state')).toHaveText('寄存中');

	// The claim slip: 80 mm, its number and a six-digit code.
	const slipHref = await page.getByTestId('item-slip').getAttribute('href');
	const slip = await fetchPdfText(page, slipHref!);
	expect(slip).toContain('物品寄存取件单');
	expect(slip).toContain(claimNo);
	expect(slip).toContain('李四');
	expect(slip).toContain('2026-11-30 前');
	const code = slip.match(/取件码\s+(\d{6})/)![1];

	// Handed over at shift change while kept.
	await takeOverShift(page);
	await open(page, '/shift');
	await expect(page.getByTestId('shift-registers')).toContainText(claimNo);
	await expect(page.getByTestId('shift-registers')).toContainText('快递纸箱');

	await open(page, '/counter');
	// The demo keeps a bag and a box and has a sofa waiting at the gate; this makes three kept.
	await expect(page.getByTestId('item-panel-open')).toHaveText('寄存 3 件，待放行 1 单');

	// A claim without an ID check, and one by someone not named: refused.
	await open(page, '/items');
	const claim = page.getByTestId('item-claim-form');
	await claim.getByLabel('取件单号或取件码').fill(code);
	await claim.getByLabel('领取人姓名').fill('李四');
	await page.getByTestId('item-claim-save').click();
	await expect(claim.getByText('请核对证件并填写证件号后四位。')).toBeVisible();
	await expect(page.getByTestId('item-claim-save')).toBeEnabled();
	await claim.getByLabel('领取人姓名').fill('王五');
	await claim.getByLabel('证件类型').selectOption('id_card');
	await claim.getByLabel('证件号后四位').fill('123x');
	await page.getByTestId('item-claim-save').click();
	await expect(page.getByTestId('items-error')).toHaveText('领取人与取件单上的领取人不符。');
	await expect(page.getByTestId('item-claim-save')).toBeEnabled();
	await expect(rows(page, 'deposit').first().getByTestId('item-state')).toHaveText('寄存中');

	await claim.getByLabel('领取人姓名').fill('李四');
	await page.getByTestId('item-claim-save').click();
	await expect(page.getByTestId('items-ok')).toHaveText(`${claimNo} 已领取。`);
	await expect(rows(page, 'deposit')).toHaveCount(0);

	// Not twice, by number either.
	await claim.getByLabel('取件单号或取件码').fill(claimNo);
	await claim.getByLabel('领取人姓名').fill('李四');
	await claim.getByLabel('证件类型').selectOption('id_card');
	await claim.getByLabel('证件号后四位').fill('123X');
	await page.getByTestId('item-claim-save').click();
	await expect(page.getByTestId('items-error')).toHaveText(
		`${claimNo} 的物品已被领取，不能重复领取。`
	);
	await open(page, '/items?view=closed');
	const claimed = rows(page, 'deposit').first();
	await expect(claimed.getByTestId('item-state')).toHaveText('已领取');
	await expect(claimed).toContainText('李四 身份证 123X');

	// Release: an unknown unit, then no consent, are refused and nothing is written.
	await open(page, '/items?tab=release');
	const rel = page.getByTestId('item-release-form');
	await rel.getByLabel('房号').fill('9-9-999');
	await rel.getByLabel('物品', { exact: true }).fill('旧沙发一套');
	await rel.getByLabel('搬运人').fill('赵师傅');
	await rel.getByLabel('联系电话').fill('13900002222');
	await rel.getByLabel('车牌').fill('浙a12345');
	await page.getByTestId('item-release-save').click();
	await expect(page.getByTestId('items-error')).toHaveText('没有房号 9-9-999。');
	await expect(page.getByTestId('item-release-save')).toBeEnabled();
	await rel.getByLabel('房号').fill('1-1-102');
	await page.getByTestId('item-release-save').click();
	await expect(page.getByTestId('items-error')).toHaveText(
		'没有业主同意不能放行，请选择业主同意的方式。'
	);
	await expect(page.getByTestId('item-release-save')).toBeEnabled();
	await expect(rows(page, 'release')).toHaveCount(0);

	// A valid-until date in the past: the browser will not send it; the server refuses it if sent.
	const past = await postAction(page, '/items?/release', {
		unit: '1-1-102',
		items: '旧沙发一套',
		itemCount: '1',
		carrierName: '赵师傅',
		carrierPhone: '13900002222',
		consent: 'phone',
		consentPhone: '13700003333',
		consentBy: '陈先生',
		validUntil: '2026-11-22',
		formKey: 'e2e-items-past-0001'
	});
	expect(past.text).toContain('"status":400');
	expect(past.text).toContain('有效期不能早于今天。');
	await open(page, '/items?tab=release');
	await expect(rows(page, 'release')).toHaveCount(0);

	await rel.getByLabel('房号').fill('1-1-102');
	await rel.getByLabel('物品', { exact: true }).fill('旧沙发一套');
	await rel.getByLabel('搬运人').fill('赵师傅');
	await rel.getByLabel('联系电话').fill('13900002222');
	await rel.getByLabel('车牌').fill('浙a12345');
	await page.getByTestId('item-consent-phone').check();
	await rel.getByLabel('拨打的号码').fill('13700003333');
	await rel.getByLabel('接听人').fill('陈先生');
	await page.getByTestId('item-release-save').click();
	await expect(page.getByTestId('items-ok')).toHaveText(/^已开具放行条 FX20261123-\d{3}。$/);
	const releaseNo = (await page.getByTestId('items-ok').textContent())!.match(/FX\d{8}-\d{3}/)![0];
	const releaseSlip = await fetchPdfText(
		page,
		(await page.getByTestId('item-slip').getAttribute('href'))!
	);
	expect(releaseSlip).toContain('物品放行条');
	expect(releaseSlip).toContain(releaseNo);
	expect(releaseSlip).toContain('浙A12345');
	expect(releaseSlip).toContain('电话确认');

	await open(page, '/shift');
	await expect(page.getByTestId('shift-registers')).toContainText(releaseNo);
	await expect(page.getByTestId('shift-registers')).not.toContainText(claimNo);

	await open(page, '/items?tab=release');
	const pending = rows(page, 'release').first();
	await expect(pending.getByTestId('item-state')).toHaveText('待放行');
	const releaseId = await pending.getAttribute('data-id');
	await pending.getByTestId('item-pass-note').fill('门岗已核对');
	await pending.getByTestId('item-pass').click();
	await expect(page.getByTestId('items-ok')).toHaveText('已记为放行。');
	await expect(rows(page, 'release')).toHaveCount(0);
	const again = await postAction(page, '/items?/pass', { id: releaseId!, note: '' });
	expect(again.text).toContain(`放行条 ${releaseNo} 已放行过，不能重复放行。`);
	await open(page, '/items?tab=release&view=closed');
	await expect(rows(page, 'release').first().getByTestId('item-state')).toHaveText('已放行');

	const depositLog = await fetchPdfText(page, '/items/log.pdf?from=2026-11-23&to=2026-11-23');
	expect(depositLog).toContain('物品寄存登记簿');
	expect(depositLog).toContain(claimNo);
	expect(depositLog).toContain('已领取');
	const releaseLog = await fetchPdfText(
		page,
		'/items/log.pdf?tab=release&from=2026-11-23&to=2026-11-23'
	);
	expect(releaseLog).toContain('物品放行登记簿');
	expect(releaseLog).toContain(releaseNo);
	expect(releaseLog).toContain('已放行');
	const csv = await page.request.get('/items/export.csv?tab=release&view=all');
	expect(csv.status()).toBe(200);
	const body = await csv.text();
	expect(body.split('\r\n')[0]).toContain('放行条号,房号,物品');
	expect(body).toContain(`${releaseNo},1-1-102,旧沙发一套,1,赵师傅`);
	const deposits = await (await page.request.get('/items/export.csv?view=all')).text();
	expect(deposits).toContain(`${claimNo},1-1-101,王芳`);
});
