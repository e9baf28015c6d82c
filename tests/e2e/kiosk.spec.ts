import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, fetchPdfText, login, setClockOffset } from './helpers';

/*
 * The resident kiosk, the phone pages and the hall queue (issue 08), driven by touch (tap()):
 * queue numbers with the elderly called first at the counter and shown on the hall display;
 * identification with the per-room / per-kiosk limit; bills with today's late fee, the statement
 * and a one-tap payment number; a report that lands on the staff board; the 60 s idle reset; and
 * the refusals. Uses units of building 4 only (4-x-xxx).
 */

test.use({ hasTouch: true });

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const DAY = 86_400_000;

interface UnitFacts {
	phone: string;
	total: string;
	lateFee: string;
	bills: number;
	/** The oldest bill due: its month and days overdue today. */
	first: { month: string; days: number } | null;
}

/**
 * What the units owe today, read through the fees module itself. The demo seed leaves floor 3 of
 * every building three months unpaid (fees/seed.ts); should it not have billed, building 4 is
 * billed for October and November 2026 here (idempotent). Returns the phone on file, the amounts
 * due on 2026-11-23 and the oldest bill due per unit.
 */
function billBuilding4(units: string[]): Record<string, UnitFacts> {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
	const script = join(dir, 'bill.ts');
	const src = resolve('src/lib/server');
	writeFileSync(
		script,
		`import { openDb } from '${src}/db/index.ts';
import { ensureFeeItems, generateMonthlyBills, unitAccount, unitIdByCode } from '${src}/fees/index.ts';
import { formatYuan } from '${resolve('src/lib/money.ts')}';
const db = openDb(${JSON.stringify(DB)});
const c = db.$client.prepare("SELECT id FROM communities WHERE code = 'LMXG'").get();
ensureFeeItems(db, c.id);
const ids = db.$client.prepare("SELECT id FROM units WHERE community_id = ? AND building = '4'").all(c.id).map((r) => r.id);
for (const month of ['2026-10', '2026-11']) generateMonthlyBills(db, c.id, month, { unitIds: ids });
const out = {};
for (const code of ${JSON.stringify(units)}) {
	const a = unitAccount(db, c.id, unitIdByCode(db, c.id, code), '2026-11-23');
	const b = a.bills[0];
	out[code] = {
		phone: a.owners[0].phone,
		total: formatYuan(a.totals.totalDueFen),
		lateFee: formatYuan(a.totals.lateFeeDueFen),
		bills: a.bills.length,
		first: b ? { month: b.month, days: Math.max(0, ...b.working.parts.map((p) => p.days)) } : null
	};
}
console.log(JSON.stringify(out));
db.$client.close();
`
	);
	return JSON.parse(
		execFileSync('node', ['--import', 'tsx', script], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.pop()!
	);
}

/** Tickets recorded for a unit (read-only look at the e2e database: "nothing written" checks). */
function ticketCount(unit: string): number {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
	const script = join(dir, 'count.cjs');
	writeFileSync(
		script,
		`const Database = require(${JSON.stringify(resolve('node_modules/better-sqlite3'))});
const db = new Database(${JSON.stringify(DB)}, { readonly: true });
console.log(db.prepare('SELECT count(*) AS n FROM tickets t JOIN units u ON u.id = t.unit_id WHERE u.code = ?').get(${JSON.stringify(unit)}).n);`
	);
	return Number(execFileSync('node', [script], { encoding: 'utf8' }).trim());
}

let facts: Record<string, UnitFacts>;
test.beforeAll(() => {
	facts = billBuilding4(['4-1-301', '4-1-302', '4-2-302', '4-1-202', '4-2-901', '5-2-701']);
});

const last4 = (unit: string) => facts[unit].phone.slice(-4);

/** Types on the on-screen keypad of /kiosk/identify, as a resident would. */
async function tapKeys(page: Page, text: string) {
	for (const ch of text) await page.getByRole('button', { name: ch, exact: true }).tap();
}

async function identify(page: Page, room: string, digits: string) {
	await page.getByTestId('identify-room').tap();
	await page.getByRole('button', { name: /^(清除|Clear)$/ }).tap();
	await tapKeys(page, room);
	await page.getByTestId('identify-digits').tap();
	await tapKeys(page, digits);
	await page.getByTestId('identify-submit').tap();
}

async function clerkPage(browser: Browser): Promise<Page> {
	const page = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(page, 'clerk');
	return page;
}

async function takeNumber(
	page: Page,
	service: string,
	priority: 'normal' | 'elderly' | 'urgent'
): Promise<{ no: string; url: string }> {
	await page.goto('/kiosk');
	await page.getByTestId('tile-queue').tap();
	await expect(page).toHaveURL(/\/kiosk\/queue$/);
	await page.getByTestId(`service-${service}`).tap();
	await page.getByTestId(`priority-${priority}`).tap();
	await page.getByTestId('queue-take').tap();
	await expect(page).toHaveURL(/\/kiosk\/queue\/\d+\?new=1$/);
	const no = (await page.getByTestId('queue-no').textContent())!.trim();
	return { no, url: page.url().replace(/\?.*$/, '') };
}

test('take a number: an elderly visitor is called before an earlier regular number; the hall display shows the counter', async ({
	page,
	browser
}) => {
	// Choosing nothing gets a calm word, not a number.
	await page.goto('/kiosk/queue');
	await page.getByTestId('queue-take').tap();
	await expect(page.getByTestId('queue-message')).toHaveText('请先选择要办理的业务。');

	const regular = await takeNumber(page, 'payment', 'normal');
	expect(regular.no).toMatch(/^A\d{3}$/);
	await expect(page.getByTestId('ticket-status')).toContainText(/前面还有|您是下一位/);
	const slip = (await fetchPdfText(page, `${regular.url}/ticket.pdf`)).replace(/[ \t]+/g, ' ');
	for (const s of [
		'排队号票',
		regular.no,
		'办理业务：缴费',
		'取号时间：2026-11-23',
		'紧急优先、长者优先、先进大厅优先'
	])
		expect(slip, s).toContain(s);
	// The kiosk in English prints the same ticket in English (the number and time as they are).
	await page.getByTestId('lang-switch').tap();
	await expect(page.getByTestId('lang-switch')).toHaveText('中文');
	const en = (await fetchPdfText(page, `${regular.url}/ticket.pdf`)).replace(/[ \t]+/g, ' ');
	for (const s of ['Queue ticket', regular.no, 'Service：Payments', 'Taken at：2026-11-23'])
		expect(en, s).toContain(s);
	expect(en).not.toContain('排队号票');
	await page.getByTestId('lang-switch').tap();
	await expect(page.getByTestId('lang-switch')).toHaveText('English');
	expect(await fetchPdfText(page, `${regular.url}/ticket.pdf`)).toContain('排队号票');

	const elderly = await takeNumber(page, 'keys', 'elderly');
	expect(elderly.no).toMatch(/^E\d{3}$/);
	await expect(page.getByTestId('queue-priority')).toHaveText('长者优先');

	// The counter: window 2, call next (button, then the F2 key).
	const clerk = await clerkPage(browser);
	await clerk.goto('/queue');
	await clerk.getByTestId('queue-counter').selectOption('2');
	await clerk.getByRole('button', { name: '保存窗口设置' }).click();
	await expect(clerk.getByTestId('queue-done')).toHaveText('已切换到 2 号窗口。');
	await expect(clerk.getByTestId('waiting-keys')).toContainText(elderly.no);
	await expect(clerk.getByTestId('waiting-payment')).toContainText(regular.no);

	const called: string[] = [];
	const done = clerk.getByTestId('queue-done');
	for (let i = 0; i < 20 && !called.includes(regular.no); i++) {
		const before = (await done.textContent()) ?? '';
		if (i === 0) await clerk.getByTestId('queue-next').click();
		else await clerk.keyboard.press('F2');
		await expect(done).not.toHaveText(before);
		await expect(done).toContainText('已叫');
		const no = (await clerk.getByTestId('queue-current').locator('.no').textContent())!.trim();
		called.push(no);
		if (no === elderly.no) {
			// While the elderly visitor is at the counter: the hall display and their ticket say where to go.
			const hall = await (
				await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
			).newPage();
			await hall.goto('/kiosk/display');
			await expect(hall.getByTestId('display-latest')).toContainText(elderly.no);
			await expect(hall.getByTestId('display-latest')).toContainText('到 2 号窗口');
			await expect(hall.getByTestId('display-next')).toContainText(regular.no);
			await page.goto(elderly.url);
			await expect(page.getByTestId('ticket-status')).toHaveText('请到 2 号窗口办理');
		}
	}
	expect(called.indexOf(elderly.no)).toBeGreaterThanOrEqual(0);
	expect(called.indexOf(elderly.no)).toBeLessThan(called.indexOf(regular.no));

	// Calling the regular number finished the elderly one (service time recorded); now finish it.
	await page.goto(elderly.url);
	await expect(page.getByTestId('ticket-status')).toHaveText('已办结，谢谢光临。');
	await clerk.keyboard.press('F4');
	await expect(clerk.getByTestId('queue-done')).toHaveText(`${regular.no} 已办结。`);
	await expect(clerk.getByTestId('queue-current-none')).toBeVisible();
	// Today's service time of keys was measured from the call to the finish.
	await expect(
		clerk.getByTestId('queue-stats').locator('tr', { hasText: '钥匙' }).locator('td').nth(2)
	).toHaveText('1');
});

test('identify → bills with today’s late fee → statement → payment number → report → on the staff board', async ({
	page,
	browser
}) => {
	const unit = '4-1-301'; // owes money (floor 3), nobody else's
	const first = facts[unit].first!;
	expect(first.days).toBeGreaterThan(0);
	await page.goto('/kiosk');
	await page.getByTestId('tile-bills').tap();
	await expect(page).toHaveURL(/\/kiosk\/identify\?next=/);
	await expect(page.getByTestId('identify-why')).toBeVisible();
	await identify(page, unit, last4(unit));
	await expect(page).toHaveURL(/\/kiosk\/me\/bills$/);

	// Bills: every unpaid month, oldest first with its days overdue, late fee as of today, the total.
	await expect(page.getByTestId('bill-row')).toHaveCount(facts[unit].bills);
	await expect(page.getByTestId('bill-row').first()).toContainText(first.month);
	await expect(page.getByTestId('bill-row').first()).toContainText(`逾期 ${first.days} 天`);
	expect(facts[unit].lateFee).not.toBe('¥0.00');
	await expect(page.getByTestId('bills-late-total')).toHaveText(facts[unit].lateFee);
	await expect(page.getByTestId('bills-total')).toHaveText(facts[unit].total);
	await expect(page.getByTestId('pay-at-counter')).toContainText('请到前台缴费');

	const statement = (await fetchPdfText(page, '/kiosk/me/statement.pdf')).replace(/[ \t]+/g, ' ');
	for (const s of [
		'物业费对账单',
		`房号：${unit}`,
		`逾期${first.days}天`,
		`合计待缴：${facts[unit].total}`,
		`滞纳金合计：${facts[unit].lateFee}`,
		'请到前台缴费',
		'本对账单不作收款凭证'
	])
		expect(statement, s).toContain(s);

	// A payment number: asked about priority first.
	await page.getByTestId('bills-take-number').tap();
	await page.getByTestId('bills-priority-normal').tap();
	await expect(page).toHaveURL(/\/kiosk\/queue\/\d+\?new=1$/);
	await expect(page.getByTestId('queue-no')).toHaveText(/^A\d{3}$/);

	// Report: kind → where → what (+ a photo) → confirmation in the standard's words.
	await page.getByTestId('kiosk-home').tap();
	await page.getByTestId('tile-report').tap();
	await expect(page).toHaveURL(/\/kiosk\/me\/report$/);
	await page.getByTestId('report-next').tap();
	await expect(page.getByTestId('step-error')).toHaveText('请选择您要反映的事项。');
	await page.getByTestId('kind-engineering').tap();
	await page.getByTestId('report-next').tap();
	await page.getByTestId('where-home').tap();
	await page.getByTestId('report-location').fill('卫生间');
	await page.getByTestId('report-next').tap();
	await page.getByTestId('report-text').fill('卫生间天花板');
	await page.getByRole('button', { name: '漏水', exact: true }).tap();
	await expect(page.getByTestId('report-text')).toHaveValue('卫生间天花板，漏水');
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	);
	await page
		.getByTestId('report-photo')
		.setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByAltText('已选照片')).toBeVisible();
	await page.getByTestId('report-submit').tap();
	await expect(page.getByTestId('report-done')).toBeVisible();
	await expect(page.getByTestId('report-wording')).toHaveText(
		'您反映的情况我已记录下来，我会通知相关工作人员处理。'
	);
	const no = (await page.getByTestId('report-no').textContent())!.trim();
	expect(no).toMatch(/^BS-2026-\d{6}$/);

	// Follow my requests: the ticket and its timeline.
	await page.getByTestId('report-follow').tap();
	await expect(page.getByTestId('request-item').filter({ hasText: no })).toContainText(
		'卫生间天花板'
	);
	await page.getByTestId('request-item').filter({ hasText: no }).tap();
	await expect(page.getByTestId('request-timeline')).toContainText('受理登记');
	await expect(page.getByTestId('request-state')).toHaveText('等待安排师傅');
	await expect(page.getByTestId('request-photo')).toHaveCount(1);

	// The staff board has it, from the kiosk, with the photo.
	const clerk = await clerkPage(browser);
	await clerk.goto('/tickets');
	await expect(clerk.getByTestId('ticket-board')).toContainText(no);
	await clerk.goto(`/tickets/${no}`);
	await expect(clerk.getByTestId('ticket-unit')).toHaveText(unit);
	await expect(clerk.locator('dl.facts')).toContainText('自助终端');
	await expect(clerk.getByTestId('ticket-text')).toHaveText('卫生间天花板，漏水');
	await expect(clerk.locator('img[alt^="照片"]')).toHaveCount(1);
});

