import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, login, open, test } from './helpers';

/*
 * Issue 20 on a floor-standing portrait kiosk (1080×1920, touch): from a wheelchair only the lower
 * two thirds of the screen are within reach, so on the identify keypad, the bills page and every
 * report step each control (buttons, keypad keys, inputs, choice tiles) must lie there, whole and
 * without scrolling; and each is at least 48 px (64 px in 大字模式). Also the notices on the
 * identified resident's own page, urgent first. Uses unit 5-1-702 only (ten unpaid bills: the
 * longest bills page of the seed).
 */

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const UNIT = '5-1-702';
const PORTRAIT = { width: 1080, height: 1920 };

function phoneTail(unit: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-reach-'));
	const script = join(dir, 'q.cjs');
	writeFileSync(
		script,
		`const Database = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(DB)}, { readonly: true });
const r = db.prepare("SELECT o.phone FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id WHERE u.code = ? AND uo.role = 'owner' ORDER BY uo.id LIMIT 1").get(${JSON.stringify(unit)});
console.log(r.phone.replace(/\\D/g, '').slice(-4));`
	);
	return execFileSync('node', [script], { encoding: 'utf8' }).trim();
}

async function kiosk(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN',
		viewport: PORTRAIT,
		hasTouch: true
	});
	return ctx.newPage();
}

