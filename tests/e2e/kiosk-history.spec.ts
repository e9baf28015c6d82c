import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, fetchPdfText, login, open, test } from './helpers';

/*
 * A resident's own history (issue 20): receipts of the last 24 months with a copy marked 补打 for
 * the kiosk printer, and rating finished work from the kiosk or a phone, recorded as the ticket's
 * return visit with its channel — 不满意 sends it back exactly as the counter's return visit does.
 * Uses units 5-1-601 and 5-2-601 only.
 */

test.use({ hasTouch: true });

const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);
const SRC = resolve('src/lib/server');

/** Runs a script on the e2e database with the app's own modules; returns its last line as JSON. */
function run<T>(body: string): T {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-history-'));
	const script = join(dir, 'run.mts');
	writeFileSync(
		script,
		`import { openDb } from '${SRC}/db/index.ts';
const db = openDb(${JSON.stringify(DB)});
const out = await (async () => {${body}})();
console.log(JSON.stringify(out));
db.$client.close();
`
	);
	const lines = execFileSync('node', ['--import', 'tsx', script], { encoding: 'utf8' })
		.trim()
		.split('\n');
	return JSON.parse(lines.pop()!) as T;
}

/** A ticket of the unit taken at the counter and finished before the server's day starts. */
function finishedTicket(unit: string, text: string): string {
	return run<string>(`
const { createTicket, applyTicketAction, staffActor } = await import('${SRC}/tickets/index.ts');
const c = db.$client.prepare("SELECT id FROM communities WHERE code = 'LMXG'").get();
const u = db.$client.prepare("SELECT id, display_name AS displayName, work_no AS workNo, role FROM staff_users WHERE username = 'clerk'").get();
const clerk = staffActor({ ...u, communityId: c.id });
const at = Date.parse('2026-11-23T07:00:00+08:00');
const r = createTicket(db, { kind: 'property', source: 'counter', unitCode: ${JSON.stringify(unit)},
	reporterName: '住户', reporterPhone: '13800000001', text: ${JSON.stringify(text)},
	department: 'customer_service', assignee: '客服 小陈' }, clerk, { now: at });
if (!r.ok) throw new Error(JSON.stringify(r));
const done = applyTicketAction(db, r.ticketNo, 'complete', { text: '已处理' }, clerk, { now: at + 3_600_000 });
if (!done.ok) throw new Error(JSON.stringify(done));
return r.ticketNo;`);
}

function visits(ticketNo: string) {
	return run<{ state: string; visits: { rating: string; method: string }[]; reopened: number }>(`
const t = db.$client.prepare('SELECT id, state FROM tickets WHERE ticket_no = ?').get(${JSON.stringify(ticketNo)});
const ev = db.$client.prepare('SELECT type, data FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(t.id);
return { state: t.state,
	visits: ev.filter((e) => e.type === 'return_visit').map((e) => JSON.parse(e.data)),
	reopened: ev.filter((e) => e.type === 'reopened').length };`);
}

function phoneOf(unit: string): string {
	return run<string>(`
return db.$client.prepare("SELECT o.phone FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id WHERE u.code = ? AND uo.role = 'owner' ORDER BY uo.id LIMIT 1").get(${JSON.stringify(unit)}).phone;`);
}

