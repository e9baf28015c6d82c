import { test, expect, login, open } from './helpers';
import type { Page } from '@playwright/test';
import { encodeGb18030 } from '../../scripts/bench/gb18030';

/*
 * Import (issue 13): an admin imports 业主与住户 with good and bad rows, sees the preview (rows to
 * add, refused rows with their row and reason), confirms, and the new co-owner identifies at the
 * kiosk with the phone just imported. Opening balances (a GB18030 CSV as Excel saves it) become
 * bills marked 期初 and show apart in the daily report. Bad files get a message and write nothing.
 * Uses units 8-2-1002 and 8-2-1001 (no other spec touches them).
 */

const UNIT = '8-2-1002';
const PHONE = '13966660417';
const csv = (lines: string[]) => Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
const HEAD = '房号,姓名,类型,手机,证件类型,证件号,起止日期';

async function choose(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv') {
	await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer });
	await page.getByTestId('import-preview').click();
}

async function tapKeys(page: Page, text: string) {
	for (const ch of text) await page.getByRole('button', { name: ch, exact: true }).click();
}

test('import people with good and bad rows → preview → confirm → the new co-owner identifies at the kiosk', async ({
	page,
	browser
}) => {
	await login(page, 'admin');
	await open(page, '/admin/import');
	const file = csv([
		HEAD,
		`${UNIT},欧阳新,共有人,${PHONE},身份证,11010519491231002X,2026-11-01`,
		`${UNIT},欧阳旧,家庭成员,1396666,,,`,
		'99-9-9999,无此人,业主,13966660000,,,',
		`${UNIT},欧阳新,共有人,${PHONE},,,`
	]);
	await choose(page, 'people.csv', file);

	const card = page.getByTestId('import-preview-card');
	await expect(card).toContainText('业主与住户');
	await expect(page.getByTestId('import-encoding')).toContainText('UTF-8');
	await expect(page.getByTestId('import-counts')).toContainText('新增 1 行');
	await expect(page.getByTestId('import-counts')).toContainText('拒绝 3 行');
	const refused = page.getByTestId('import-refused');
	await expect(refused).toContainText('手机：手机号格式不正确（11 位）「1396666」');
	await expect(refused).toContainText('房号：房号不存在「99-9-9999」');
	await expect(refused).toContainText('与第 2 行重复');
	await expect(page.getByTestId('import-add')).toContainText(`${UNIT} 欧阳新`);

	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 1 行');
	await expect(page.getByTestId('import-done')).toContainText('拒绝 3 行');

	// The same file again: nothing to write.
	await choose(page, 'people.csv', file);
	await expect(page.getByTestId('import-counts')).toContainText('新增 0 行');
	await expect(page.getByTestId('import-counts')).toContainText('无变化 1 行');
	await expect(page.getByTestId('import-nothing')).toBeVisible();

	// The new co-owner identifies at the hall kiosk with the last four digits of that phone.
	const kiosk = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await kiosk.goto('/kiosk/identify?next=/kiosk/me/bills');
	await kiosk.waitForSelector('body[data-hydrated]');
	await kiosk.getByTestId('identify-room').click();
	await kiosk.getByRole('button', { name: /^(清除|Clear)$/ }).click();
	await tapKeys(kiosk, UNIT);
	await kiosk.getByTestId('identify-digits').click();
	await tapKeys(kiosk, PHONE.slice(-4));
	await kiosk.getByTestId('identify-submit').click();
	await expect(kiosk).toHaveURL(/\/kiosk\/me\/bills$/);
});

test('bad files: wrong type, empty, wrong headers, too large — a message and nothing written', async ({
	page
}) => {
	await login(page, 'admin');
	await open(page, '/admin/import');
	const error = page.getByTestId('import-error');

	await choose(page, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
	await expect(error).toContainText('只能导入 .xlsx 或 .csv 文件');

	await choose(page, 'empty.csv', Buffer.alloc(0));
	await expect(error).toContainText('文件是空的');

	await choose(page, 'wrong.csv', csv(['房间,名字', '1-1-101,张三']));
	await expect(error).toContainText('无法识别表头');

	await page.locator('#import-kind').selectOption('people');
	await choose(page, 'wrong.csv', csv(['房号,姓名', '1-1-101,张三']));
	await expect(error).toContainText('缺少：类型、手机、证件类型、证件号、起止日期');

	// Refused in the page before uploading, and by the server if it gets there.
	await choose(page, 'big.csv', Buffer.alloc(11 * 1024 * 1024, 0x41));
	await expect(error).toContainText('文件太大：最大 10 MB');
	const res = await page.request.post('/admin/import?/preview', {
		headers: { origin: new URL(page.url()).origin, 'x-sveltekit-action': 'true' },
		multipart: {
			file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(11 * 1024 * 1024, 0x41) }
		}
	});
	// An enhanced action answers 200 with the failure inside.
	const answer = (await res.json()) as { type: string; status: number; data: string };
	expect([answer.type, answer.status]).toEqual(['failure', 413]);
	expect(answer.data).toContain('文件太大');
	await expect(page.getByTestId('import-preview-card')).toHaveCount(0);
});

test('templates and exports download as .xlsx and CSV with BOM', async ({ page }) => {
	await login(page, 'admin');
	const tpl = await page.request.get('/admin/import/template?kind=units&format=csv');
	expect(tpl.status()).toBe(200);
	const text = (await tpl.body()).toString('utf8');
	expect(
		text.startsWith(
			'\uFEFF楼栋,单元,房号,建筑面积,用途,状态,交房通知日期,接房日期\r\n3,2,1502,89.50'
		)
	).toBe(true);
	const xlsx = await page.request.get('/admin/import/export?kind=people&format=xlsx');
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
	const bad = await page.request.get('/admin/import/export?kind=nope&format=csv');
	expect(bad.status()).toBe(400);
});

test('opening arrears (GB18030 CSV) and deposits: bills marked 期初, held money on the fee page, apart in the daily report', async ({
	page
}) => {
	await login(page, 'admin');
	await open(page, '/admin/import');
	const arrears = Buffer.from(
		encodeGb18030(
			[
				'房号,收费项目,月份,金额,滞纳金起算日',
				'8-2-1001,物业服务费,2024-06,300.00,2024-06-20',
				'8-2-1001,物业服务费,2024-07,1.005,2024-07-20'
			].join('\r\n') + '\r\n'
		)
	);
	await choose(page, 'arrears.csv', arrears);
	await expect(page.getByTestId('import-encoding')).toContainText('GB18030/GBK');
	await expect(page.getByTestId('import-counts')).toContainText('新增 1 行');
	await expect(page.getByTestId('import-counts')).toContainText('期初金额合计：¥300.00');
	await expect(page.getByTestId('import-refused')).toContainText('金额：小数超过两位「1.005」');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 1 行');

	await choose(page, 'credits.csv', csv(['房号,类型,金额,原收据号', '8-2-1001,押金,500,OLD-001']));
	await expect(page.getByTestId('import-preview-card')).toContainText('期初预存/押金');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('新增 1 行');

	await open(page, '/fees/8-2-1001');
	await expect(page.getByTestId('opening-badge')).toHaveCount(1);
	await expect(page.getByTestId('opening-credits')).toContainText(
		'押金 ¥500.00（原收据号 OLD-001）'
	);

	await open(page, '/reports');
	const section = page.getByTestId('reports-opening');
	await expect(section).toContainText('期初欠费：1 行，¥300.00');
	await expect(section).toContainText('期初预存/押金：1 行，¥500.00');
});
