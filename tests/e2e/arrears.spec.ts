import type { Page } from '@playwright/test';
import { expect, test, login, open, fetchPdfText, setClockOffset } from './helpers';

/*
 * Arrears (issue 19): the register → tick three units → print their 催缴通知单 (the PDF names the
 * three) → record a call with a promise → a clerk pays one of them at the counter → the register and
 * the collection rate change; a promise not kept is flagged once its day has passed. Bad query
 * strings answer a translated 400 (files) or a message on the page. Uses building 3, entrance 1
 * (the seed leaves floors 3, 7 and 10 owing); today is 2026-11-23 (the e2e clock).
 */

const UNITS = ['3-1-301', '3-1-701', '3-1-1001'];
const DAY = 24 * 60 * 60 * 1000;

/** "¥1,108.81" → 110881. */
function fen(text: string): number {
	const m = /([\d,]+)\.(\d{2})/.exec(text);
	if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
	return Number(m[1].replaceAll(',', '')) * 100 + Number(m[2]);
}
const rate = (text: string) => Number(text.replace('%', ''));

const row = (page: Page, unit: string) =>
	page.getByTestId('arrears-table').locator(`tr[data-unit="${unit}"]`);

test('register → notices for three units → a promised call → a payment changes the register and the collection rate', async ({
	page,
	browser
}) => {
	await login(page, 'manager');
	await page.keyboard.press('Alt+6');
	await expect(page).toHaveURL(/\/arrears$/);
	await expect(page.getByTestId('arrears-title')).toHaveText('欠费台账');

	// Building 3: the three units owe, oldest first by room; totals and the ageing table agree.
	await page.getByTestId('arrears-building').selectOption('3');
	await page.getByTestId('arrears-show').click();
	await expect(page).toHaveURL(/building=3/);
	for (const u of UNITS) await expect(row(page, u)).toBeVisible();
	await expect(row(page, '3-1-701').getByTestId('arrears-months')).toHaveText('5');
	await expect(row(page, '3-1-1001').getByTestId('arrears-months')).toHaveText('2');
	const unitsBefore = Number(await page.getByTestId('arrears-total-units').innerText());
	const totalBefore = fen(await page.getByTestId('arrears-total').innerText());
	const owed701 = fen(await row(page, '3-1-701').getByTestId('arrears-row-total').innerText());
	await expect(page.getByTestId('arrears-ageing-table')).toBeVisible();

	// The A4 list of the building.
	const list = await fetchPdfText(page, '/arrears/list.pdf?building=3');
	expect(list).toContain('欠费台账（3栋）');
	for (const u of UNITS) expect(list).toContain(u);

	// Tick three units and print their notices: one page each, the standard's polite wording.
	for (const u of UNITS) await row(page, u).getByTestId('arrears-pick').check();
	await expect(page.getByTestId('arrears-print-notices')).toContainText('3 户');
	const asked = page
		.context()
		.waitForEvent('request', (r) => new URL(r.url()).pathname === '/arrears/notices.pdf');
	const popup = page.waitForEvent('popup');
	await page.getByTestId('arrears-print-notices').click();
	const pdfUrl = new URL((await asked).url());
	await (await popup).close();
	const notices = await fetchPdfText(page, pdfUrl.pathname + pdfUrl.search);
	expect(notices.match(/物业服务费催缴通知单/g)?.length).toBeGreaterThanOrEqual(3);
	for (const u of UNITS) expect(notices).toContain(u);
	expect(notices).toContain('您好');
	expect(notices).toContain('扫码查看账单');

	// The register shows the notice as each unit's last reminder.
	await page.reload();
	await expect(row(page, '3-1-301').getByTestId('arrears-last-reminder')).toContainText('通知单');

	// A call to 3-1-301: the owner promises to pay by the 25th.
	await row(page, '3-1-301').getByTestId('arrears-unit-link').click();
	await expect(page.getByTestId('arrears-unit-title')).toContainText('3-1-301');
	await page.getByTestId('arrears-kind').selectOption('call');
	await page.getByTestId('arrears-outcome').selectOption('promised');
	// A promise in the past is refused with a message, nothing recorded.
	await page.getByTestId('arrears-promised-date').fill('2026-11-01');
	await page.getByTestId('arrears-record').click();
	await expect(page.getByTestId('arrears-promised-date-error')).toContainText('不能早于今天');
	await page.getByTestId('arrears-promised-date').fill('2026-11-25');
	await page.getByTestId('arrears-note').fill('业主出差，周三回来缴');
	await page.getByTestId('arrears-record').click();
	await expect(page.getByTestId('arrears-reminder-saved')).toBeVisible();
	await expect(page.getByTestId('arrears-history')).toContainText('承诺缴费');
	await expect(page.getByTestId('arrears-history')).toContainText('2026-11-25');

	// Collection rate of this month before the payment.
	await open(page, '/arrears/collection');
	await expect(page.getByTestId('collection-definitions')).toContainText(
		'收缴率 = 当期实收 ÷ 当期应收'
	);
	const rateBefore = rate(await page.getByTestId('collection-rate').innerText());
	const arrearsRateBefore = rate(await page.getByTestId('collection-arrears-rate').innerText());
	await expect(page.getByTestId('collection-trend-table').locator('tbody tr')).toHaveCount(12);

	// A clerk takes 3-1-701's five months at the counter (WeChat: no cash, no shift needed).
	const clerkContext = await browser.newContext();
	const clerk = await clerkContext.newPage();
	await login(clerk, 'clerk');
	await open(clerk, '/fees/3-1-701');
	await expect(clerk.getByTestId('fees-bills')).toBeVisible();
	await clerk.getByTestId('method-wechat').check();
	await clerk.getByLabel('交易单号').fill('WX4200009988776655');
	await clerk.locator('#payerName').fill('业主本人');
	await clerk.getByTestId('fees-review').click();
	await clerk.getByTestId('fees-confirm-pay').click();
	await expect(clerk).toHaveURL(/\/fees\/receipt\/SF-2026-\d{6}$/);
	await clerkContext.close();

	// The register: 3-1-701 is gone, the totals fall by what it owed.
	await open(page, '/arrears?building=3');
	await expect(row(page, '3-1-701')).toHaveCount(0);
	await expect(page.getByTestId('arrears-total-units')).toHaveText(String(unitsBefore - 1));
	expect(fen(await page.getByTestId('arrears-total').innerText())).toBe(totalBefore - owed701);

	// The collection rate: this month's and the arrears' both rose.
	await open(page, '/arrears/collection');
	expect(rate(await page.getByTestId('collection-rate').innerText())).toBeGreaterThan(rateBefore);
	expect(rate(await page.getByTestId('collection-arrears-rate').innerText())).toBeGreaterThan(
		arrearsRateBefore
	);

	// Three days on, the promise of the 25th has not been kept.
	try {
		await setClockOffset(page.request, 3 * DAY);
		await login(page, 'manager'); // three days on, the session has expired
		await open(page, '/arrears?building=3');
		await expect(row(page, '3-1-301').getByTestId('arrears-promise-broken')).toContainText(
			'2026-11-25'
		);
		await expect(row(page, '3-1-1001').getByTestId('arrears-promise-broken')).toHaveCount(0);
	} finally {
		await setClockOffset(page.request, 0);
	}
});