/*
 * Idle: the hall screen and a phone both go back to the start after the community's idle time
 * (60 s here), with "need more time?" 10 s before. Real server time passes with the page clock
 * (the test clock hook), as in the hall: the screen's sign-out then reaches a server that has
 * seen the resident idle for as long as the screen has. It must land on /kiosk — never the staff
 * sign-in — in Chinese, with nothing of the resident left, Back included.
 */
for (const screen of [
	{
		name: 'hall kiosk 1920×1080',
		viewport: { width: 1920, height: 1080 },
		mobile: false,
		unit: '4-1-302'
	},
	{ name: 'phone 390×844', viewport: { width: 390, height: 844 }, mobile: true, unit: '4-2-302' }
])
	test(`idle (${screen.name}): "need more time?", then back to the start screen, signed out, nothing left, Back included`, async ({
		browser,
		request
	}) => {
		const { unit } = screen;
		const ctx = await browser.newContext({
			baseURL: test.info().project.use.baseURL,
			locale: 'zh-CN',
			viewport: screen.viewport,
			hasTouch: true,
			isMobile: screen.mobile
		});
		const page = await ctx.newPage();
		let offset = 0;
		/** Lets `ms` pass on the server (clock hook) and in the page (page clock, every timer on the way), server first. */
		const pass = async (ms: number) => {
			offset += ms;
			await setClockOffset(request, offset);
			await page.clock.runFor(ms);
		};
		const signedOutAtStart = async () => {
			await expect(page).toHaveURL(/\/kiosk$/);
			await expect(page.getByTestId('kiosk-start')).toBeVisible();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'您好，请问有什么可以帮您？'
			);
			await expect(page.locator('body')).not.toContainText(unit);
			await expect(page.locator('body')).not.toContainText('¥');
			await expect(page.getByTestId('kiosk-me-link')).toHaveCount(0);
		};
		try {
			await page.clock.install();
			await page.goto(screen.mobile ? '/kiosk?via=mobile' : '/kiosk?via=kiosk');
			// The last resident read the kiosk in English.
			await page.getByTestId('lang-switch').tap();
			await expect(page.getByTestId('tile-queue')).toContainText('Take a number');
			await page.goto('/kiosk/identify?next=/kiosk/me/bills');
			await identify(page, unit, last4(unit));
			await expect(page.getByTestId('bills-total')).toHaveText(facts[unit].total);

			// 10 s before the reset: a big "need more time?"; one tap keeps the resident (and the session).
			await pass(51_000);
			await expect(page.getByTestId('idle-warning')).toBeVisible();
			await expect(page.getByTestId('idle-warning')).toContainText('Do you need more time?');
			await page.getByTestId('idle-more-time').tap();
			await expect(page.getByTestId('idle-warning')).toHaveCount(0);
			await expect(page).toHaveURL(/\/kiosk\/me\/bills$/);
			await expect(page.getByTestId('bills-total')).toHaveText(facts[unit].total);

			// Then nobody touches it for 60 s: the start screen, in Chinese on the hall kiosk.
			await pass(61_000);
			if (screen.mobile) {
				await expect(page).toHaveURL(/\/kiosk$/);
				await expect(page.locator('body')).not.toContainText(unit);
			} else await signedOutAtStart();
			// Back shows none of the resident's pages.
			await page.goBack();
			await expect(page).toHaveURL((url) => !url.pathname.startsWith('/kiosk/me'));
			await expect(page.locator('body')).not.toContainText(unit);
			await expect(page.locator('body')).not.toContainText('¥');
			// The session is over on the server too.
			await page.goto('/kiosk/me/bills');
			await expect(page).toHaveURL(/\/kiosk\/identify/);

			// A screen whose sign-out reaches the server only after the session expired (the PC
			// slept): still the start screen, not the staff sign-in.
			await page.goto('/kiosk/identify?next=/kiosk/me/bills');
			await identify(page, unit, last4(unit));
			await expect(page.getByTestId('bills-total')).toHaveText(facts[unit].total);
			offset += 5 * 60_000;
			await setClockOffset(request, offset);
			await pass(61_000);
			await expect(page).toHaveURL(/\/kiosk$/);
			await expect(page).not.toHaveURL(/login/);
			await expect(page.locator('body')).not.toContainText(unit);
		} finally {
			await setClockOffset(request, 0);
			await ctx.close();
		}
	});

