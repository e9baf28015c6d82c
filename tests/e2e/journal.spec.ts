import type { Page } from '@playwright/test';
import { expect, test, login, open } from './helpers';

/*
 * The receipts journal (收款流水) and 对账 (issue 19): two receipts paid by WeChat at the counter,
 * one voided; the journal lists both and the void as its own negative row, exports them; the day
 * is reconciled first against a typed total with a tick by hand, then against the statement's
 * CSV (pairs by transaction number, the refund against the void, a line without a receipt), and
 * the later reconciliation supersedes the first. Bad input is a translated 400 or message and
 * writes nothing. Uses units 6-1-1001 and 6-1-1002 only (no other e2e touches them).
 */

const DAY = '2026-11-23';
const yuan = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

async function payByWechat(page: Page, unit: string, ref: string): Promise<string> {
	await open(page, `/fees/${unit}`);
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill(ref);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);
	return decodeURIComponent(/\/fees\/receipt\/([^/?#]+)/.exec(page.url())![1]);
}

test('journal: receipts and a void, export, then reconcile by total and by statement CSV', async ({
	page,
	browser
}) => {
	const stamp = Date.now();
	const refA = `WXJ${stamp}A`;
	const refB = `WXJ${stamp}B`;
	await login(page, 'clerk');
	const a = await payByWechat(page, '6-1-1001', refA);
	const b = await payByWechat(page, '6-1-1002', refB);

	const manager = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(manager, 'manager');
	await open(manager, `/manager/voids?no=${b}`);
	await manager.getByTestId('void-reason').fill('重复收费，原路退回');
	await manager.getByTestId('void-open').click();
	await manager.getByTestId('void-confirm').click();
	await expect(manager.getByTestId('void-done')).toContainText(`票据 ${b} 已作废`);

	// The journal: both receipts, and the void as a negative row with who approved it.
	await open(manager, '/journal');
	await manager.getByTestId('journal-method').selectOption('wechat');
	await manager.getByTestId('journal-room').fill('6-1-100');
	await manager.getByTestId('journal-show').click();
	const table = manager.getByTestId('journal-table');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	const rowA = table.locator(`tr[data-kind="receipt"][data-receipt="${a}"]`);
	const rowB = table.locator(`tr[data-kind="receipt"][data-receipt="${b}"]`);
	const voidB = table.locator(`tr[data-kind="void"][data-receipt="${b}"]`);
	await expect(rowA).toContainText(refA);
	await expect(rowA).toContainText('物业服务费');
	await expect(voidB).toContainText('作废');
	await expect(voidB).toContainText('主管');
	const amountA = yuan(await rowA.getByTestId('journal-amount').innerText());
	const amountB = yuan(await rowB.getByTestId('journal-amount').innerText());
	expect(yuan(await voidB.getByTestId('journal-amount').innerText())).toBe(-amountB);
	expect(yuan(await manager.getByTestId('journal-total-net').innerText())).toBe(amountA);
	// Sorting is a plain link (keyboard: Tab + Enter); a second click reverses it.
	await manager.getByTestId('journal-sort-amount').click();
	await expect(manager).toHaveURL(/sort=amount/);

	// CSV of the same rows (UTF-8 with BOM), and XLSX.
	const href = await manager.getByTestId('journal-csv').getAttribute('href');
	const csv = await manager.request.get(href!);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-disposition']).toContain('attachment');
	const text = await csv.text();
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain(a);
	expect(text.split('\r\n').filter((l) => l.includes(b))).toHaveLength(2);
	expect(text).toContain('作废');
	const xlsx = await manager.request.get(
		(await manager.getByTestId('journal-xlsx').getAttribute('href'))!
	);
	expect(xlsx.status()).toBe(200);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

	// Bad ranges: reversed, over a year; an unknown method on the export: translated 400s.
	const reversed = await manager.goto('/journal?from=2026-11-23&to=2026-11-01');
	expect(reversed?.status()).toBe(400);
	await expect(manager.getByTestId('journal-error')).toContainText('起始日期不能晚于截止日期');
	const long = await manager.goto('/journal?from=2025-01-01&to=2026-11-23');
	expect(long?.status()).toBe(400);
	await expect(manager.getByTestId('journal-error')).toContainText('最长 366 天');
	const badMethod = await manager.request.get('/journal/export.csv?method=bitcoin');
	expect(badMethod.status()).toBe(400);
	expect(await badMethod.text()).toContain('没有这种缴费方式');
	const cashRc = await manager.goto(`/journal/reconcile?date=${DAY}&method=cash`);
	expect(cashRc?.status()).toBe(400);

	// 对账 by a typed total: nothing pairs; tick receipt A by hand and record it.
	await open(manager, '/journal');
	await manager.getByTestId('journal-reconcile-link').click();
	await expect(manager.getByTestId('reconcile-title')).toBeVisible();
	await manager.getByTestId('reconcile-date').fill(DAY);
	await manager.getByTestId('reconcile-method').selectOption('wechat');
	await manager.getByTestId('reconcile-open').click();
	await expect(manager).toHaveURL(/method=wechat/);
	await manager.waitForSelector('body[data-hydrated]');
	await manager.getByTestId('reconcile-total').fill((amountA / 100).toFixed(2));
	await manager.getByTestId('reconcile-check').click();
	const entries = manager.getByTestId('reconcile-entries');
	await expect(entries.locator(`tr[data-receipt="${a}"]`)).toHaveCount(1);
	const entriesFen = yuan(await manager.getByTestId('reconcile-entries-fen').innerText());
	const diff = amountA - entriesFen;
	const shown = await manager.getByTestId('reconcile-difference').innerText();
	if (diff === 0) expect(shown).toBe('一致');
	else expect(yuan(shown)).toBe(diff);
	await entries
		.locator(`tr[data-entry^="p"][data-receipt="${a}"]`)
		.getByTestId('reconcile-tick')
		.check();
	await manager.getByTestId('reconcile-note').fill('按微信商户后台日汇总');
	await manager.getByTestId('reconcile-save').click();
	await expect(manager.getByTestId('reconcile-saved')).toBeVisible();
	await expect(manager.getByTestId('reconcile-record')).toHaveCount(1);
	await expect(manager.getByTestId('reconcile-record').first()).toContainText('当前有效');

	// A bad statement file: refused with its reason, nothing recorded.
	await manager.getByTestId('reconcile-file').setInputFiles({
		name: 'bad.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('日期,号码,钱\n2026-11-23,X,1\n')
	});
	await manager.getByTestId('reconcile-check').click();
	await expect(manager.getByTestId('reconcile-error')).toContainText('时间,交易单号,金额');
	await manager.getByTestId('reconcile-file').setInputFiles({
		name: 'bad.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('时间,交易单号,金额\n09:00,X,12.345\n')
	});
	await manager.getByTestId('reconcile-check').click();
	await expect(manager.getByTestId('reconcile-error')).toContainText('第 2 行的金额不对');

	// The provider's CSV (GB18030 is read too; this one is UTF-8): A, B and B's refund pair by
	// number; a line of ¥1.00 has no receipt.
	const fmt = (fen: number) => (fen / 100).toFixed(2);
	const statement = [
		'时间,交易单号,金额',
		`${DAY} 09:10:00,${refA},${fmt(amountA)}`,
		`${DAY} 09:20:00,${refB},${fmt(amountB)}`,
		`${DAY} 10:00:00,${refB},-${fmt(amountB)}`,
		`${DAY} 11:00:00,WXJ${stamp}X,1.00`
	].join('\r\n');
	await manager.getByTestId('reconcile-total').fill('');
	await manager.getByTestId('reconcile-file').setInputFiles({
		name: 'wechat-2026-11-23.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(statement)
	});
	await manager.getByTestId('reconcile-check').click();
	await expect(entries.locator(`tr[data-entry^="p"][data-receipt="${a}"]`)).toHaveAttribute(
		'data-matched',
		'ref'
	);
	await expect(entries.locator(`tr[data-entry^="p"][data-receipt="${b}"]`)).toHaveAttribute(
		'data-matched',
		'ref'
	);
	await expect(entries.locator(`tr[data-entry^="v"][data-receipt="${b}"]`)).toHaveAttribute(
		'data-matched',
		'ref'
	);
	await expect(manager.getByTestId('reconcile-open-lines')).toContainText(`WXJ${stamp}X`);
	const statementFen = yuan(await manager.getByTestId('reconcile-statement-fen').innerText());
	expect(statementFen).toBe(amountA + 100);
	await manager.getByTestId('reconcile-save').click();
	await expect(manager.getByTestId('reconcile-saved')).toBeVisible();
	const records = manager.getByTestId('reconcile-record');
	await expect(records).toHaveCount(2);
	await expect(records.first()).toContainText('当前有效');
	await expect(records.first()).toContainText('wechat-2026-11-23.csv');
	await expect(records.nth(1)).toContainText('已被后来的对账取代');
	await manager.context().close();
});