test('bad filters and periods: a message on the page, a translated 400 for files, never a 500', async ({
	page
}) => {
	await login(page, 'manager');
	await open(page, '/arrears?building=99');
	await expect(page.getByTestId('arrears-error')).toContainText('没有“99”栋');
	await open(page, '/arrears/collection?from=2026-11&to=2026-01');
	await expect(page.getByTestId('collection-error')).toContainText('起始月份不能晚于截止月份');
	await open(page, '/arrears/collection?from=2024-01&to=2026-11');
	await expect(page.getByTestId('collection-error')).toContainText('一次最多查看 12 个月');
	for (const [url, text] of [
		['/arrears/export.csv?building=99', '没有“99”栋'],
		['/arrears/export.xlsx?asOf=2027-01-01', '不能晚于今天'],
		['/arrears/list.pdf', '请先选择一个楼栋'],
		['/arrears/list.pdf?building=3&min=abc', '金额格式不正确'],
		['/arrears/notices.pdf?batch=not-a-batch-0000000&format=a4', '找不到这批催缴通知单'],
		['/arrears/notices.pdf?batch=x&format=a3', '表单已失效']
	] as const) {
		const res = await page.request.get(url);
		expect(res.status(), url).toBe(400);
		expect(await res.text(), url).toContain(text);
	}
	// The exports of a good filter.
	const csv = await page.request.get('/arrears/export.csv?building=3');
	expect(csv.status()).toBe(200);
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain('3-1-301');
	const xlsx = await page.request.get('/arrears/export.xlsx?building=3');
	expect(xlsx.status()).toBe(200);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
});

