import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test, login, open, fetchPdfText, postAction, takeOverShift } from './helpers';

/*
 * Appointments (预约, issue 21): the counter books a renovation inspection into the team's
 * 10:00–12:00 slot (2 places on a Monday); the slot shows one place fewer, then none; a full slot,
 * a slot the team does not have, a past day and an unknown unit are refused with nothing written;
 * the resident sees the visit on the kiosk; the team's day sheet (A4, read back with pdftotext)
 * lists it; the handover and the counter home show today's open ones; it is marked done, the
 * other is cancelled with its reason and its place comes back. Units 2-1-801 and 2-1-802 only.
 * The e2e clock starts at Monday 2026-11-23 09:00 (Asia/Shanghai).
 */

const DAY = '2026-11-23';
const DB = resolve(`data/e2e-${process.env.E2E_PORT ?? 4173}.db`);

function ownerPhone(unit: string): string {
	return execFileSync(
		'sqlite3',
		[
			DB,
			`SELECT o.phone FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id WHERE u.code = '${unit}' AND uo.role = 'owner' ORDER BY uo.id LIMIT 1`
		],
		{ encoding: 'utf8' }
	).trim();
}

function appointmentRows(): number {
	return Number(
		execFileSync('sqlite3', [DB, 'SELECT count(*) FROM appointments'], { encoding: 'utf8' }).trim()
	);
}

/** The resident identifies at the kiosk (room number and the last four digits of the phone). */
async function kioskHome(browser: Browser, unit: string): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN',
		hasTouch: true
	});
	const page = await ctx.newPage();
	await page.goto(`/kiosk/identify?next=${encodeURIComponent('/kiosk/me')}`);
	await page.waitForSelector('body[data-hydrated]');
	await page.getByTestId('identify-room').tap();
	for (const ch of unit) await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-digits').tap();
	for (const ch of ownerPhone(unit).replace(/\D/g, '').slice(-4))
		await page.getByRole('button', { name: ch, exact: true }).tap();
	await page.getByTestId('identify-submit').tap();
	await expect(page).toHaveURL(/\/kiosk\/me$/);
	return page;
}