test('idle on the hall kiosk with nobody identified: the next person starts in Chinese', async ({
	page
}) => {
	await page.clock.install();
	await page.goto('/kiosk?via=kiosk');
	await page.getByTestId('lang-switch').tap();
	await expect(page.getByTestId('tile-queue')).toContainText('Take a number');
	await page.getByTestId('tile-info').tap();
	await expect(page).toHaveURL(/\/kiosk\/info/);
	await page.clock.runFor(61_000);
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('您好，请问有什么可以帮您？');
	await expect(page.getByTestId('tile-queue')).not.toContainText('Take a number');
});

test('bills at 1920×1080 with 10 bills: the actions stay on screen, "printing" shows by the finger, and a payment number asks about priority', async ({
	browser
}) => {
	const unit = '5-2-701'; // the demo seed leaves floor 7 five months unpaid: property + parking = 10 bills
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN',
		viewport: { width: 1920, height: 1080 },
		hasTouch: true
	});
	const page = await ctx.newPage();
	// No printer here: the statement's frame gets a blank page and print() does nothing (headless
	// Chromium's PDF frame cannot print). What is checked is what the resident sees.
	await page.addInitScript(() => (window.print = () => {}));
	await page.route('**/kiosk/me/statement.pdf', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>statement</title>' })
	);
	expect(facts[unit].bills).toBe(10);
	await page.goto('/kiosk/identify?next=/kiosk/me/bills');
	await identify(page, unit, last4(unit));
	await expect(page.getByTestId('bill-row')).toHaveCount(10);
	// Wholly on screen without scrolling, not cut off at the bottom edge.
	for (const action of [
		page.getByTestId('bills-take-number'),
		page.getByTestId('statement-print'),
		page.getByRole('link', { name: '返回', exact: true })
	])
		await expect(action).toBeInViewport({ ratio: 1 });
	await page.getByTestId('statement-print').tap();
	await expect(page.getByTestId('print-status')).toHaveText('正在打印，请在出纸口取走。');
	await expect(page.getByTestId('print-status')).toBeInViewport({ ratio: 1 });
	// A second tap while it prints does not print again.
	await expect(page.getByTestId('statement-print')).toBeDisabled();

	// 取缴费号 asks first whether the resident needs priority (an elderly owner keeps 长者优先).
	await page.getByTestId('bills-take-number').tap();
	await expect(page.getByTestId('bills-priority')).toBeInViewport({ ratio: 1 });
	await expect(page.getByTestId('bills-priority')).toContainText('是否需要优先办理');
	await page.getByTestId('bills-priority-elderly').tap();
	await expect(page).toHaveURL(/\/kiosk\/queue\/\d+\?new=1$/);
	await expect(page.getByTestId('queue-no')).toHaveText(/^A\d{3}$/);
	await expect(page.getByTestId('queue-priority')).toHaveText('长者优先');
	await ctx.close();
});

