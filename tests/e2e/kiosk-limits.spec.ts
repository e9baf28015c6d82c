import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './helpers';

/*
 * What a resident may send from the kiosk (issue 11): a file that only starts like a photo is
 * refused with a message, and after 10 reports in a day the 11th is refused politely, pointing
 * to the service centre. Uses unit 5-1-101 only (no other spec touches building 5).
 */

test.use({ hasTouch: true });

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const UNIT = '5-1-101';

/** A read-only look at the e2e database. */
function query<T>(sql: string, ...params: string[]): T {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-limits-'));
	const script = join(dir, 'q.cjs');
	writeFileSync(
		script,
		`const Database = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(DB)}, { readonly: true });
console.log(JSON.stringify(db.prepare(${JSON.stringify(sql)}).get(...${JSON.stringify(params)})));`
	);
	return JSON.parse(execFileSync('node', [script], { encoding: 'utf8' }).trim()) as T;
}

const ticketCount = () =>
	query<{ n: number }>(
		'SELECT count(*) AS n FROM tickets t JOIN units u ON u.id = t.unit_id WHERE u.code = ?',
		UNIT
	).n;

async function tapKeys(page: Page, text: string) {
	for (const ch of text) await page.getByRole('button', { name: ch, exact: true }).tap();
}

async function writeReport(page: Page, text: string) {
	await page.goto('/kiosk/me/report');
	await page.getByTestId('kind-property').tap();
	await page.getByTestId('report-next').tap();
	await page.getByTestId('where-home').tap();
	await page.getByTestId('report-next').tap();
	await page.getByTestId('report-text').fill(text);
}

test('the kiosk refuses a fake photo and an 11th report of the day, politely and in the standard’s words', async ({
	page
}) => {
	const { phone } = query<{ phone: string }>(
		'SELECT o.phone FROM units u JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id WHERE u.code = ? ORDER BY uo.id LIMIT 1',
		UNIT
	);
	await page.goto('/kiosk/identify?next=/kiosk/me/report');
	await page.getByTestId('identify-room').tap();
	await page.getByRole('button', { name: /^(清除|Clear)$/ }).tap();
	await tapKeys(page, UNIT);
	await page.getByTestId('identify-digits').tap();
	await tapKeys(page, phone.slice(-4));
	await page.getByTestId('identify-submit').tap();
	await expect(page).toHaveURL(/\/kiosk\/me\/report$/);
	const before = ticketCount();

	// A PNG header followed by a web page is not a photo.
	await writeReport(page, '门口地砖松动');
	const fake = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.from('<html><script>alert(1)</script></html>')
	]);
	await page
		.getByTestId('report-photo')
		.setInputFiles({ name: 'tile.png', mimeType: 'image/png', buffer: fake });
	await page.getByTestId('report-submit').tap();
	await expect(page.getByTestId('report-message')).toHaveText(
		'文件 tile.png 不是 JPEG、PNG 或 WebP 图片。'
	);
	expect(ticketCount()).toBe(before);

	// Ten reports today (sent straight to the form) …
	const origin = new URL(page.url()).origin;
	for (let i = 1; i <= 10; i++) {
		const res = await page.request.post('/kiosk/me/report', {
			multipart: {
				kind: 'property',
				where: 'home',
				text: `楼道灯不亮（第 ${i} 次）`,
				idempotencyKey: crypto.randomUUID()
			},
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(res.status(), await res.text()).toBe(200);
	}
	expect(ticketCount()).toBe(before + 10);

	// … and the 11th on the screen: refused, with the way to reach us.
	await writeReport(page, '电梯按钮失灵');
	await page.getByTestId('report-submit').tap();
	await expect(page.getByTestId('report-message')).toContainText(
		'您今天已经提交了 10 条报事，今天不能再通过自助终端或手机提交了。如有急事，请致电服务中心'
	);
	await expect(page.getByTestId('report-message')).toContainText('或到前台，我们会为您登记。');
	await expect(page.getByTestId('report-done')).toHaveCount(0);
	expect(ticketCount()).toBe(before + 10);
});
