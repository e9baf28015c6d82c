import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, open, PASSWORD, test } from './helpers';

/*
 * Kiosks and hall displays as paired devices (issue 22). With a second community on the server
 * and no KIOSK_COMMUNITY, an unpaired hall screen shows its device code; a manager of the second
 * centre pairs it at the counter, and the screen goes to its start page with that centre's name;
 * revoked, it is back on the pairing screen. The second community lives only for this test: the
 * database is put back as it was at the start (the other specs' kiosks serve the only community).
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
