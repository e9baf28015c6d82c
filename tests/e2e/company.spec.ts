import { readFileSync } from 'node:fs';
import { expect, fetchPdfText, test, login, open, postAction } from './helpers';

/*
 * Head office (issue 22, first slice). The demo seeds a second community (荷香苑, HXY) beside
 * 鹿鸣溪谷 (LMXG), a head-office account `hq`, and clerk2 as a clerk in both. Head office sees
 * both centres side by side, exports them, drills into one (it becomes the current community,
 * read-only) and cannot post, and reads the company month report of October (PDF, CSV, a drill into
 * one centre’s own month report); clerk2 switches community and sees the other one's units, and none of the first one's parcels.
 */

test('head office compares the two centres, exports them, drills into one and cannot post', async ({
	page
}) => {
	await login(page, 'hq');
	await expect(page).toHaveURL(/\/company$/);
	await expect(page.getByTestId('company-title')).toHaveText('集团总部');
	const rows = page.getByTestId('company-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('鹿鸣溪谷');
	await expect(rows.nth(1)).toContainText('荷香苑');
	// Both have a year of bills: an arrears figure and a collection rate each.
	for (const code of ['LMXG', 'HXY']) {
		const row = page.locator(`[data-testid="company-row"][data-code="${code}"]`);
		await expect(row.getByTestId('company-rate')).toHaveText(/^\d+\.\d\d%$/);
		await expect(row.getByTestId('company-arrears')).toHaveText(/^¥[\d,]+\.\d\d$/);
	}
	await expect(page.getByTestId('current-user')).toContainText('集团总部（只读）');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('company-csv').click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv).toContain('鹿鸣溪谷管理处客户服务中心');
	expect(csv).toContain('荷香苑管理处客户服务中心');
	expect(csv).toContain('合计');

	// Drill into 荷香苑's reports: it is now the current community in the header.
	await page
		.locator('[data-testid="company-row"][data-code="HXY"]')
		.getByTestId('drill-reports')
		.click();
	await expect(page).toHaveURL(/\/reports/);
	await expect(page.getByTestId('community-switch').locator('option:checked')).toHaveText('荷香苑');
	await open(page, '/records?building=1');
	await expect(page.getByTestId('unit-row')).toHaveCount(6);
	// No editing offered, and a post is refused before any action runs.
	await expect(page.getByText('您可以查看档案')).toBeVisible();
	const origin = new URL(page.url()).origin;
	const refused = await page.request.post('/errands?/create', {
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		form: {
			kind: 'callback',
			unit: '1-1-101',
			requester: '总部',
			recipient: '总部',
			content: '试图登记',
			due: '2026-11-23T18:00',
			formKey: 'e2e-hq-refused-0001'
		}
	});
	expect(refused.status()).toBe(403);
	const pay = await page.request.post('/fees/1-1-101?/pay', {
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		form: { method: 'wechat' }
	});
	expect(pay.status()).toBe(403);
	// An admin's page stays closed to head office.
	const admin = await page.request.get('/admin');
	expect(admin.status()).toBe(403);
});

test('a clerk with two memberships switches and sees the other community’s units', async ({
	page
}) => {
	await login(page, 'clerk2');
	const sw = page.getByTestId('community-switch');
	await expect(sw.locator('option:checked')).toHaveText('鹿鸣溪谷');
	await open(page, '/records');
	await expect(page.getByTestId('building-link')).toHaveCount(8);
	// The registers read the session's community too: 鹿鸣溪谷's seeded parcels wait here…
	await open(page, '/parcels');
	const parcel = page.getByTestId('parcel-table').locator('tbody tr[data-id]').first();
	await expect(parcel).toBeVisible();
	const parcelId = await parcel.getAttribute('data-id');

	await Promise.all([page.waitForURL(/\/counter/), sw.selectOption({ label: '荷香苑' })]);
	// …and not in 荷香苑, whose clerk cannot open one of them by its number either.
	await open(page, '/parcels');
	await expect(page.getByTestId('parcel-empty')).toBeVisible();
	const handover = await postAction(page, '/parcels?/handover', {
		id: parcelId!,
		collector: '钱多多',
		idType: 'id_card',
		idLast4: '203X'
	});
	expect(handover.text).toContain('没有找到这件快递或这份授权');
	await expect(page.getByTestId('community-switch').locator('option:checked')).toHaveText('荷香苑');
	await open(page, '/records');
	await expect(page.getByTestId('building-link')).toHaveCount(2);
	await open(page, '/records?building=2');
	await expect(page.getByTestId('unit-row')).toHaveCount(6);
	await expect(page.locator('[data-testid="unit-row"][data-code="2-1-301"]')).toBeVisible();

	// And back: the first community's units again.
	await Promise.all([
		page.waitForURL(/\/counter/),
		page.getByTestId('community-switch').selectOption({ label: '鹿鸣溪谷' })
	]);
	await open(page, '/records');
	await expect(page.getByTestId('building-link')).toHaveCount(8);
	await open(page, '/parcels');
	await expect(
		page.locator(`[data-testid="parcel-table"] tbody tr[data-id="${parcelId}"]`)
	).toHaveAttribute('data-state', /waiting|overdue/);
});

