import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, open } from './helpers';

/*
 * The unit file and payment history at the counter (issue 18): a receipt found by room and
 * reprinted from the keyboard (read back with pdftotext); two units of one owner paid in one go
 * (two receipts, consecutive) and the unit file showing them; the type-ahead's Enter (opens a
 * unit only when exactly one matches, otherwise moves into the list); refused searches (400).
 * Uses units of building 1 entrance 2 only (1-2-xxx: no other e2e touches them).
 */

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const fen = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

/** Makes the owner of `a` also a co-owner of `b` (the records screens are another area's); idempotent. */
function coOwn(a: string, b: string): void {
	const dir = mkdtempSync(join(tmpdir(), 'unitfile-e2e-'));
	const script = join(dir, 'tie.cjs');
	writeFileSync(
		script,
		`const Database = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(DB)});
db.pragma('busy_timeout = 5000');
const unit = (code) => db.prepare('SELECT id FROM units WHERE code = ?').get(code).id;
const owner = db.prepare("SELECT owner_id AS id FROM unit_owners WHERE unit_id = ? AND role = 'owner'").get(unit(${JSON.stringify(a)})).id;
if (!db.prepare('SELECT 1 FROM unit_owners WHERE unit_id = ? AND owner_id = ?').get(unit(${JSON.stringify(b)}), owner))
	db.prepare("INSERT INTO unit_owners (unit_id, owner_id, role, start_date) VALUES (?, ?, 'co_owner', '2021-09-01')").run(unit(${JSON.stringify(b)}), owner);
db.close();`
	);
	execFileSync('node', [script]);
}

const seq = (no: string) => Number(/-(\d{6})$/.exec(no)![1]);

async function reprintsOf(page: Page, receiptNo: string) {
	return (await fetchPdfText(page, `/receipts/${receiptNo}.pdf`)).replace(/[ \t]+/g, ' ');
}

test('a lost receipt: type the room, Enter opens the newest, Enter on the reason reprints it', async ({
	page
}) => {
	const ROOM = '1-2-401';
	await login(page, 'clerk');

	// The receipt was printed when it was paid (the seed posts without printing).
	await open(page, `/receipts?room=${ROOM}&go=1`);
	const card = page.getByTestId('receipt-card');
	await expect(card).toBeVisible();
	const receiptNo = (await card.getAttribute('data-receipt-no'))!;
	const popup = page.waitForEvent('popup');
	await page.getByTestId('print-a5').click();
	await (await popup).close();
	await expect(card).toContainText('已打印 1 次');

	// The keyboard path: focus is in the room field, type, Enter, Enter.
	await open(page, '/receipts');
	await expect(page.getByTestId('receipt-search-room')).toBeFocused();
	await page.keyboard.type(ROOM);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('receipt-card')).toHaveAttribute('data-receipt-no', receiptNo);
	// The newest receipt of the room, with the room's list below it.
	await expect(page.getByTestId('receipt-hit').first()).toHaveText(receiptNo);
	await expect(page.getByTestId('reprint-reason-lost')).toBeFocused();
	const opened = page
		.context()
		.waitForEvent('request', (r) => new URL(r.url()).pathname === `/receipts/${receiptNo}.pdf`);
	const reprintWindow = page.waitForEvent('popup');
	await page.keyboard.press('Enter');
	await opened;
	await (await reprintWindow).close();
	await expect(page.getByTestId('receipt-card')).toContainText('已打印 2 次');
	await expect(page.getByTestId('last-print')).toContainText('原件遗失');

	const text = await reprintsOf(page, receiptNo);
	expect(text).toContain('补打（第1次）');
	expect(text).toContain('补打原因 原件遗失');
	expect(text).toContain(`房号：${ROOM}`);
	expect(text).toContain(`No. ${receiptNo}`);
});

test('the receipt search narrows by name, dates, method and cashier, and refuses bad input with 400', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/receipts?room=1-2&method=wechat&from=2026-01-01&to=2026-11-23');
	const rows = page.getByTestId('receipt-results').locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	for (const t of await rows.allInnerTexts()) {
		expect(t).toContain('1-2-');
		expect(t).toContain('微信');
	}

	for (const [query, message] of [
		['from=2026-11-02&to=2026-11-01', '起始日期不能晚于截止日期。'],
		['cashier=ZZ999', '没有工号为 ZZ999 的收款员。'],
		['phone=12ab', '手机尾号须为4至11位数字。']
	]) {
		const res = await page.goto(`/receipts?${query}`);
		expect(res?.status(), query).toBe(400);
		await expect(page.getByTestId('receipt-message')).toHaveText(message);
	}
	// The refused search keeps what was typed, in the form.
	await expect(page.locator('#phone')).toHaveValue('12ab');
});

