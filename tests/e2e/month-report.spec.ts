import ExcelJS from 'exceljs';
import { expect, test, fetchPdfText, login } from './helpers';

/*
 * The month report (月报, issue 19): the manager picks "last month" on /reports, sees the table per
 * day (its days add up to its 合计 and to the collections), 应收 / 实收 / 欠收 and 预收, follows the
 * link from a day's report to its month, and downloads the PDF (read back with pdftotext), the CSV
 * and the XLSX. Bad months get a translated message on the page and a 400 for the files. Reads
 * only (the seeded ledger of October 2026), so it runs beside any other spec.
 */

const TODAY = '2026-11-23';
const MONTH = '2026-10';

const fen = (text: string) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);
const yuan = (f: number) => (f / 100).toFixed(2);
const money = (f: number) =>
	`${f < 0 ? '-' : ''}¥${(Math.abs(f) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

test('last month: days add up, 应收 / 实收 / 欠收 and 预收 shown; PDF, CSV and XLSX say the same', async ({
	browser
}) => {
	const page = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(page, 'manager');
	await page.goto(`/reports?date=${TODAY}`);
	// From a day's report to its month so far (the month in progress is its 月报 too).
	await page.getByTestId('reports-month-link').click();
	await expect(page).toHaveURL(/month=2026-11/);
	await expect(page.getByTestId('reports-title')).toHaveText('月报');
	await expect(page.getByTestId('reports-days').locator('tbody tr')).toHaveCount(23 + 1);

	await page.getByTestId('reports-last-month').click();
	await expect(page).toHaveURL(new RegExp(`month=${MONTH}`));
	await expect(page.getByTestId('reports-title')).toHaveText('月报');
	const rows = page.getByTestId('reports-days').locator('tbody tr');
	await expect(rows).toHaveCount(31 + 1);
	// Every day's net adds up to the 合计 row; received − voided = net on each line.
	const cells = await rows.evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
	);
	const days = cells.slice(0, -1);
	const total = cells.at(-1)!;
	expect(total[0]).toBe('合计');
	expect(days[0][0]).toBe(`${MONTH}-01`);
	const net = days.reduce((s, d) => s + fen(d[5]), 0);
	expect(fen(total[5])).toBe(net);
	for (const d of days) expect(fen(d[2]) + fen(d[4]), d[0]).toBe(fen(d[5]));
	expect(net).toBeGreaterThan(0);

	const billing = page.getByTestId('reports-billing-table');
	await expect(page.getByTestId('reports-billing')).toContainText(`${MONTH} 账单`);
	const figure = async (label: string) =>
		fen((await billing.locator('tr', { hasText: label }).locator('td.num').textContent()) ?? '');
	const due = await figure('应收（当期）');
	const collected = await figure('实收（当期）');
	expect(due).toBeGreaterThan(0);
	expect(await figure('欠收（应收 − 实收）')).toBe(due - collected);
	await expect(page.getByTestId('reports-advance').locator('tbody tr')).toHaveCount(1);
	await expect(page.getByTestId('reports-advance')).toContainText(MONTH);

	// The PDF to sign: 月报, the period, the 附表 and the same total.
	const query = `from=${MONTH}-01&to=${MONTH}-31`;
	expect(await page.getByTestId('reports-pdf').getAttribute('href')).toContain(query);
	const text = (await fetchPdfText(page, `/reports/daily.pdf?${query}`)).replace(/[ \t]+/g, ' ');
	expect(text).toContain('客户服务中心月报');
	expect(text).toContain(`${MONTH}-01 至 ${MONTH}-31`);
	expect(text).toContain('附表一、逐日收款');
	expect(text).toContain(`实收净额 ${money(net)}`);
	expect(text).toContain(`欠收（应收 − 实收） ${money(due - collected)}`);
	expect(text).toContain('附表三、预收账款');
	expect(text).toMatch(/制表/);

	const csv = await page.request.get(`/reports/daily.csv?month=${MONTH}`);
	expect(csv.status()).toBe(200);
	expect(decodeURIComponent(csv.headers()['content-disposition'] ?? '')).toContain(
		`月报-${MONTH}.csv`
	);
	const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
	expect(lines[0]).toMatch(/^月报,/);
	const dayTotal = lines
		.slice(lines.indexOf('附表一、逐日收款'))
		.find((l) => l.startsWith('合计,'));
	expect(dayTotal?.split(',')[5]).toBe(yuan(net));
	expect(lines).toContain(`应收（当期）,${yuan(due)}`);

	const xlsx = await page.request.get(`/reports/daily.xlsx?month=${MONTH}`);
	expect(xlsx.status()).toBe(200);
	expect(decodeURIComponent(xlsx.headers()['content-disposition'] ?? '')).toContain(
		`月报-${MONTH}.xlsx`
	);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
	const ws = wb.worksheets[0];
	expect(ws.name).toBe('月报');
	const values: unknown[][] = [];
	ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
	expect(values).toContainEqual(['应收（当期）', due / 100]);
	expect(values).toContainEqual(['实收净额', '', net / 100]);
});

test('bad months: a message on the page, 400 for the files, never 500', async ({ browser }) => {
	const page = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(page, 'manager');
	const cases: [string, string][] = [
		['month=2026-13', '月份格式不正确'],
		['month=abc', '月份格式不正确'],
		['month=2026-12', `不能查看未来日期的日报（今天是 ${TODAY}）`],
		['from=2026-10-31&to=2026-10-01', '起始日期不能晚于截止日期'],
		['from=2025-01-01&to=2026-11-23', '一次最多查看 366 天']
	];
	for (const [query, message] of cases) {
		await page.goto(`/reports?${query}`);
		await expect(page.getByTestId('reports-error'), query).toContainText(message);
		await expect(page.getByTestId('reports-days')).toHaveCount(0);
		for (const file of ['pdf', 'csv', 'xlsx']) {
			const res = await page.request.get(`/reports/daily.${file}?${query}`);
			expect(res.status(), `${file} ${query}`).toBe(400);
			expect(await res.text()).toContain(message);
		}
	}
	// The month picker submits ?month=.
	await page.goto('/reports');
	await page.getByTestId('reports-month').fill('2026-09');
	await page.getByTestId('reports-show-month').click();
	await expect(page).toHaveURL(/month=2026-09/);
	await expect(page.getByTestId('reports-title')).toHaveText('月报');
	await expect(page.getByTestId('reports-head')).toContainText('2026-09-01');
	// A clerk may not read it.
	const clerk = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL })
	).newPage();
	await login(clerk, 'clerk');
	expect((await clerk.request.get(`/reports/daily.xlsx?month=${MONTH}`)).status()).toBe(403);
});