async function identify(page: Page, unit: string, next: string) {
	await page.goto(`/kiosk/identify?next=${encodeURIComponent(next)}`);
	await page.waitForSelector('body[data-hydrated]');
	await page.getByTestId('identify-room').tap();
	for (const ch of unit) await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-digits').tap();
	for (const ch of phoneOf(unit).slice(-4))
		await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-submit').tap();
	await expect(page).toHaveURL(new RegExp(next.replace(/\//g, '\\/') + '$'));
}

test('my records: receipts of 24 months, a copy marked 补打 recorded for the counter, nobody else’s receipt', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const unit = '5-1-601';
	const own = run<{ no: string; other: string }>(`
const u = db.$client.prepare('SELECT id FROM units WHERE code = ?').get(${JSON.stringify(unit)});
const no = db.$client.prepare("SELECT receipt_no AS no FROM payments p WHERE unit_id = ? AND local_date >= '2024-11-23' AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id) ORDER BY id DESC").get(u.id).no;
const other = db.$client.prepare('SELECT receipt_no AS no FROM payments WHERE unit_id <> ? ORDER BY id DESC').get(u.id).no;
return { no, other };`);
	const kioskPrints = () =>
		run<{ id: number; no: string }[]>(`
return db.$client.prepare("SELECT rp.id, p.receipt_no AS no FROM receipt_prints rp JOIN payments p ON p.id = rp.payment_id WHERE rp.source = 'kiosk' AND rp.printed_by IS NULL ORDER BY rp.id").all();`);
	const before = kioskPrints().length;
	await page.goto('/kiosk');
	await identify(page, unit, '/kiosk/me');
	await page.getByTestId('me-history').tap();
	await expect(page).toHaveURL(/\/kiosk\/me\/history$/);
	const row = page.getByTestId('history-receipt').filter({ hasText: own.no });
	await expect(row).toBeVisible();
	await expect(page.getByTestId('history-tickets')).toBeVisible();

	// Tapping 补打 records the copy, then prints it (a hidden frame) and says so by the finger.
	const printed = page.waitForRequest((r) => r.url().includes(`/kiosk/me/receipts/${own.no}.pdf`));
	await row.getByTestId('history-reprint').tap();
	await expect(page.getByTestId('print-status')).toBeVisible();
	const pdfUrl = new URL((await printed).url());
	const after = kioskPrints();
	expect(after).toHaveLength(before + 1);
	expect(after.at(-1)!.no).toBe(own.no);
	expect(pdfUrl.searchParams.get('print')).toBe(String(after.at(-1)!.id));
	// The copy: the roll receipt, marked 补打, with why.
	const text = (await fetchPdfText(page, pdfUrl.pathname + pdfUrl.search)).replace(/\s+/g, '');
	expect(text).toContain('补打');
	expect(text).toContain('住户自助补打');
	expect(text).toContain(own.no);
	// Opening the copy again records nothing; the bare address sends the resident to ask for one.
	expect(kioskPrints()).toHaveLength(before + 1);
	const bare = await page.request.get(`/kiosk/me/receipts/${own.no}.pdf`, { maxRedirects: 0 });
	expect(bare.status()).toBe(303);
	expect(bare.headers()['location']).toBe('/kiosk/me/history');

	// Another unit's receipt, or a made-up number: not found, nothing recorded.
	const origin = new URL(page.url()).origin;
	for (const no of [own.other, 'SF-2026-999999', 'nonsense']) {
		const res = await page.request.post('/kiosk/me/history?/reprint', {
			form: { receiptNo: no, printKey: `e2e-${crypto.randomUUID()}` },
			headers: { origin, accept: 'application/json' },
			maxRedirects: 0
		});
		// (A script's action request is answered in JSON: the failure and its status inside.)
		expect(await res.json(), no).toMatchObject({ type: 'failure', status: 404 });
		expect(
			(await page.request.get(`/kiosk/me/receipts/${no}.pdf?print=${after.at(-1)!.id}`)).status(),
			no
		).toBe(404);
	}
	expect(kioskPrints()).toHaveLength(before + 1);

	// The counter's receipt page lists the copy: 补打 · 自助机.
	const clerk = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(clerk, 'clerk');
	await open(clerk, `/receipts?no=${own.no}`);
	await expect(clerk.getByTestId('last-print')).toContainText('自助机');
	await expect(clerk.getByTestId('last-print')).toContainText('住户自助补打');
	await expect(clerk.getByTestId('print-history-row').first()).toContainText('补打 · 自助机');
	await clerk.context().close();
});

for (const via of ['kiosk', 'mobile'] as const)
	test(`rating finished work from the ${via}: the ticket's return visit with its channel; 不满意 sends it back`, async ({
		browser
	}) => {
		test.setTimeout(150_000); // the set-up scripts load the tickets area under plain node
		const unit = via === 'kiosk' ? '5-2-601' : '5-1-602';
		const happy = finishedTicket(unit, '楼道灯不亮');
		const unhappy = finishedTicket(unit, '垃圾没有及时清运');
		const ctx = await browser.newContext({
			baseURL: test.info().project.use.baseURL,
			locale: 'zh-CN',
			hasTouch: true,
			...(via === 'mobile' ? { viewport: { width: 390, height: 844 }, isMobile: true } : {})
		});
		const page = await ctx.newPage();
		await page.goto(`/kiosk?via=${via}`);
		await identify(page, unit, `/kiosk/me/requests/${happy}`);
		await expect(page.getByTestId('request-state')).toHaveText('已完工，请您评价');
		// No rating chosen: refused with a message, nothing written.
		await page.getByTestId('rate-submit').tap();
		await expect(page.getByTestId('rate-message')).toBeVisible();
		expect(visits(happy).visits).toEqual([]);

		await page.getByTestId('rate-satisfied').tap();
		await page.getByTestId('rate-note').fill('师傅很及时');
		await page.getByTestId('rate-submit').tap();
		await expect(page.getByTestId('rate-done')).toHaveText('谢谢您的评价。');
		let v = visits(happy);
		expect(v.state).toBe('visited');
		expect(v.visits).toMatchObject([{ rating: 'satisfied', method: via, note: '师傅很及时' }]);

		await page.goto(`/kiosk/me/requests/${unhappy}`);
		await page.waitForSelector('body[data-hydrated]');
		await page.getByTestId('rate-unsatisfied').tap();
		await page.getByTestId('rate-note').fill('还是没有清运');
		await page.getByTestId('rate-submit').tap();
		await expect(page.getByTestId('rate-done')).toHaveText('已退回重新处理，我们会尽快联系您。');
		v = visits(unhappy);
		// Exactly as the counter's 不满意: the visit, then reopened, back with the department.
		expect(v.visits).toMatchObject([{ rating: 'unsatisfied', method: via }]);
		expect(v.reopened).toBe(1);
		expect(v.state).toBe('dispatched');
		// It cannot be rated again until it is finished again.
		await page.reload();
		await expect(page.getByTestId('rate-form')).toHaveCount(0);
		await ctx.close();
	});

test('the statement prints in English when the kiosk is in English (names and amounts as entered)', async ({
	page
}) => {
	test.setTimeout(90_000);
	const unit = '5-1-602';
	await page.goto('/kiosk');
	await identify(page, unit, '/kiosk/me');
	await page.getByTestId('lang-switch').tap();
	await expect(page.getByTestId('lang-switch')).toHaveText('中文');
	const text = (await fetchPdfText(page, '/kiosk/me/statement.pdf')).replace(/\s+/g, ' ');
	expect(text).toContain('Fee statement');
	expect(text).toContain(unit);
	expect(text).toContain('This statement is not a receipt');
	expect(text).not.toContain('物业费对账单');
	// Back in Chinese, the same statement in Chinese.
	await page.getByTestId('lang-switch').tap();
	await expect(page.getByTestId('lang-switch')).toHaveText('English');
	expect(await fetchPdfText(page, '/kiosk/me/statement.pdf')).toContain('物业费对账单');
});