test('pay two units of one owner in one go: one review, one confirmation, two receipts; the unit file shows them', async ({
	page
}) => {
	coOwn('1-2-701', '1-2-702');
	await login(page, 'clerk');

	// Type-ahead: exactly one match, Enter opens it.
	await open(page, '/fees');
	await page.getByTestId('fees-search').pressSequentially('1-2-701', { delay: 20 });
	await expect(page.getByTestId('fees-hits').getByRole('option')).toHaveCount(1);
	await page.getByTestId('fees-search').press('Enter');
	await expect(page).toHaveURL(/\/fees\/1-2-701$/);

	await page.getByTestId('fees-pay-together').click();
	await expect(page).toHaveURL(/\/counter\/owner\/\d+$/);
	await page.waitForSelector('body[data-hydrated]');
	await expect(page.getByTestId('multi-unit-1-2-701')).toBeVisible();
	await expect(page.getByTestId('multi-unit-1-2-702')).toBeVisible();
	const total = fen(await page.getByTestId('multi-total').innerText());
	expect(total).toBeGreaterThan(0);
	await page.getByTestId('method-wechat').check();
	await page.locator('#methodRef').fill('WX-MULTI-20261123');
	await page.getByTestId('multi-review').click();

	const confirm = page.getByTestId('multi-confirm');
	await expect(confirm).toBeVisible();
	await expect(page.getByTestId('multi-confirm-unit')).toHaveCount(2);
	expect(fen(await page.getByTestId('multi-confirm-total').locator('strong').innerText())).toBe(
		total
	);
	await page.getByTestId('multi-confirm-pay').click();

	const receipts = page.getByTestId('multi-receipt');
	await expect(receipts).toHaveCount(2);
	const [a, b] = await receipts.allInnerTexts();
	expect(a).toContain('1-2-701');
	expect(b).toContain('1-2-702');
	const [noA, noB] = [a, b].map((t) => /SF-\d{4}-\d{6}/.exec(t)![0]);
	expect(seq(noB)).toBe(seq(noA) + 1);
	expect(fen(a.split('\t')[2]) + fen(b.split('\t')[2])).toBe(total);

	// Each unit's file lists its own new receipt and is paid through this month.
	await page.goto('/fees/1-2-702');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
	await page.getByTestId('fees-unit-file-link').click();
	await expect(page.getByTestId('unitfile-title')).toContainText('1-2-702');
	await expect(page.getByTestId('unitfile-receipts')).toContainText(noB);
	await expect(page.getByTestId('unitfile-receipts')).not.toContainText(noA);
	await expect(page.getByTestId('unitfile-paid-through')).toHaveText('2026年11月');
	await expect(page.getByTestId('unitfile-people')).toContainText('共有人');
	// Ties without dates read in words (the seed's owner has none; the co-owner a start only).
	await expect(page.getByTestId('unitfile-people')).toContainText('起始未知 ～ 至今');
	await expect(page.getByTestId('unitfile-people')).toContainText('2021-09-01 ～ 至今');
	// The receipt links to its reprint.
	await page.getByTestId(`unitfile-reprint-${noB}`).click();
	await expect(page.getByTestId('receipt-card')).toHaveAttribute('data-receipt-no', noB);

	// The other unit is settled by the same confirmation.
	await page.goto('/fees/1-2-701');
	await expect(page.getByTestId('fees-nothing-due')).toBeVisible();
});

test('type-ahead: Enter with several matches moves into the list; arrows choose; Enter opens', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/fees');
	const search = page.getByTestId('fees-search');
	await search.pressSequentially('1-2-70', { delay: 20 });
	const hits = page.getByTestId('fees-hits').getByRole('option');
	await expect(hits).toHaveCount(2);
	await search.press('Enter');
	await expect(page).toHaveURL(/\/fees\?q=/);
	const links = page.getByTestId('fees-hits').locator('a.open');
	await expect(links.nth(0)).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(links.nth(1)).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp'); // back to typing
	await expect(search).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/fees\/1-2-702$/);

	// From the counter home: several matches land in the list, one match opens the unit.
	await open(page, '/counter');
	await page.locator('#fees-panel-q').fill('1-2-70');
	await page.locator('#fees-panel-q').press('Enter');
	await expect(page).toHaveURL(/\/fees\?go=1&q=1-2-70$/);
	await expect(page.getByTestId('fees-hits').locator('a.open').first()).toBeFocused();
	await open(page, '/counter');
	await page.locator('#fees-panel-q').fill('1-2-701');
	await page.locator('#fees-panel-q').press('Enter');
	await expect(page).toHaveURL(/\/fees\/1-2-701$/);
});