test('book → fewer places → full slot refused → kiosk → day sheet → handover → done / cancelled', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000); // a whole morning at the counter, a kiosk visit and three PDFs
	await login(page, 'clerk');
	await open(page, '/appointments');
	const form = page.getByTestId('appointment-form');
	const places = page.getByTestId('appointment-places');
	await page.getByTestId('appointment-team-inspection').check();
	await expect(page).toHaveURL(/bteam=inspection/);
	await expect(page.getByTestId('appointment-day')).toHaveValue(DAY);
	await expect(places.locator('li[data-start="10:00"]')).toHaveText('10:00–12:00，余 2 个名额');
	const before = appointmentRows();

	// An unknown unit: refused with the fields kept, nothing written.
	await form.getByLabel('房号').fill('9-9-999');
	await form.getByLabel('联系人').fill('周先生');
	await form.getByLabel('联系电话').fill('13900003333');
	await form.getByLabel('事项').fill('装修中期巡查（水电隐蔽工程）');
	await page.getByTestId('appointment-save').click();
	await expect(page.getByTestId('appointments-error')).toBeVisible();
	await expect(page.getByTestId('appointment-unit-error')).toHaveText('没有房号 9-9-999。');
	await expect(page.getByTestId('appointment-save')).toBeEnabled();
	await expect(form.getByLabel('事项')).toHaveValue('装修中期巡查（水电隐蔽工程）');
	expect(appointmentRows()).toBe(before);

	await form.getByLabel('房号').fill('2-1-801');
	await page.getByTestId('appointment-save').click();
	await expect(page.getByTestId('appointments-ok')).toHaveText(
		`已预约：装修巡查 ${DAY} 10:00–12:00。`
	);
	await expect(places.locator('li[data-start="10:00"]')).toHaveText('10:00–12:00，余 1 个名额');

	// The last place goes to another home; then the slot is full and offered no more.
	await page.getByTestId('appointment-team-inspection').check();
	await form.getByLabel('房号').fill('2-1-802');
	await form.getByLabel('联系人').fill('吴女士');
	await form.getByLabel('联系电话').fill('13900004444');
	await form.getByLabel('事项').fill('装修竣工验收');
	await page.getByTestId('appointment-save').click();
	await expect(page.getByTestId('appointments-ok')).toContainText('已预约');
	await expect(places.locator('li[data-start="10:00"]')).toHaveAttribute('data-remaining', '0');
	await expect(places.locator('li[data-start="10:00"]')).toHaveText('10:00–12:00，已约满');
	await expect(
		page.getByTestId('appointment-slot').locator('option[value="10:00"]')
	).toBeDisabled();

	// Posted anyway (a stale form at another counter): a full slot, a slot the team does not
	// have, a day that is over — each refused, nothing written.
	const booked = appointmentRows();
	const post = (over: Record<string, string>) =>
		postAction(page, '/appointments?/book', {
			team: 'inspection',
			unit: '2-1-802',
			day: DAY,
			slot: '10:00',
			contact: '吴女士',
			phone: '13900004444',
			what: '再约一次',
			formKey: 'e2e-appt-' + Math.random().toString(36).slice(2, 10),
			...over
		});
	expect((await post({})).text).toContain('这个时段已经约满，请选择别的时段。');
	expect((await post({ slot: '15:00' })).text).toContain('这一天该班组没有这个时段');
	expect((await post({ day: '2026-11-20' })).text).toContain('这个时段已经过去了');
	expect((await post({ unit: '', phone: '' })).text).toContain('此项为必填。');
	expect(appointmentRows()).toBe(booked);

	// The resident sees the visit on the kiosk.
	const kiosk = await kioskHome(browser, '2-1-801');
	await expect(kiosk.getByTestId('me-appointments')).toContainText(`装修巡查：${DAY} 10:00–12:00`);
	await kiosk.context().close();

	// The team's day sheet lists both, by slot.
	const sheet = await fetchPdfText(page, `/appointments/sheet.pdf?team=inspection&day=${DAY}`);
	expect(sheet).toContain('装修巡查预约派工单');
	expect(sheet).toContain('2026年11月23日');
	expect(sheet).toMatch(/10:00–12:00\s+2-1-801/);
	expect(sheet).toContain('周先生');
	expect(sheet).toMatch(/10:00–12:00\s+2-1-802/);
	expect(sheet).toContain('处理结果／住户签字');

	// Today's open ones on the counter home and in the shift handover.
	await open(page, '/counter');
	await expect(page.getByTestId('appointment-panel-open')).toHaveText('今天待上门 2 个');
	await takeOverShift(page);
	await open(page, '/shift');
	const handed = page.getByTestId('shift-registers').locator('li[data-register="appointment"]');
	await expect(handed.filter({ hasText: '2-1-801' })).toContainText('装修巡查 周先生');

	// Done once; a cancellation needs its reason and frees the place.
	await open(page, '/appointments?team=inspection');
	const table = page.getByTestId('appointment-table');
	const first = table.locator('tbody tr', { hasText: '2-1-801' });
	await first.getByTestId('appointment-note').fill('巡查无问题');
	await first.getByTestId('appointment-done').click();
	await expect(page.getByTestId('appointments-ok')).toHaveText('已记为完成。');
	const second = table.locator('tbody tr', { hasText: '2-1-802' });
	await second.getByTestId('appointment-cancel').click();
	await expect(page.getByTestId('appointments-error')).toHaveText('取消预约要写明原因。');
	await second.getByTestId('appointment-note').fill('住户改约下周');
	await second.getByTestId('appointment-cancel').click();
	await expect(page.getByTestId('appointments-ok')).toHaveText('已取消预约，名额已释放。');
	await expect(table.locator('tbody tr', { hasText: /2-1-80[12]/ })).toHaveCount(0);
	await page.getByTestId('appointment-team-inspection').check();
	await expect(places.locator('li[data-start="10:00"]')).toHaveText('10:00–12:00，余 1 个名额');

	await open(page, '/appointments?view=closed');
	await expect(
		page.getByTestId('appointment-table').locator('tbody tr', { hasText: '2-1-801' })
	).toHaveAttribute('data-state', 'done');

	const log = await fetchPdfText(page, `/appointments/log.pdf?from=${DAY}&to=${DAY}`);
	expect(log).toContain('预约登记簿');
	expect(log).toContain('巡查无问题');
	expect(log).toContain('住户改约下周');
	const csv = await page.request.get('/appointments/export.csv?view=all');
	expect(csv.status()).toBe(200);
	const body = await csv.text();
	expect(body.split('\r\n')[0]).toContain('班组,日期,时段,房号');
	expect(body).toContain(`装修巡查,${DAY},10:00–12:00,2-1-801,周先生,13900003333`);
});