test('a clerk reads the register (pages of 100, filters and sort kept) and a unit, but records nothing: 403', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/arrears?sort=total');
	await expect(page.getByTestId('arrears-title')).toBeVisible();
	await expect(page.getByTestId('arrears-read-only')).toBeVisible();
	await expect(page.getByTestId('arrears-notices-form')).toHaveCount(0);
	await expect(page.getByTestId('arrears-csv')).toHaveCount(0);
	await expect(page.getByTestId('arrears-pick')).toHaveCount(0);
	// The totals are over every row; a page shows 100 of them.
	const units = Number(await page.getByTestId('arrears-total-units').innerText());
	const total = await page.getByTestId('arrears-total').innerText();
	expect(units).toBeGreaterThan(100);
	const rows = page.getByTestId('arrears-table').locator('tbody tr');
	await expect(rows).toHaveCount(100);
	await expect(page.getByTestId('arrears-page-of').first()).toContainText(`共 ${units} 户`);
	const firstOfPage1 = await rows.first().getAttribute('data-unit');
	await page.getByTestId('arrears-page-next').first().click();
	await expect(page).toHaveURL(/[?&]sort=total/);
	await expect(page).toHaveURL(/[?&]page=2/);
	await expect(page.getByTestId('arrears-page-of').first()).toContainText('第 101–');
	await expect(page.getByTestId('arrears-total')).toHaveText(total);
	expect(await rows.first().getAttribute('data-unit')).not.toBe(firstOfPage1);
	// Page 2 by amount: its first row owes no more than page 1's last did.
	const page2First = fen(await rows.first().getByTestId('arrears-row-total').innerText());
	await page.getByTestId('arrears-page-prev').first().click();
	await expect(page).toHaveURL(/[?&]page=1/);
	expect(
		fen(await rows.last().getByTestId('arrears-row-total').innerText())
	).toBeGreaterThanOrEqual(page2First);
	// A page out of range shows the last one, never an error.
	await open(page, '/arrears?sort=total&page=999');
	await expect(page.getByTestId('arrears-page-next')).toHaveCount(0);

	// A unit's arrears: read only, and a reminder posted anyway is refused with the translated 403 page.
	await open(page, '/arrears?building=3');
	await row(page, UNITS[0]).getByTestId('arrears-unit-link').click();
	await expect(page.getByTestId('arrears-unit-title')).toContainText(UNITS[0]);
	await expect(page.getByTestId('arrears-reminder-form')).toHaveCount(0);
	await expect(page.getByTestId('arrears-read-only')).toBeVisible();
	await page.evaluate(() => {
		const form = document.createElement('form');
		form.method = 'POST';
		form.action = '?/remind';
		for (const [name, value] of Object.entries({
			formKey: 'clerk-try',
			kind: 'call',
			outcome: 'refused'
		})) {
			const input = document.createElement('input');
			input.name = name;
			input.value = value;
			form.append(input);
		}
		document.body.append(form);
		form.submit();
	});
	await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '403');
	await expect(page.getByTestId('error-page')).toContainText('无权访问');
});

test('the notice’s QR link prefills the room at the kiosk; a room that could not be typed is ignored', async ({
	page
}) => {
	await open(page, `/kiosk/identify?room=${UNITS[0]}&next=/kiosk/me/bills&via=mobile&c=LMXG`);
	await expect(page.getByTestId('identify-room')).toHaveValue(UNITS[0]);
	await open(page, '/kiosk/identify?room=%3Cscript%3E');
	await expect(page.getByTestId('identify-room')).toHaveValue('');
});
