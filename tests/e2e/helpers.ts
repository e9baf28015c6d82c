import {
	test as base,
	expect,
	type APIRequestContext,
	type Browser,
	type Page
} from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every spec's `test`. The tests share one server and database and write to it, so a retry would
 * trip over what its failed first attempt wrote (a case already open, an item already ticked). Each
 * test therefore saves the database as it starts, and a retry puts that copy back first.
 */
export const test = base.extend<{ retryFromSameDatabase: void }>({
	retryFromSameDatabase: [
		async ({ request }, use, testInfo) => {
			const key = testInfo.testId;
			const res = await request.post('/__test/snapshot', {
				data: testInfo.retry === 0 ? { save: key } : { restore: key }
			});
			expect(
				res.ok(),
				`snapshot ${testInfo.retry === 0 ? 'save' : 'restore'}: ${res.status()}`
			).toBeTruthy();
			await use();
		},
		{ auto: true }
	]
});
export { expect };

/** The password scripts/e2e-server.sh gives the demo accounts. */
export const PASSWORD = process.env.DEMO_PASSWORD ?? 'e2e-Passw0rd!';

/** Opens a page and waits until it is hydrated (typing earlier could be lost). */
export async function open(page: Page, url: string) {
	await page.goto(url);
	await page.waitForSelector('body[data-hydrated]');
}

/** Signs in through the real form. */
export async function login(page: Page, username: 'clerk' | 'clerk2' | 'manager' | 'admin' | 'hq') {
	await open(page, '/login');
	await page.getByLabel(/用户名|Username/).fill(username);
	await page.getByLabel(/密码|Password/).fill(PASSWORD);
	await page.getByRole('button', { name: /登录|Sign in/ }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Cash is taken only inside a shift: the signed-in user takes over one at /shift (float `float`
 * yuan) unless theirs is already open. Call after `login` in tests that take or pay out cash.
 */
export async function takeOverShift(page: Page, float = '0') {
	const back = page.url();
	await open(page, '/shift');
	if (!(await page.getByTestId('shift-expected').isVisible())) {
		await page.getByTestId('shift-float').fill(float);
		await page.getByTestId('shift-open').click();
		await expect(page.getByTestId('shift-expected')).toBeVisible();
	}
	// Back where the test was (the shift page's focused input would swallow keyboard shortcuts).
	if (back.startsWith('http')) await open(page, back);
}

/** Text of a PDF (pdftotext -layout), for checking generated documents. */
export function pdfToText(bytes: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'e2e-pdf-'));
	const file = join(dir, 'doc.pdf');
	writeFileSync(file, bytes);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Downloads a PDF with the page's cookies and returns its text. */
export async function fetchPdfText(page: Page, url: string): Promise<string> {
	const res = await page.request.get(url);
	expect(res.status(), `GET ${url}`).toBe(200);
	expect(res.headers()['content-type']).toContain('application/pdf');
	return pdfToText(await res.body());
}

/** Moves the server's clock forward (the e2e server runs with FRONTDESK_TEST_HOOKS=1). */
export async function setClockOffset(request: APIRequestContext, offsetMs: number) {
	const res = await request.post('/__test/clock', { data: { offsetMs } });
	expect(res.ok()).toBeTruthy();
}

/** A yuan amount as shown on a page (¥1,234.50) in fen. */
export const yuan = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);

/** A second person at another desk: a fresh browser context in Chinese, signed in as `user`. */
export async function newPage(
	browser: Browser,
	user: 'clerk' | 'manager' | 'admin'
): Promise<Page> {
	const page = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(page, user);
	return page;
}

/** Posts a form action by hand (as a script or a stale tab would), answering SvelteKit's action JSON. */
export async function postAction(page: Page, url: string, form: Record<string, string>) {
	const res = await page.request.post(url, {
		form,
		headers: { origin: new URL(page.url()).origin, 'x-sveltekit-action': 'true' }
	});
	return {
		body: (await res.json()) as { type: string; status?: number; data?: string; location?: string },
		text: await res.text()
	};
}
