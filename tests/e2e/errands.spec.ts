import { expect, test, login, open, fetchPdfText, setClockOffset, takeOverShift } from './helpers';

/*
 * Errands, messages and call-backs (issue 21): a clerk takes a call-back for a resident who would
 * not wait; bad input (unknown unit, a time in the past) is refused with nothing written; the
 * counter home counts it and the shift handover lists it; once server time passes its limit it
 * is overdue on the counter home; it is closed once with a note; the A4 log (read back with pdftotext) and
 * the CSV list it. The e2e clock starts at 2026-11-23 09:00.
 */

test.afterEach(async ({ request }) => {
	await setClockOffset(request, 0);
});

test('take a call-back → counter home → overdue after its time → handover → done → log PDF and CSV', async ({
	page
}) => {
	await login(page, 'clerk');
	await open(page, '/errands');
	const form = page.getByTestId('errand-form');
	await page.getByTestId('errand-kind-callback').check();
	// The form offers the call-back's usual limit: two hours from now.
	await expect(form.getByLabel('限办时间')).toHaveValue(/^2026-11-23T1[1-3]:\d\d$/);

	// An unknown unit: refused, nothing taken.
	await form.getByLabel('房号').fill('9-9-999');
	await form.getByLabel('来人／来电人').fill('刘女士');
	await form.getByLabel('联系电话').fill('13900002222');
	await form.getByLabel('转告／办理人').fill('刘女士');
	await form.getByLabel('事项').fill('不想排队，查询物业费后请回电');
	await page.getByTestId('errand-save').click();
	await expect(page.getByTestId('errands-error')).toHaveText('没有房号 9-9-999。');
	// The answer has settled (the form is refilled with what was typed) before typing again.
	await expect(page.getByTestId('errand-save')).toBeEnabled();
	await expect(form.getByLabel('房号')).toHaveValue('9-9-999');
	await expect(page.getByTestId('errand-table').locator('tbody tr')).toHaveCount(0);

	// A time in the past: the browser will not send it, and the server refuses it if sent anyway.
	await form.getByLabel('房号').fill('1-1-101');
	const dueField = form.getByLabel('限办时间');
	await dueField.fill('2026-11-22T10:00');
	expect(await dueField.evaluate((el: HTMLInputElement) => el.validity.rangeUnderflow)).toBe(true);
	const sent = await page.request.post('/errands?/create', {
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		form: {
			kind: 'callback',
			unit: '1-1-101',
			requester: '刘女士',
			recipient: '刘女士',
			content: '过去的时间',
			due: '2026-11-22T10:00',
			formKey: 'e2e-past-due-0001'
		}
	});
	const answer = await sent.text();
	expect(answer).toContain('"status":400');
	expect(answer).toContain('限办时间不能早于现在。');
	await expect(form.getByLabel('事项')).toHaveValue('不想排队，查询物业费后请回电');

	await form.getByLabel('限办时间').fill('2026-11-23T12:00');
	await page.getByTestId('errand-save').click();
	await expect(page.getByTestId('errands-ok')).toHaveText('已登记，转告／办理人：刘女士。');
	const row = page.getByTestId('errand-table').locator('tbody tr').first();
	await expect(row).toContainText('不想排队');
	await expect(row.getByTestId('errand-state')).toHaveText('未办结');

	// Handed over at shift change while open. (The shift is taken at the real e2e time: a shift
	// opened on a clock moved forward would lie in the future of the specs that follow.)
	await takeOverShift(page);
	await open(page, '/shift');
	await expect(page.getByTestId('shift-errands')).toContainText('刘女士');
	await expect(page.getByTestId('shift-errands')).not.toContainText('逾期未办');

	await open(page, '/counter');
	await expect(page.getByTestId('errand-panel-open')).toHaveText('未办结 1 件');
	await expect(page.getByTestId('errand-panel-overdue')).toHaveCount(0);

	// Four hours of server time later it is overdue: on the counter home and in the handover.
	// (The idle session has expired by then: sign in again.)
	await setClockOffset(page.request, 4 * 60 * 60 * 1000);
	await login(page, 'clerk');
	await open(page, '/counter');
	await expect(page.getByTestId('errand-panel-overdue')).toHaveText('逾期 1 件');

	await open(page, '/errands?view=overdue');
	const late = page.getByTestId('errand-table').locator('tbody tr').first();
	await expect(late).toHaveAttribute('data-state', 'overdue');
	await late.getByTestId('errand-note').fill('已回电，告知欠费金额');
	await late.getByTestId('errand-done').click();
	await expect(page.getByTestId('errands-ok')).toHaveText('已记为办结。');
	await expect(page.getByTestId('errand-table').locator('tbody tr')).toHaveCount(0);

	await open(page, '/errands?view=closed');
	const closed = page.getByTestId('errand-table').locator('tbody tr').first();
	await expect(closed.getByTestId('errand-state')).toHaveText('已办');
	await expect(closed).toContainText('已回电，告知欠费金额');

	const text = await fetchPdfText(page, '/errands/log.pdf?from=2026-11-23&to=2026-11-23');
	expect(text).toContain('代办·留言·回电登记簿');
	expect(text).toContain('2026-11-23 至 2026-11-23');
	expect(text).toContain('刘女士');
	expect(text).toContain('已回电');
	const csv = await page.request.get('/errands/export.csv?view=all');
	expect(csv.status()).toBe(200);
	const body = await csv.text();
	expect(body.split('\r\n')[0]).toContain('类别,房号,来人／来电人');
	expect(body).toContain('回电,1-1-101,刘女士,13900002222');
	const bad = await page.request.get('/errands/export.csv?from=2026-11-30&to=2026-11-01');
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toBe('开始日期晚于结束日期。');
});