const QUEUE_LIMITS =
	'queue limits: 30 numbers in 5 s from one kiosk stop after 6 with a polite word; ' +
	'a phone holds one number; its "urgent" waits for the counter, which can demote';
test(QUEUE_LIMITS, async ({ page, browser, request }) => {
	// The flood happens on a day of its own (server clock moved back), so it holds nobody else up today.
	try {
		await setClockOffset(request, -3 * DAY);
		await page.goto('/kiosk/queue');
		const origin = new URL(page.url()).origin;
		const answers: number[] = [];
		for (let i = 0; i < 30; i++) {
			const res = await page.request.post('/kiosk/queue', {
				form: { service: 'payment', priority: 'urgent' },
				headers: { origin, accept: 'text/html' },
				maxRedirects: 0
			});
			answers.push(res.status());
		}
		expect(answers.filter((s) => s === 303)).toHaveLength(6);
		expect(answers.filter((s) => s === 429)).toHaveLength(24);
		// The person at the screen is told why, politely.
		await page.getByTestId('service-keys').tap();
		await page.getByTestId('queue-take').tap();
		await expect(page.getByTestId('queue-message')).toHaveText(
			'刚才取号较多，请您稍等一分钟再取。如需帮助，请到服务台咨询工作人员。'
		);
		await expect(page).toHaveURL(/\/kiosk\/queue$/);
	} finally {
		await setClockOffset(request, 0);
	}

	// A phone: "urgent" is noted but waits in arrival order until the counter confirms it.
	const phone = await (
		await browser.newContext({
			baseURL: test.info().project.use.baseURL,
			locale: 'zh-CN',
			viewport: { width: 390, height: 844 },
			hasTouch: true,
			isMobile: true
		})
	).newPage();
	await phone.goto('/kiosk/queue?via=mobile');
	await phone.getByTestId('service-other').tap();
	await phone.getByTestId('priority-urgent').tap();
	await expect(phone.getByTestId('queue-phone-note')).toContainText('由工作人员确认');
	await phone.getByTestId('queue-take').tap();
	await expect(phone).toHaveURL(/\/kiosk\/queue\/\d+\?new=1$/);
	const no = (await phone.getByTestId('queue-no').textContent())!.trim();
	await expect(phone.getByTestId('queue-priority-pending')).toHaveText('紧急 · 待确认');
	await expect(phone.getByTestId('queue-pending-note')).toContainText('确认后优先办理');
	// A second number from the same phone session is refused while the first waits.
	await phone.goto('/kiosk/queue');
	await phone.getByTestId('service-keys').tap();
	await phone.getByTestId('queue-take').tap();
	await expect(phone.getByTestId('queue-message')).toHaveText(
		`您已有一个排队号 ${no}，请您等候叫号；如还需办理其他业务，到窗口时请一并告诉工作人员。`
	);

	// The counter sees it as "to confirm", confirms it once the person is seen, and can demote it.
	const clerk = await clerkPage(browser);
	await clerk.goto('/queue');
	const row = clerk.getByTestId('waiting-row').filter({ hasText: no });
	await expect(row.getByTestId('priority-pending')).toHaveText('紧急 · 待确认');
	await row.getByTestId('priority-confirm').click();
	await expect(clerk.getByTestId('queue-done')).toHaveText(`${no} 已确认为“紧急”。`);
	await expect(row).toContainText('紧急');
	await expect(row.getByTestId('priority-pending')).toHaveCount(0);
	await row.getByTestId('priority-demote').click();
	await expect(clerk.getByTestId('queue-done')).toHaveText(`${no} 已改为普通排队。`);
	await expect(row.getByTestId('priority-demote')).toHaveCount(0);
});

