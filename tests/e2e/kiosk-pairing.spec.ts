import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
	PAIRING_CODE_RENEW_BEFORE_MS,
	PAIRING_CODE_TTL_MS
} from '../../src/lib/domain/kiosk-pairing';
import { expect, fetchPdfText, newPage, open, PASSWORD, setClockOffset, test } from './helpers';

/*
 * Kiosks and hall displays as paired devices (issue 22). With a second community on the server
 * and no KIOSK_COMMUNITY, an unpaired hall screen shows its device code; a manager of the second
 * centre pairs it at the counter, and the screen goes to its start page with that centre's name;
 * revoked, it is back on the pairing screen. The second community lives only for this test: the
 * database is put back as it was at the start (the other specs' kiosks serve the only community).
 *
 * Residents' phones are never paired: the hall poster's link names the centre (`?c=HXY`), which the
 * phone remembers; a phone without one chooses its community from a list, never the pairing code.
 */

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const CENTRE = '恒信花园客户服务中心';

/** Adds community HX and its manager `hxmanager` (through the app's own password hashing). */
function addSecondCommunity() {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-pair-e2e-'));
	const script = join(dir, 'second.mts');
	const src = resolve('src/lib/server');
	writeFileSync(
		script,
		`import { openDb } from '${src}/db/index.ts';
import { hashPassword } from '${src}/auth/password.ts';
const db = openDb(${JSON.stringify(DB)});
const now = Date.now();
const c = db.$client
	.prepare("INSERT INTO communities (code, name, centre_name, time_zone, settings, created_at) VALUES ('HX', '恒信花园', '${CENTRE}', 'Asia/Shanghai', '{}', ?)")
	.run(now);
db.$client
	.prepare("INSERT INTO staff_users (community_id, username, display_name, work_no, role, password_hash, active, must_change_password, created_at) VALUES (?, 'hxmanager', '恒信经理', 'HX01', 'manager', ?, 1, 0, ?)")
	.run(c.lastInsertRowid, await hashPassword(${JSON.stringify(PASSWORD)}), now);
db.$client.close();
`
	);
	execFileSync('node', ['--import', 'tsx', script], { encoding: 'utf8' });
}

async function freshContext(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN'
	});
	return ctx.newPage();
}

/** A resident's phone, as the kiosk spec's phone test. */
async function phoneContext(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN',
		viewport: { width: 390, height: 844 },
		hasTouch: true,
		isMobile: true
	});
	return ctx.newPage();
}

const HXY_CENTRE = '荷香苑管理处客户服务中心';