test('a one-community clerk sees the community name and no switcher', async ({ page }) => {
	await login(page, 'clerk');
	await expect(page.getByTestId('current-community')).toHaveText('鹿鸣溪谷');
	await expect(page.getByTestId('community-switch')).toHaveCount(0);
});

test('head office: the company month report of last month, its PDF and CSV, and a drill into one centre’s month', async ({
	page
}) => {
	await login(page, 'hq');
	await page.getByTestId('company-report').click();
	await expect(page).toHaveURL(/\/company\/report$/);
	await expect(page.getByTestId('company-report-title')).toHaveText('集团各管理处月报');
	// The month in progress has today's column; last month (over) does not.
	await expect(page.getByTestId('company-row').first().getByTestId('company-today')).toHaveCount(1);
	await page.getByTestId('company-report-last-month').click();
	await expect(page).toHaveURL(/month=2026-10/);
	const rows = page.getByTestId('company-row');
	await expect(rows).toHaveCount(2);
	await expect(page.getByTestId('company-today')).toHaveCount(0);
	const lmxg = page.locator('[data-testid="company-row"][data-code="LMXG"]');
	await expect(lmxg).toContainText('2026-10-31');
	const month = (await lmxg.getByTestId('company-month').textContent())!.trim();
	expect(month).toMatch(/^¥[\d,]+\.\d\d$/);

	const pdf = await fetchPdfText(
		page,
		(await page.getByTestId('company-report-pdf').getAttribute('href'))!
	);
	for (const s of [
		'集团各管理处月报',
		'2026年10月',
		'鹿鸣溪谷（LMXG）',
		'荷香苑（HXY）',
		'合计',
		'收缴率',
		'欠费账龄',
		'超时工单',
		'押金余额',
		month
	])
		expect(pdf).toContain(s);
	expect(pdf).not.toContain('今日实收');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('company-report-csv').click()
	]);
	expect(download.suggestedFilename()).toBe('集团各管理处月报-2026-10.csv');
	const lines = readFileSync((await download.path())!, 'utf8')
		.replace(/^\uFEFF/, '')
		.split('\r\n');
	const header = lines.findIndex((l) => l.startsWith('编号,'));
	expect(lines[header].split(',')).toEqual([
		'编号',
		'管理处',
		'截至',
		'本月实收净额',
		'作废笔数',
		'作废金额',
		'当期应收',
		'当期实收',
		'收缴率',
		'欠费户数',
		'欠费合计',
		'30天以内',
		'31–90天',
		'91–180天',
		'181–365天',
		'一年以上',
		'未结工单',
		'超时工单',
		'超时投诉',
		'减免批准笔数',
		'减免金额',
		'押金余额'
	]);
	const lmxgLine = lines[header + 1].split(',');
	expect(lmxgLine.slice(0, 3)).toEqual(['LMXG', '鹿鸣溪谷', '2026-10-31']);
	expect(lmxgLine[3]).toBe(month.replace(/[¥,]/g, ''));
	expect(lines[header + 2].split(',').slice(0, 2)).toEqual(['HXY', '荷香苑']);
	expect(lines[header + 3].split(',')[1]).toBe('合计');

	// Into 鹿鸣溪谷's own month report (read-only): its net for the month is the same figure.
	await lmxg.getByTestId('drill-month').click();
	await expect(page).toHaveURL(/\/reports\?month=2026-10/);
	await expect(page.getByTestId('community-switch').locator('option:checked')).toHaveText(
		'鹿鸣溪谷'
	);
	const total = page.getByTestId('reports-days').locator('tbody tr').last().locator('td');
	await expect(total.nth(0)).toHaveText('合计');
	await expect(total.nth(5)).toHaveText(month);
});