const IDENTIFICATION =
	'identification: a wrong try says how many are left; a room guessed 5 times asks for ' +
	'the full phone number, and nobody else at this kiosk is held up (issue 11)';
test(IDENTIFICATION, async ({ page, request }) => {
	// Failures are dated in the past (the server clock moved back) so what they build up is over
	// when the clock is put back and never affects another test from this address.
	try {
		await setClockOffset(request, -2 * DAY);
		await page.goto('/kiosk/identify');
		await identify(page, '4-9-999', '1234');
		await expect(page.getByTestId('identify-message')).toHaveText(
			'房号或手机号与登记信息不符，还可尝试 4 次。如需帮助，请到前台咨询。'
		);
		await page.getByTestId('identify-submit').tap();
		await expect(page.getByTestId('identify-message')).toHaveText('请输入房号和手机号后四位。');

		await setClockOffset(request, -1 * DAY);
		const room = '4-2-901';
		const wrong = last4(room) === '9999' ? '8888' : '9999';
		for (let left = 4; left >= 1; left--) {
			await identify(page, room, wrong);
			await expect(page.getByTestId('identify-message')).toHaveText(
				`房号或手机号与登记信息不符，还可尝试 ${left} 次。如需帮助，请到前台咨询。`
			);
		}
		await identify(page, room, wrong);
		await expect(page.getByTestId('identify-message')).toHaveText(
			'该房号近期多次输入错误。为保护您的信息，请输入业主登记的完整手机号（11 位），或到前台办理。'
		);
		await expect(page.getByText('完整手机号（11 位）', { exact: true })).toBeVisible();

		// The next resident at this kiosk, right after those typos, gets in with their 4 digits.
		await identify(page, '4-1-202', last4('4-1-202'));
		await expect(page).toHaveURL(/\/kiosk\/me$/);

		// The owner of the guessed room: 4 digits are not taken now, the full number is.
		await page.goto('/kiosk/identify');
		await identify(page, room, last4(room));
		await expect(page.getByTestId('identify-message')).toContainText(
			'请输入业主登记的完整手机号（11 位）'
		);
		await expect(page).toHaveURL(/\/kiosk\/identify/);
		await page.getByTestId('identify-digits').tap();
		await tapKeys(page, facts[room].phone.replace(/\D/g, '').slice(-11));
		await page.getByTestId('identify-submit').tap();
		await expect(page).toHaveURL(/\/kiosk\/me$/);
	} finally {
		await setClockOffset(request, 0);
	}
	// The sessions above were opened a day ago: long over now.
	await page.goto('/kiosk/me');
	await expect(page).toHaveURL(/\/kiosk\/identify/);
});