async function pairingCode(kiosk: Page): Promise<string> {
	await expect(kiosk).toHaveURL(/\/kiosk\/pair/);
	const code = (await kiosk.getByTestId('kiosk-pair-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z0-9]{3} [A-Z0-9]{3}$/);
	return code;
}

/** KIOSK_COMMUNITY as the e2e server started (it names the demo's first centre), to put back. */
let named: string | null = null;

test.beforeEach(async ({ request }) => {
	// No centre named for unpaired screens: they must be paired.
	const res = await request.post('/__test/kiosk-community', { data: { code: null } });
	expect(res.ok()).toBeTruthy();
	named = ((await res.json()) as { previous: string | null }).previous;
});

test.afterEach(async ({ request }, testInfo) => {
	// The server's clock back to real time (the code-expiry test moves it).
	await setClockOffset(request, 0);
	// Back to the centres and the named one as before, whatever happened: the next specs' kiosks
	// need no pairing.
	const env = await request.post('/__test/kiosk-community', { data: { code: named } });
	expect(env.ok()).toBeTruthy();
	const res = await request.post('/__test/snapshot', { data: { restore: testInfo.testId } });
	expect(res.ok()).toBeTruthy();
});

test('a hall kiosk is paired at the counter with the manager’s centre, and revoked', async ({
	browser
}) => {
	addSecondCommunity();

	// The hall kiosk: two centres on the server, this screen is nobody's yet.
	const kiosk = await freshContext(browser);
	await open(kiosk, '/kiosk');
	const code = await pairingCode(kiosk);
	await expect(kiosk.getByTestId('kiosk-pair')).toContainText('本设备尚未配对');
	await expect(kiosk.getByTestId('kiosk-pair')).toContainText('This device is not paired yet');
	// Its pages do not open either (they would show some centre's data).
	await open(kiosk, '/kiosk/queue');
	await expect(kiosk).toHaveURL(/\/kiosk\/pair\?kind=kiosk$/);
	expect(await pairingCode(kiosk)).toBe(code);

	// The hall display in another browser: its own code, marked as a display.
	const display = await freshContext(browser);
	await open(display, '/kiosk/display');
	await expect(display).toHaveURL(/\/kiosk\/pair\?kind=display$/);
	expect(await pairingCode(display)).not.toBe(code);
	await expect(display.getByTestId('kiosk-pair')).toContainText('叫号屏');

	// At the counter: the second centre's manager.
	const desk = await freshContext(browser);
	await open(desk, '/login');
	await desk.getByLabel(/用户名|Username/).fill('hxmanager');
	await desk.getByLabel(/密码|Password/).fill(PASSWORD);
	await desk.getByRole('button', { name: /登录|Sign in/ }).click();
	await expect(desk).not.toHaveURL(/\/login/);
	await open(desk, '/manager/kiosks');
	await expect(desk.getByRole('heading', { name: '自助机与叫号屏' })).toBeVisible();
	// The centre's phone link (no pairing for phones), and the hall poster with it as a QR code.
	const link = `${new URL(desk.url()).origin}/kiosk?via=mobile&c=HX`;
	await expect(desk.getByTestId('kiosk-phone-link')).toHaveText(link);
	const poster = await fetchPdfText(desk, '/manager/kiosks/poster.pdf');
	expect(poster).toContain(CENTRE);
	expect(poster).toContain('手机扫码');
	expect(poster).toContain(link);

	// A wrong code: a clear message, nothing paired.
	const wrong = code.startsWith('A') ? 'CCC CCC' : 'AAA AAA';
	await desk.getByTestId('kiosk-pair-code-input').fill(wrong);
	await desk.getByTestId('kiosk-pair-name').fill('大堂自助机');
	await desk.getByTestId('kiosk-pair-save').click();
	await expect(desk.getByTestId('kiosk-devices-error')).toContainText('设备码不正确或已过期');
	await expect(desk.getByTestId('kiosk-device-row')).toHaveCount(0);
	// What was typed stays, to be corrected.
	await expect(desk.getByTestId('kiosk-pair-name')).toHaveValue('大堂自助机');

	// The right code, typed in lower case without the space.
	await desk.getByTestId('kiosk-pair-code-input').fill(code.replace(' ', '').toLowerCase());
	await desk.getByTestId('kiosk-pair-save').click();
	await expect(desk.getByTestId('kiosk-devices-ok')).toContainText('大堂自助机');
	const row = desk.locator('[data-testid="kiosk-device-row"][data-name="大堂自助机"]');
	await expect(row).toHaveAttribute('data-state', 'active');
	await expect(row).toContainText('自助机');

	// The kiosk notices by itself and opens its start screen, with the second centre's name.
	await expect(kiosk.getByTestId('kiosk-start')).toBeVisible({ timeout: 15_000 });
	await expect(kiosk).toHaveURL(/\/kiosk$/);
	await expect(kiosk.locator('header')).toContainText(CENTRE);
	await open(kiosk, '/kiosk/queue');
	await expect(kiosk).toHaveURL(/\/kiosk\/queue$/);
	// The display, not paired, still waits; paired, it shows the second centre's queue board.
	await expect(display).toHaveURL(/\/kiosk\/pair/);
	const displayCode = await pairingCode(display);
	await desk.getByTestId('kiosk-pair-code-input').fill(displayCode);
	await desk.getByTestId('kiosk-pair-name').fill('大堂叫号屏');
	await desk.getByTestId('kiosk-pair-save').click();
	await expect(desk.getByTestId('kiosk-devices-ok')).toContainText('大堂叫号屏');
	await expect(
		desk.locator('[data-testid="kiosk-device-row"][data-name="大堂叫号屏"]')
	).toContainText('叫号屏');
	await expect(display.getByTestId('hall-display')).toBeVisible({ timeout: 15_000 });
	await expect(display).toHaveURL(/\/kiosk\/display$/);
	await expect(display.getByTestId('hall-display')).toContainText(CENTRE);

	// Revoked (after a confirmation): the kiosk is back on its pairing screen, with a new code.
	await row.getByTestId('kiosk-device-revoke').click();
	await expect(desk.getByTestId('kiosk-device-revoke-confirm')).toContainText('大堂自助机');
	await desk.getByTestId('kiosk-device-revoke-confirm-yes').click();
	await expect(desk.getByTestId('kiosk-devices-ok')).toContainText('已解除');
	await expect(row).toHaveAttribute('data-state', 'revoked');
	await open(kiosk, '/kiosk');
	const next = await pairingCode(kiosk);
	expect(next).not.toBe(code);

	for (const p of [kiosk, display, desk]) await p.context().close();
});

test('a phone opening the poster link of 荷香苑 gets its start screen, and keeps it; a hall screen does not', async ({
	browser
}) => {
	const phone = await phoneContext(browser);
	await open(phone, '/kiosk?via=mobile&c=HXY');
	await expect(phone.getByTestId('kiosk-start')).toBeVisible();
	await expect(phone.locator('header')).toContainText(HXY_CENTRE);
	await expect(phone.getByTestId('kiosk-pair')).toHaveCount(0);
	// Remembered for this browser: a page opened later without the code is still 荷香苑's.
	await open(phone, '/kiosk/queue');
	await expect(phone).toHaveURL(/\/kiosk\/queue$/);
	await expect(phone.locator('header')).toContainText(HXY_CENTRE);
	const cookie = (await phone.context().cookies()).find((c) => c.name === 'kiosk_community');
	expect(cookie?.value).toBe('HXY');
	// A code of no community is ignored: no error page, and the choice stays.
	await open(phone, '/kiosk?c=NOPE');
	await expect(phone.getByTestId('kiosk-start')).toBeVisible();
	await expect(phone.locator('header')).toContainText(HXY_CENTRE);

	// A new phone with an unknown code: nothing written, it chooses.
	const other = await phoneContext(browser);
	await open(other, '/kiosk?via=mobile&c=NOPE');
	await expect(other).toHaveURL(/\/kiosk\/choose/);
	expect((await other.context().cookies()).map((c) => c.name)).not.toContain('kiosk_community');

	// The hall kiosk is not switched by an address: it still waits to be paired.
	const kiosk = await freshContext(browser);
	await open(kiosk, '/kiosk?via=kiosk&c=HXY');
	await pairingCode(kiosk);

	for (const p of [phone, other, kiosk]) await p.context().close();
});

test('a phone without a code chooses its community from a list, not the pairing screen', async ({
	browser
}) => {
	const phone = await phoneContext(browser);
	await open(phone, '/kiosk?via=mobile');
	await expect(phone).toHaveURL(/\/kiosk\/choose\?next=/);
	await expect(phone.getByTestId('kiosk-pair')).toHaveCount(0);
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('请选择您的小区');
	const choices = phone.getByTestId('kiosk-choose-community');
	await expect(choices.filter({ hasText: '鹿鸣溪谷' })).toHaveCount(1);
	// Big targets for a thumb.
	const box = (await choices.first().boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(64);
	expect(box.width).toBeGreaterThanOrEqual(300);
	await phone.locator('[data-testid="kiosk-choose-community"][data-code="HXY"]').tap();
	await expect(phone.getByTestId('kiosk-start')).toBeVisible();
	await expect(phone).toHaveURL(/\/kiosk\?via=mobile&c=HXY$/);
	await expect(phone.locator('header')).toContainText(HXY_CENTRE);
	// Chosen once: the queue page of 荷香苑 opens directly.
	await open(phone, '/kiosk/queue');
	await expect(phone).toHaveURL(/\/kiosk\/queue$/);
	await expect(phone.locator('header')).toContainText(HXY_CENTRE);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// The hall screen, unpaired, keeps its pairing screen (and never sees the chooser).
	const kiosk = await freshContext(browser);
	await open(kiosk, '/kiosk/choose?next=/kiosk');
	await pairingCode(kiosk);

	await phone.context().close();
	await kiosk.context().close();
});

test('a pairing code lives 15 minutes of server time: the screen shows a new one in time, an old or expired one is refused', async ({
	browser,
	request
}) => {
	const kiosk = await freshContext(browser);
	await open(kiosk, '/kiosk');
	const first = await pairingCode(kiosk);

	// Real server time passes (the page's clock does not move): close to the end of the code's
	// life, the screen's next poll brings a new code by itself.
	const nearEnd = PAIRING_CODE_TTL_MS - PAIRING_CODE_RENEW_BEFORE_MS + 5_000;
	await setClockOffset(request, nearEnd);
	await expect(kiosk.getByTestId('kiosk-pair-code')).not.toHaveText(first, { timeout: 10_000 });
	const second = await pairingCode(kiosk);

	const desk = await newPage(browser, 'manager');
	await open(desk, '/manager/kiosks');
	const pair = async (code: string) => {
		await desk.getByTestId('kiosk-pair-code-input').fill(code);
		await desk.getByTestId('kiosk-pair-name').fill('大堂自助机');
		await desk.getByTestId('kiosk-pair-save').click();
	};
	// The code the screen no longer shows pairs nothing.
	await pair(first);
	await expect(desk.getByTestId('kiosk-devices-error')).toContainText('设备码不正确或已过期');

	// The screen is switched off (nobody renews its code) and 15 minutes pass on the server:
	// the code written down from it is refused.
	await kiosk.close();
	await setClockOffset(request, nearEnd + PAIRING_CODE_TTL_MS);
	await pair(second);
	await expect(desk.getByTestId('kiosk-devices-error')).toContainText('设备码不正确或已过期');
	await expect(desk.getByTestId('kiosk-device-row')).toHaveCount(0);

	// Switched on again, the same screen shows a fresh code, and that one pairs it.
	const again = await kiosk.context().newPage();
	await open(again, '/kiosk');
	const third = await pairingCode(again);
	expect([first, second]).not.toContain(third);
	await pair(third);
	await expect(desk.getByTestId('kiosk-devices-ok')).toContainText('大堂自助机');
	await expect(again.getByTestId('kiosk-start')).toBeVisible({ timeout: 15_000 });

	await again.context().close();
	await desk.context().close();
});