async function identify(page: Page, next: string) {
	await page.goto(`/kiosk/identify?next=${encodeURIComponent(next)}`);
	await page.waitForSelector('body[data-hydrated]');
	await page.getByTestId('identify-room').tap();
	for (const ch of UNIT) await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-digits').tap();
	for (const ch of phoneTail(UNIT)) await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-submit').tap();
	await expect(page).toHaveURL(new RegExp(next.replace(/\//g, '\\/') + '$'));
}

interface Control {
	what: string;
	top: number;
	bottom: number;
	width: number;
	height: number;
}

/** Every control a finger uses on the screen as shown now (the page's, not the browser's). */
async function controls(page: Page): Promise<Control[]> {
	await page.waitForSelector('body[data-hydrated]');
	return page.evaluate(() => {
		const sel = [
			'button',
			'a.btn',
			'a.tile',
			'label.choice',
			'label.check',
			'input:not([type=hidden]):not([type=radio]):not([type=checkbox])',
			'textarea',
			'select'
		].join(',');
		return [...document.querySelectorAll<HTMLElement>(sel)]
			.filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
			.filter((el) => !el.closest('.no-kiosk, [aria-hidden="true"]'))
			.map((el) => {
				const r = el.getBoundingClientRect();
				const label = (el.getAttribute('data-testid') ??
					el.getAttribute('aria-label') ??
					el.textContent ??
					el.tagName) as string;
				return {
					what: `${el.tagName.toLowerCase()} ${label.trim().replace(/\s+/g, ' ').slice(0, 30)}`,
					top: Math.round(r.top),
					bottom: Math.round(r.bottom),
					width: Math.round(r.width),
					height: Math.round(r.height)
				};
			})
			.filter((c) => c.width > 1 && c.height > 1);
	});
}

/** Each control whole on the screen and in its lower two thirds (no scrolling needed). */
async function expectInReach(page: Page, where: string) {
	const list = await controls(page);
	expect(list.length, where).toBeGreaterThan(0);
	const high = list.filter((c) => c.top < PORTRAIT.height / 3 || c.bottom > PORTRAIT.height);
	expect(high, `${where}: controls out of reach`).toEqual([]);
}

async function expectTargets(page: Page, where: string, min: number) {
	const small = (await controls(page)).filter((c) => Math.min(c.width, c.height) < min);
	expect(small, `${where}: targets under ${min} px`).toEqual([]);
}

/** The report's three steps, each checked with `check` as it shows. */
async function reportSteps(page: Page, check: (where: string) => Promise<void>) {
	await page.goto('/kiosk/me/report');
	await check('report step 1 (what kind)');
	await page.getByTestId('kind-property').tap();
	await page.getByTestId('report-next').tap();
	await check('report step 2 (where)');
	await page.getByTestId('where-common').tap(); // the longer step: its place chips show
	await page.getByTestId('report-location').fill('3栋大堂');
	await page.getByTestId('report-next').tap();
	await check('report step 3 (what happened)');
}

test('portrait kiosk: every control of identify, bills and each report step in the lower two thirds, big enough', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await kiosk(browser);
	await page.goto('/kiosk/identify');
	await expectInReach(page, 'identify');
	await expectTargets(page, 'identify', 48);

	await identify(page, '/kiosk/me/bills');
	await expect(page.getByTestId('bill-row')).toHaveCount(10);
	await expectInReach(page, 'bills');
	await expectTargets(page, 'bills', 48);
	// Taking a number from the bills page opens its priority choice: still within reach.
	await page.getByTestId('bills-take-number').tap();
	await expect(page.getByTestId('bills-priority-normal')).toBeVisible();
	await expectInReach(page, 'bills, priority choice');

	await reportSteps(page, async (where) => {
		await expectInReach(page, where);
		await expectTargets(page, where, 48);
	});

	// 大字模式: every target at least 64 px on the same screens.
	await page.getByTestId('kiosk-large-text').tap();
	await expect(page.getByTestId('kiosk-large-text')).toHaveAttribute('aria-pressed', 'true');
	await page.goto('/kiosk/me/bills');
	await expectTargets(page, 'bills (大字)', 64);
	await reportSteps(page, (where) => expectTargets(page, `${where} (大字)`, 64));
	await page.context().close();
	const fresh = await kiosk(browser);
	await fresh.goto('/kiosk/identify');
	await fresh.getByTestId('kiosk-large-text').tap();
	await expectTargets(fresh, 'identify (大字)', 64);
	await fresh.context().close();
});

test('the notices in force show on the resident’s own page too, urgent first', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await login(page, 'clerk');
	await open(page, '/notices');
	const form = page.getByTestId('notice-form');
	const start = await form.getByLabel('开始时间').inputValue();
	const plus = (s: string, ms: number) =>
		new Date(Date.parse(s + 'Z') + ms).toISOString().slice(0, 19);
	const tag = Date.now() % 100000;
	const post = async (title: string, urgent: boolean) => {
		await form.getByLabel('标题').fill(title);
		await form.getByLabel('内容').fill('请留意。');
		await form.getByLabel('开始时间').fill(start);
		// Short-lived: gone by itself before the other kiosk specs run.
		await form.getByLabel('结束时间').fill(plus(start, 20_000));
		if (urgent) await form.getByLabel(/紧急公告/).check();
		await form.getByRole('button', { name: '发布' }).click();
		await expect(page.getByRole('status')).toContainText('公告已发布。');
	};
	const plain = `电梯保养 ${tag}`;
	const urgent = `停电通知 ${tag}`;
	await post(plain, false);
	await post(urgent, true);

	const me = await kiosk(browser);
	await identify(me, '/kiosk/me');
	const banner = me.getByTestId('notice-banner');
	await expect(banner).toContainText(plain);
	await expect(banner).toContainText(urgent);
	const titles = await banner.getByTestId('notice-item').allTextContents();
	const at = (t: string) => titles.findIndex((s) => s.includes(t));
	expect(at(urgent)).toBeGreaterThanOrEqual(0);
	expect(at(urgent)).toBeLessThan(at(plain));
	await expect(banner.getByTestId('notice-item').first()).toContainText('紧急');

	// Gone by themselves at their end.
	await expect(async () => {
		await me.reload();
		await expect(me.getByText(urgent)).toHaveCount(0, { timeout: 500 });
		await expect(me.getByText(plain)).toHaveCount(0, { timeout: 500 });
	}).toPass({ timeout: 40_000, intervals: [2000] });
	await me.context().close();
});