test('refusals: resident pages without a session, a bad service, an empty report, an oversized photo — nothing written', async ({
	page
}) => {
	const unit = '4-1-202';
	// Without a resident session every /kiosk/me page (and the statement) leads to identification.
	for (const path of ['/kiosk/me', '/kiosk/me/bills', '/kiosk/me/report', '/kiosk/me/requests']) {
		await page.goto(path);
		await expect(page, path).toHaveURL(/\/kiosk\/identify/);
		await expect(page.getByTestId('identify-why')).toHaveText(
			'查看账单、报事和进度前，请先验证您的房屋。'
		);
	}
	const pdf = await page.request.get('/kiosk/me/statement.pdf', { maxRedirects: 0 });
	expect(pdf.status()).toBe(303);
	expect(pdf.headers()['location']).toMatch(/^\/kiosk\/identify(\?|$)/);
	const origin = new URL(page.url()).origin;
	const before = ticketCount(unit);
	const anon = await page.request.post('/kiosk/me/report', {
		form: { kind: 'property', text: 'x' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(anon.status()).toBe(303);

	// An unknown service sent by hand.
	const bad = await page.request.post('/kiosk/queue', {
		form: { service: 'lottery', priority: 'normal' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('请先选择要办理的业务。');

	// Signed in: an empty report is stopped on the screen and refused by the server.
	await page.goto('/kiosk/identify?next=/kiosk/me/report');
	await identify(page, unit, last4(unit));
	await expect(page).toHaveURL(/\/kiosk\/me\/report$/);
	await page.getByTestId('kind-property').tap();
	await page.getByTestId('report-next').tap();
	await page.getByTestId('report-next').tap();
	await page.getByTestId('report-submit').tap();
	await expect(page.getByTestId('step-error')).toHaveText('请简单描述一下情况。');
	const empty = await page.request.post('/kiosk/me/report', {
		form: { kind: 'property', where: 'home', text: '   ' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(empty.status()).toBe(400);
	expect(await empty.text()).toContain('请简单描述一下情况。');
	const nowhere = await page.request.post('/kiosk/me/report', {
		form: { kind: 'property', where: 'common', text: '路灯坏了' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(nowhere.status()).toBe(400);
	expect(await nowhere.text()).toContain('请写明位置。');

	// An oversized photo is refused on the screen before anything is sent…
	const big = Buffer.alloc(6 * 1024 * 1024, 0x41);
	big.set([0xff, 0xd8, 0xff, 0xe0], 0);
	await page.getByTestId('report-text').fill('楼道灯不亮');
	await page
		.getByTestId('report-photo')
		.setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: big });
	await expect(page.getByTestId('photo-error')).toHaveText(
		'照片太大了（不能超过 5 MB），请换一张，或不附照片。'
	);
	expect(
		await page
			.getByTestId('report-photo')
			.evaluate((el) => (el as HTMLInputElement).files?.length ?? 0)
	).toBe(0);
	// …and by the server when sent anyway.
	const sent = await page.request.post('/kiosk/me/report', {
		multipart: {
			kind: 'property',
			where: 'home',
			text: '楼道灯不亮',
			photos: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big }
		},
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect([400, 413]).toContain(sent.status());
	expect(await sent.text()).toMatch(/照片太大了?,未能提交|超过 5 MB/);
	expect(ticketCount(unit)).toBe(before);
});

test('on a phone: the same pages fit the screen, in Chinese or English, and a report is recorded as from a phone', async ({
	browser
}) => {
	const unit = '4-2-302';
	const phone = await (
		await browser.newContext({
			baseURL: test.info().project.use.baseURL,
			locale: 'zh-CN',
			viewport: { width: 390, height: 844 },
			hasTouch: true,
			isMobile: true
		})
	).newPage();
	const fits = async () =>
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
	// The hall poster's QR code opens /kiosk?via=mobile.
	await phone.goto('/kiosk?via=mobile');
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('您好，请问有什么可以帮您？');
	await fits();
	await phone.getByTestId('lang-switch').tap();
	await expect(phone.getByTestId('tile-queue')).toContainText('Take a number');
	await phone.getByTestId('tile-bills').tap();
	await identify(phone, unit, last4(unit));
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('My bills');
	await expect(phone.getByTestId('bills-total')).toHaveText(facts[unit].total);
	await expect(phone.getByTestId('statement-pdf')).toBeVisible(); // a phone downloads, the kiosk prints
	await fits();
	await phone.getByTestId('lang-switch').tap();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('我的账单');

	await phone.goto('/kiosk/me/report');
	await phone.getByTestId('kind-property').tap();
	await phone.getByTestId('report-next').tap();
	await phone.getByTestId('where-common').tap();
	await phone.getByRole('button', { name: '地下车库', exact: true }).tap();
	await expect(phone.getByTestId('report-location')).toHaveValue('地下车库');
	await phone.getByTestId('report-next').tap();
	await phone.getByTestId('report-text').fill('车库B区灯不亮');
	await fits();
	await phone.getByTestId('report-submit').tap();
	await expect(phone.getByTestId('report-wording')).toHaveText(
		'您反映的情况我已记录下来，我会通知相关工作人员处理。'
	);
	const no = (await phone.getByTestId('report-no').textContent())!.trim();

	const clerk = await clerkPage(browser);
	await clerk.goto(`/tickets/${no}`);
	await expect(clerk.locator('dl.facts')).toContainText('手机');
	await expect(clerk.locator('dl.facts')).toContainText('地下车库');
});
