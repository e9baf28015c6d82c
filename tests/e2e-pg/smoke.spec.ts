import { test, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { fetchPdfText, login, newPage, open, takeOverShift, yuan } from '../e2e/helpers';

/*
 * The smoke path on PostgreSQL (issue 22): a clerk signs in, takes over a shift, finds a unit and
 * pays its bills in cash; the receipt page and its PDF carry the number and the amount; the
 * manager's daily report for the day (the seed took payments that day too), on the screen and in
 * the PDF, has one more cash receipt and has grown by exactly that amount. The
 * payment is then read back from PostgreSQL itself, so the run cannot pass on a SQLite file.
 * Plain Playwright `test`: the e2e retry snapshot (tests/e2e/helpers.ts) copies a SQLite file.
 */

// Owes Sep–Nov in the fees seed, as tests/e2e/fees.spec.ts finds it on SQLite (this database is its own).
const UNIT = '2-1-301';
const TODAY = '2026-11-23'; // the e2e clock

/** 123456 → "1,234.56", as pages and PDFs print amounts (test-side, not the app's formatter). */
const amount = (fen: number) =>
	`${Math.floor(fen / 100).toLocaleString('en')}.${String(fen % 100).padStart(2, '0')}`;

/** The day's report: all receipts taken, and the cash line's count and amount (fen). */
async function collections(manager: Page) {
	const cash = manager
		.getByTestId('reports-by-method')
		.locator('tbody tr')
		.filter({ hasText: '现金' });
	const cells = cash.locator('td');
	return {
		receivedFen: yuan(
			await manager
				.getByTestId('reports-summary')
				.locator('tr')
				.first()
				.locator('td.num')
				.innerText()
		),
		cashCount: (await cash.count()) ? Number(await cells.nth(1).innerText()) : 0,
		cashFen: (await cash.count()) ? yuan(await cells.nth(2).innerText()) : 0
	};
}

/** The text of a PDF with pdftotext's column padding squeezed to single spaces. */
async function pdf(page: Page, url: string): Promise<string> {
	return (await fetchPdfText(page, url)).replace(/[ \t]+/g, ' ');
}

test('on PostgreSQL: sign in, pay in cash, print the receipt, the daily report', async ({
	page,
	browser
}) => {
	const dbUrl = process.env.E2E_PG_DATABASE_URL;
	expect(dbUrl, 'playwright.pg.config.ts sets E2E_PG_DATABASE_URL').toBeTruthy();

	// The day's collections before the payment (the seed may have taken some already).
	const manager = await newPage(browser, 'manager');
	await open(manager, '/reports');
	await expect(manager.getByTestId('reports-head')).toContainText(TODAY);
	const before = await collections(manager);

	// The clerk: a shift, the unit found by typing, its bills paid in cash.
	await login(page, 'clerk');
	await takeOverShift(page);
	await open(page, '/fees');
	await page.getByTestId('fees-search').pressSequentially(UNIT, { delay: 30 });
	await page.getByTestId('fees-hits').getByRole('option').filter({ hasText: UNIT }).click();
	await expect(page).toHaveURL(new RegExp(`/fees/${UNIT}$`));
	// The same bills and late days as on SQLite (tests/e2e/fees.spec.ts).
	const rows = page.getByTestId('fees-bills').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toContainText('2026年09月');
	await expect(rows.nth(0)).toContainText('逾期64天');
	await expect(rows.nth(2)).toContainText('逾期3天');
	const total = yuan(await page.getByTestId('fees-total').innerText());
	expect(total).toBeGreaterThan(0);
	await page.getByTestId('method-cash').check();
	const tendered = Math.ceil(total / 10000) * 10000;
	await page.getByTestId('tendered').fill(String(tendered / 100));
	await page.getByTestId('fees-review').click();
	await expect(page.getByTestId('fees-confirm-total')).toContainText(`¥${amount(total)}`);
	await page.getByTestId('fees-confirm-pay').click();

	// The receipt page, then its PDF.
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-2026-\d{6}$/);
	const receiptNo = /SF-2026-\d{6}/.exec(page.url())![0];
	await expect(page.getByTestId('fees-receipt-no')).toContainText(receiptNo);
	await expect(page.getByTestId('fees-receipt-total')).toHaveText(`¥${amount(total)}`);
	const receipt = await pdf(page, `/receipts/${receiptNo}.pdf`);
	expect(receipt).toContain('缴费票据（收据）');
	expect(receipt).toContain(`No. ${receiptNo}`);
	expect(receipt).toContain(`房号：${UNIT}`);
	expect(receipt).toMatch(new RegExp(`合计 .*${amount(total).replaceAll('.', '\\.')}`));

	// The manager's daily report: the receipt listed, the day's collections up by its amount.
	await open(manager, '/reports');
	await expect(manager.getByTestId('reports-receipts')).toContainText(receiptNo);
	await expect(manager.getByTestId('reports-reconciled')).toContainText('核对一致');
	const after = await collections(manager);
	expect(after).toEqual({
		receivedFen: before.receivedFen + total,
		cashCount: before.cashCount + 1,
		cashFen: before.cashFen + total
	});
	const report = await pdf(manager, `/reports/daily.pdf?date=${TODAY}`);
	expect(report).toContain('客户服务中心日报');
	expect(report).toContain(`报表期间：${TODAY}（1 天）`);
	expect(report).toContain(receiptNo);
	expect(report).toMatch(
		new RegExp(`现金 ${after.cashCount} ¥?${amount(after.cashFen).replaceAll('.', '\\.')}`)
	);
	expect(report).toContain(amount(after.receivedFen));

	// The server wrote it to PostgreSQL: the payment read back there by its receipt number.
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		const { rows } = await client.query(
			`SELECT p.total_fen, p.method, p.local_date, u.code
			   FROM payments p JOIN units u ON u.id = p.unit_id
			  WHERE p.receipt_no = $1`,
			[receiptNo]
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			total_fen: String(total), // bigint comes back as text from pg
			method: 'cash',
			local_date: TODAY,
			code: UNIT
		});
	} finally {
		await client.end();
	}
	await manager.context().close();
});
