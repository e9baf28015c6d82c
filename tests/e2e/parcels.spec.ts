import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, fetchPdfText, login, open, postAction, takeOverShift, test } from './helpers';

/*
 * 快递代收 (issue 21, seed 003 四.八 不得私自签收): an unknown unit and a unit without authorisation
 * are refused with nothing written; the owner's written authorisation is recorded; the parcel is
 * taken in; the resident identified on the kiosk reads "您有 1 件快递待领"; the shift handover
 * lists it open; a hand-over without an ID is refused, with one it is recorded and its 80 mm slip
 * reads back (pdftotext); a second hand-over is refused. The log PDF and the CSV list it.
 * Uses unit 6-2-802 only.
 */

const UNIT = '6-2-802';
const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);

/** A read-only look at the e2e database. */
function query<T>(sql: string, ...params: string[]): T {
	const dir = mkdtempSync(join(tmpdir(), 'parcels-'));
	const script = join(dir, 'q.cjs');
	writeFileSync(
		script,
		`const Database = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(DB)}, { readonly: true });
console.log(JSON.stringify(db.prepare(${JSON.stringify(sql)}).get(...${JSON.stringify(params)})));`
	);
	return JSON.parse(execFileSync('node', [script], { encoding: 'utf8' }).trim()) as T;
}

const owner = () =>
	query<{ name: string; phone: string }>(
		`SELECT o.name, o.phone FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id
		 WHERE u.code = ? AND uo.role = 'owner' AND uo.end_date IS NULL ORDER BY uo.id LIMIT 1`,
		UNIT
	);
const parcelCount = () =>
	query<{ n: number }>(
		`SELECT count(*) AS n FROM parcels p JOIN units u ON u.id = p.unit_id WHERE u.code = ?`,
		UNIT
	).n;

async function identify(page: Page) {
	await page.goto('/kiosk/identify?next=/kiosk/me');
	await page.waitForSelector('body[data-hydrated]');
	await page.getByTestId('identify-room').click();
	await page.getByRole('button', { name: /^(清除|Clear)$/ }).click();
	for (const ch of UNIT) await page.getByRole('button', { name: ch, exact: true }).click();
	await page.getByTestId('identify-digits').click();
	for (const ch of owner().phone.replace(/\D/g, '').slice(-4))
		await page.getByRole('button', { name: ch, exact: true }).click();
	await page.getByTestId('identify-submit').click();
	await expect(page).toHaveURL(/\/kiosk\/me$/);
}

