import type { Browser, Page } from '@playwright/test';
import { test, expect, login, open } from './helpers';

/*
 * Issue 20 part B: the hall display read from 5 m (sizes measured in the page at 1920×1080 and
 * 1080×1920, the flash's contrast sampled while it runs), spoken calls (speechSynthesis stubbed
 * to capture what is said on a call and on 再次呼叫), and a notice from the counter to the kiosk
 * start screen and the display's ticker, then gone by itself at its end (real server time).
 */

const base = () => test.info().project.use.baseURL;

async function newPage(browser: Browser, viewport = { width: 1920, height: 1080 }): Promise<Page> {
	return (await browser.newContext({ baseURL: base(), locale: 'zh-CN', viewport })).newPage();
}

/** A clerk at counter 2. */
async function counter(browser: Browser): Promise<Page> {
	const page = await newPage(browser);
	await login(page, 'clerk');
	await open(page, '/queue');
	await page.getByTestId('queue-counter').selectOption('2');
	await page.getByRole('button', { name: '保存窗口设置' }).click();
	await expect(page.getByTestId('queue-done')).toHaveText('已切换到 2 号窗口。');
	return page;
}

async function takeNumbers(browser: Browser, n: number) {
	const page = await newPage(browser);
	for (let i = 0; i < n; i++) {
		await page.goto('/kiosk/queue');
		await page.getByTestId('service-payment').click();
		await page.getByTestId('priority-normal').click();
		await page.getByTestId('queue-take').click();
		await expect(page).toHaveURL(/\/kiosk\/queue\/\d+\?new=1$/);
	}
	await page.context().close();
}

/** Calls the next number at the clerk's counter; returns it. */
async function callNext(clerk: Page): Promise<string> {
	const done = clerk.getByTestId('queue-done');
	const before = (await done.textContent().catch(() => '')) ?? '';
	await clerk.getByTestId('queue-next').click();
	await expect(done).not.toHaveText(before);
	await expect(done).toContainText('已叫');
	return (await clerk.getByTestId('queue-current').locator('.no').textContent())!.trim();
}

/** WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
	const lum = (c: string) => {
		const [r, g, bl] = c
			.match(/[\d.]+/g)!
			.slice(0, 3)
			.map((v) => {
				const s = Number(v) / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			});
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
}

const DIGITS = '零一二三四五六七八九';
const spoken = (no: string, counterWord: string) =>
	`请 ${[...no].map((c) => (/\d/.test(c) ? DIGITS[Number(c)] : c)).join(' ')} 号到 ${counterWord} 号窗口办理`;

test('hall display from 5 m: number ≥ 10% and get-ready list ≥ 5% of the height, screen filled, flash legible, landscape and portrait', async ({
	browser
}) => {
	await takeNumbers(browser, 4);
	const clerk = await counter(browser);
	for (const viewport of [
		{ width: 1920, height: 1080 },
		{ width: 1080, height: 1920 }
	]) {
		const hall = await newPage(browser, viewport);
		await hall.goto('/kiosk/display');
		await expect(hall.getByTestId('display-next').locator('li').first()).toBeVisible();
		// A fresh call, so the flash runs while it is sampled.
		const no = await callNext(clerk);
		await expect(hall.getByTestId('display-latest')).toContainText(no, { timeout: 8000 });
		const latest = hall.getByTestId('display-latest');
		// Sample the flash for 2.5 s: every frame's text against its background stays ≥ 4.5:1.
		const worst = await latest.evaluate(async (el) => {
			const frames: [string, string][] = [];
			const start = performance.now();
			while (performance.now() - start < 2500) {
				const s = getComputedStyle(el);
				frames.push([s.color, s.backgroundColor]);
				await new Promise((r) => setTimeout(r, 37));
			}
			return frames;
		});
		const ratios = worst.map(([c, bg]) => contrast(c, bg));
		expect(new Set(worst.map((f) => f[1])).size, 'the flash ran').toBeGreaterThan(1);
		expect(
			Math.min(...ratios),
			`flash contrast at ${viewport.width}×${viewport.height}`
		).toBeGreaterThanOrEqual(4.5);

		const m = await hall.evaluate(() => {
			const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
			const fontPx = (sel: string) =>
				parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
			return {
				vh: innerHeight,
				vw: innerWidth,
				latest: box('[data-testid="display-latest"]').height,
				number: fontPx('[data-testid="display-latest"] .no'),
				counter: fontPx('[data-testid="display-latest"] .to'),
				next: box('[data-testid="display-next"] li').height,
				nextFont: fontPx('[data-testid="display-next"] li'),
				waitingFont: fontPx('[data-testid="display-waiting"]'),
				countFont: fontPx('.services li'),
				scrollH: document.documentElement.scrollHeight,
				scrollW: document.documentElement.scrollWidth,
				mainBottom: box('main').bottom,
				calling: box('[data-testid="display-calling"]').height
			};
		});
		const at = `${viewport.width}×${viewport.height}`;
		expect(m.latest, `called number box at ${at}`).toBeGreaterThanOrEqual(0.1 * m.vh);
		expect(m.number, `called number glyphs at ${at}`).toBeGreaterThanOrEqual(0.1 * m.vh);
		expect(m.counter, `counter text at ${at}`).toBeGreaterThanOrEqual(0.05 * m.vh);
		expect(m.next, `get-ready list at ${at}`).toBeGreaterThanOrEqual(0.05 * m.vh);
		expect(m.nextFont, `get-ready numbers at ${at}`).toBeGreaterThanOrEqual(0.045 * m.vh);
		// Waiting counts: at least 3.5% of the height (≈ 25 mm on a 55" screen).
		expect(Math.min(m.waitingFont, m.countFont), `waiting counts at ${at}`).toBeGreaterThanOrEqual(
			0.035 * m.vh
		);
		// One screen, filled: no scrolling, the content reaches the bottom, the calls take a third or more.
		expect(m.scrollH).toBeLessThanOrEqual(m.vh + 1);
		expect(m.scrollW).toBeLessThanOrEqual(m.vw + 1);
		expect(m.mainBottom).toBeGreaterThanOrEqual(0.85 * m.vh);
		expect(m.calling).toBeGreaterThanOrEqual(0.3 * m.vh);
		await hall.context().close();
	}
});

test('spoken calls: the display says "请 … 号到 二 号窗口办理" on a call and once more on 再次呼叫', async ({
	browser
}) => {
	await takeNumbers(browser, 1);
	const clerk = await counter(browser);
	const hall = await newPage(browser);
	// A stand-in for the browser's speech: a zh-CN voice, and every utterance recorded.
	await hall.addInitScript(() => {
		const said: string[] = [];
		(window as unknown as { __said: string[] }).__said = said;
		class Utterance {
			text: string;
			lang = '';
			voice: unknown = null;
			rate = 1;
			onend: (() => void) | null = null;
			onerror: (() => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		const synth = {
			getVoices: () => [
				{ lang: 'zh-CN', name: 'stub', voiceURI: 'stub', default: true, localService: true }
			],
			speak: (u: Utterance) => {
				said.push(u.text);
				setTimeout(() => u.onend?.(), 10);
			},
			cancel: () => {},
			addEventListener: () => {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: Utterance,
			configurable: true
		});
	});
	await hall.goto('/kiosk/display');
	await hall.waitForSelector('body[data-hydrated]');
	const said = () =>
		hall.evaluate(() => (window as unknown as { __said: string[] }).__said.slice());
	// Opening the screen says nothing of calls made before.
	await hall.waitForTimeout(1000);
	expect(await said()).toEqual([]);

	const no = await callNext(clerk);
	await expect.poll(said, { timeout: 12_000 }).toEqual([spoken(no, '二')]);

	await clerk.getByTestId('queue-recall').click();
	await expect.poll(said, { timeout: 12_000 }).toEqual([spoken(no, '二'), spoken(no, '二')]);
	await hall.context().close();
});

test('a notice from the counter to the kiosk start screen and the display ticker, gone by itself at its end but kept', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	await open(page, '/notices');
	const form = page.getByTestId('notice-form');

	// Bad input: no title, the end before the start → translated messages, nothing written.
	const rowsBefore = await page.getByTestId('notice-row').count();
	const start = await form.getByLabel('开始时间').inputValue();
	expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
	const plus = (s: string, ms: number) =>
		new Date(Date.parse(s + 'Z') + ms).toISOString().slice(0, 19);
	await form.getByLabel('结束时间').fill(plus(start, -60_000));
	await form.getByRole('button', { name: '发布' }).click();
	await expect(page.getByTestId('form-error')).toHaveText('请填写标题。');
	await expect(form.locator('.error')).toContainText([
		'请填写标题。',
		'结束时间必须晚于开始时间。'
	]);
	await expect(page.getByTestId('notice-row')).toHaveCount(rowsBefore);

	// A notice that ends ~8 s (server time) after the start the form offered.
	const title = `停水通知 ${Date.now() % 100000}`;
	await form.getByLabel('标题').fill(title);
	await form.getByLabel('内容').fill('3栋今日 9:00–17:00 停水，请提前储水。');
	await form.getByLabel('开始时间').fill(start);
	await form.getByLabel('结束时间').fill(plus(start, 8_000));
	await form.getByLabel(/紧急公告/).check();
	await form.getByRole('button', { name: '发布' }).click();
	await expect(page.getByRole('status')).toContainText('公告已发布。');
	const row = page.locator(`[data-testid="notice-row"][data-title="${title}"]`);
	await expect(row.getByTestId('notice-status')).toHaveText('显示中');

	const kiosk = await newPage(browser);
	await kiosk.goto('/kiosk');
	await expect(kiosk.getByTestId('notice-banner')).toContainText(title);
	await expect(kiosk.getByTestId('notice-banner')).toContainText('紧急');
	const hall = await newPage(browser);
	await hall.goto('/kiosk/display');
	await expect(hall.getByTestId('display-ticker')).toContainText(title);

	// Real server time passes its end: gone from the kiosk and the display, kept as expired.
	await expect(async () => {
		await kiosk.reload();
		await expect(kiosk.getByText(title)).toHaveCount(0, { timeout: 500 });
	}).toPass({ timeout: 20_000, intervals: [1000] });
	await hall.reload();
	await expect(hall.getByText(title)).toHaveCount(0);
	await page.reload();
	await expect(row.getByTestId('notice-status')).toHaveText('已过期');
	await kiosk.context().close();
	await hall.context().close();
});