test('authorise → take in → kiosk shows 1 → handover lists it → hand over with ID → slip PDF; bad input writes nothing', async ({
	page,
	browser
}) => {
	const { name } = owner();
	await login(page, 'clerk');
	await open(page, '/parcels');
	const intake = page.getByTestId('parcel-intake');
	const fill = async (unit: string) => {
		await intake.getByLabel('房号').fill(unit);
		await intake.getByLabel('快递公司').fill('韵达快递');
		await intake.getByLabel('运单号').fill('YD4300998877');
		await intake.getByLabel('收件人').fill(name);
		await intake.getByLabel('货架位置').fill('C-09');
	};

	// An unknown unit: refused, nothing written.
	await fill('9-9-999');
	await page.getByTestId('parcel-save').click();
	await expect(page.getByTestId('parcels-error')).toHaveText('没有房号 9-9-999。');
	await expect(page.getByTestId('parcel-save')).toBeEnabled();

	// No authorisation and no phone confirmation: refused, nothing written.
	await fill(UNIT);
	await page.getByTestId('parcel-save').click();
	await expect(page.getByTestId('parcels-error')).toContainText(`房号 ${UNIT} 没有代收授权`);
	await expect(intake.getByLabel('运单号')).toHaveValue('YD4300998877');
	expect(parcelCount()).toBe(0);

	// The owner's written authorisation; the unit is listed as authorised.
	await page.getByTestId('parcel-auth-open').click();
	const auth = page.getByTestId('parcel-auth-form');
	await auth.getByLabel('房号').fill(UNIT);
	await auth.getByLabel('授权方式').selectOption('written');
	await auth.getByLabel('授权业主').fill(name);
	await auth.getByLabel('可代领人').fill('钱多多');
	await page.getByTestId('parcel-auth-save').click();
	await expect(page.getByTestId('parcels-ok')).toHaveText(`已登记 ${UNIT} 的代收授权。`);
	await expect(page.getByTestId('parcel-auths').locator(`li[data-unit="${UNIT}"]`)).toContainText(
		'钱多多'
	);

	await fill(UNIT);
	await page.getByTestId('parcel-save').click();
	await expect(page.getByTestId('parcels-ok')).toHaveText(`已登记收件：${UNIT}，放在 C-09。`);
	const row = page.getByTestId('parcel-table').locator('tbody tr', { hasText: 'YD4300998877' });
	await expect(row.getByTestId('parcel-state')).toHaveText('待领');
	// The same tracking number again while it waits: refused.
	await fill(UNIT);
	await page.getByTestId('parcel-save').click();
	await expect(page.getByTestId('parcels-error')).toContainText('YD4300998877 的快递还在待领');
	expect(parcelCount()).toBe(1);

	// The resident, identified on the kiosk (or a phone), is told.
	const kiosk = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await identify(kiosk);
	await expect(kiosk.getByTestId('me-parcels')).toContainText('您有 1 件快递待领');
	await expect(kiosk.getByTestId('me-parcels')).toContainText('韵达快递');
	await expect(kiosk.getByTestId('me-parcels')).not.toContainText('YD4300998877');
	await kiosk.context().close();

	// Handed over at shift change while it waits.
	await takeOverShift(page);
	await open(page, '/shift');
	await expect(
		page.getByTestId('shift-registers').locator('li[data-register="parcel"]', {
			hasText: 'C-09'
		})
	).toContainText('韵达快递');

	// On the counter home.
	await open(page, '/counter');
	await expect(page.getByTestId('parcel-panel-open')).toHaveText(/^待领 \d+ 件$/);

	// Hand-over without an ID: refused, nothing written.
	await open(page, '/parcels');
	const waiting = page.getByTestId('parcel-table').locator('tbody tr', { hasText: 'YD4300998877' });
	await waiting.getByPlaceholder('领取人').fill('钱多多');
	await waiting.getByTestId('parcel-hand-over').click();
	await expect(page.getByTestId('parcels-error')).toHaveText(
		'请核对领取人的证件：选择证件类型并填写证件后四位。'
	);
	expect(query<{ n: number }>('SELECT count(*) AS n FROM parcel_handovers').n).toBe(1); // the seed's

	// With the ID checked, to the person the owner named.
	await waiting.getByPlaceholder('领取人').fill('钱多多');
	await waiting.getByLabel('证件类型').selectOption('id_card');
	await waiting.getByPlaceholder('证件后四位').fill('203X');
	await waiting.getByTestId('parcel-hand-over').click();
	await expect(page.getByTestId('parcels-ok')).toHaveText('已交付给 钱多多。');
	const href = await page.getByTestId('parcel-slip').getAttribute('href');
	const id = Number(/\/parcels\/(\d+)\//.exec(href ?? '')?.[1]);
	const slip = await fetchPdfText(page, href!);
	for (const s of [
		'快递签收单',
		UNIT,
		'韵达快递',
		'YD4300998877',
		'钱多多',
		'身份证 后四位 203X',
		'领取人签字'
	])
		expect(slip).toContain(s);

	// Twice: refused (a stale tab posting again).
	const again = await postAction(page, '/parcels?/handover', {
		id: String(id),
		collector: '钱多多',
		idType: 'id_card',
		idLast4: '203X'
	});
	expect(again.text).toContain('这件快递已经领走，不能再交付。');
	expect(query<{ n: number }>('SELECT count(*) AS n FROM parcel_handovers').n).toBe(2);

	await open(page, '/parcels?view=collected');
	await expect(
		page
			.getByTestId('parcel-table')
			.locator('tbody tr', { hasText: 'YD4300998877' })
			.getByTestId('parcel-state')
	).toHaveText('已领取');

	const log = await fetchPdfText(page, `/parcels/log.pdf?unit=${UNIT}`);
	expect(log).toContain('快递代收登记簿');
	expect(log).toContain('YD4300998877');
	const csv = await page.request.get(`/parcels/export.csv?view=all&unit=${UNIT}`);
	expect(csv.status()).toBe(200);
	const body = await csv.text();
	expect(body.split('\r\n')[0]).toContain('房号,货架位置,快递公司,运单号');
	expect(body).toContain(`${UNIT},C-09,韵达快递,YD4300998877`);
	const bad = await page.request.get('/parcels/export.csv?unit=9-9-999');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toBe('没有房号 9-9-999。');
});
