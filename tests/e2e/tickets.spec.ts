import type { Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, setClockOffset } from './helpers';

/*
 * Reports and complaints (issue 07): counter intake → dispatch slip → supervisor → follow-up →
 * completion → 不满意 reopens → completion → 满意 → closed; a developer complaint through the
 * manager's approval and the transfer; the board flags a ticket past its limit; bad input is
 * refused with a clear message and nothing written. Uses units of building 6 only (6-x-xxx).
 */

/** A 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

interface Intake {
	kind: string;
	unit: string;
	reporter: string;
	phone: string;
	text: string;
	department?: string;
	assignee?: string;
}

async function fillIntake(page: Page, t: Intake) {
	await page.goto('/tickets/new');
	await page.getByLabel('类别').selectOption(t.kind);
	await page.getByLabel('房号').fill(t.unit);
	await page.getByLabel('报事人').fill(t.reporter);
	await page.getByLabel('联系电话').fill(t.phone);
	await page.getByLabel('内容').fill(t.text);
	if (t.department) {
		await page.getByLabel('派工部门').selectOption(t.department);
		await page.getByLabel('负责人').fill(t.assignee ?? '');
	}
}

async function intake(page: Page, t: Intake): Promise<string> {
	await fillIntake(page, t);
	await page.getByTestId('intake-submit').click();
	await expect(page).toHaveURL(/\/tickets\/BS-\d{4}-\d{6}\?created=1$/);
	await expect(page.getByTestId('created')).toContainText('已登记工单');
	return (await page.getByTestId('ticket-no').textContent())!.trim();
}

/** Submits one action form of the ticket page and waits for its answer. */
async function act(
	page: Page,
	action: string,
	fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}
) {
	const form = page.locator(`form[data-action="${action}"]`);
	await fill(form);
	await form.getByRole('button').last().click();
	await expect(page.getByTestId('action-message')).toBeVisible();
}

const state = (page: Page) => page.getByTestId('ticket-state');
const timeline = (page: Page) => page.getByTestId('timeline').locator('li');

/** Posts a form action directly (what a stale page or a crafted request would send). */
async function post(page: Page, url: string, form: Record<string, string>) {
	const origin = new URL(page.url()).origin;
	return page.request.post(url, {
		form,
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

test('property-service complaint: intake, slip, supervisor, follow-up, unsatisfied visit reopens, satisfied visit closes', async ({
	page
}) => {
	await login(page, 'clerk');
	await fillIntake(page, {
		kind: 'service_complaint',
		unit: '6-1-101',
		reporter: '欧阳明',
		phone: '13800006101',
		text: '6 栋 1 单元门禁坏了三天,物业无人处理',
		department: 'customer_service',
		assignee: '客服 小陈'
	});
	await page
		.getByLabel('照片')
		.setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG });
	await page.getByTestId('intake-submit').click();
	await expect(page).toHaveURL(/\?created=1$/);
	const no = (await page.getByTestId('ticket-no').textContent())!.trim();
	await expect(state(page)).toHaveText('处理中');
	await expect(page.getByTestId('ticket-department')).toContainText('客服 · 客服 小陈');

	// The photo is served to staff as an image.
	const photo = await page.locator('img[alt^="照片"]').getAttribute('src');
	const res = await page.request.get(photo!);
	expect(res.headers()['content-type']).toBe('image/png');

	// The dispatch slip (派工单).
	const slip = await fetchPdfText(page, `/tickets/${no}/slip.pdf`);
	for (const s of [
		no,
		'物业服务类投诉',
		'6-1-101',
		'欧阳明',
		'13800006101',
		'门禁坏了三天',
		'派工部门：客服',
		'客服 小陈',
		'受理时间',
		'通知部门主管',
		'告知投诉人处理结果',
		'客户回访',
		'1 个工作日内'
	])
		expect(slip, s).toContain(s);

	// Supervisor notified, then a follow-up.
	await act(page, 'notify_supervisor', (f) => f.getByLabel('已通知的主管').fill('客服主管 周'));
	await expect(
		page.getByTestId('ticket-limits').locator('tr[data-limit="supervisor"]')
	).toContainText('按时完成');
	await act(page, 'follow_up', (f) => f.getByLabel('跟进内容').fill('已联系门禁厂家,明早上门'));
	await expect(timeline(page).filter({ hasText: '跟进记录' })).toContainText('已联系门禁厂家');

	// Completed; the resident is not satisfied: the ticket goes back to the department.
	await act(page, 'complete', (f) => f.getByLabel('处理结果').fill('已更换门禁读卡器'));
	await expect(state(page)).toHaveText('已完工待回访');
	await act(page, 'return_visit', async (f) => {
		await f.getByLabel('不满意').check();
		await f.getByLabel('备注').fill('刷卡仍需多次');
	});
	await expect(page.getByTestId('action-message')).toHaveText(
		'回访不满意，工单已退回部门重新处理。'
	);
	await expect(state(page)).toHaveText('处理中');

	// Completed again; satisfied; closed.
	await act(page, 'complete');
	await act(page, 'return_visit', (f) => f.getByLabel('满意', { exact: true }).check());
	await expect(state(page)).toHaveText('已回访待关闭');
	page.once('dialog', (d) => d.accept());
	await act(page, 'close');
	await expect(state(page)).toHaveText('已关闭');
	await expect(page.locator('form[data-action]')).toHaveCount(0);
	expect(await timeline(page).locator('strong').allTextContents()).toEqual([
		'受理登记',
		'派工',
		'通知部门主管',
		'跟进记录',
		'完工',
		'回访',
		'重新处理',
		'完工',
		'回访',
		'关闭'
	]);
	await expect(timeline(page).filter({ hasText: '重新处理' })).toContainText('回访不满意');
	await expect(timeline(page).first()).toContainText('李晓梅 C001');
});

test('developer complaint: only the manager approves, then it is transferred to the developer team', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	const no = await intake(page, {
		kind: 'developer_complaint',
		unit: '6-1-102',
		reporter: '司马青',
		phone: '13800006102',
		text: '外墙保温层脱落,仍在保修期'
	});
	await expect(state(page)).toHaveText('待主任认可');
	await expect(page.locator('form[data-action="approve"]')).toHaveCount(0);
	await expect(page.locator('form[data-action="transfer"]')).toHaveCount(0);

	// A clerk's approval sent anyway is refused on the server.
	const refused = await post(page, `/tickets/${no}?/approve`, { note: 'x' });
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain('只有管理处主任（主管）可以执行此操作。');

	const manager = await (
		await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'zh-CN' })
	).newPage();
	await login(manager, 'manager');
	await manager.goto(`/tickets/${no}`);
	await act(manager, 'approve', (f) => f.getByLabel('备注').fill('属地产类,同意转交'));
	await expect(state(manager)).toHaveText('已认可待转交');
	await expect(
		manager.getByTestId('ticket-limits').locator('tr[data-limit="transfer"]')
	).toContainText('未到期');

	await page.reload();
	await act(page, 'transfer', (f) => f.getByLabel('地产客户组接收人').fill('地产客户组 刘经理'));
	await expect(state(page)).toHaveText('处理中');
	await expect(page.getByTestId('ticket-department')).toContainText(
		'地产客户组 · 地产客户组 刘经理'
	);
	await expect(
		page.getByTestId('ticket-limits').locator('tr[data-limit="transfer"]')
	).toContainText('按时完成');
	await expect(timeline(page).filter({ hasText: '主任认可' })).toContainText('周主管 M001');
	const slip = await fetchPdfText(page, `/tickets/${no}/slip.pdf`);
	expect(slip).toContain('地产类投诉');
	expect(slip).toContain('派工部门：地产客户组');
});

test('the board flags a ticket whose time limit passed', async ({ page, request }) => {
	await login(page, 'clerk');
	const no = await intake(page, {
		kind: 'service_complaint',
		unit: '6-2-201',
		reporter: '上官云',
		phone: '13800006201',
		text: '垃圾桶满溢无人清理',
		department: 'cleaning',
		assignee: '保洁 吴'
	});
	await page.goto('/tickets');
	const row = page.locator(`tr[data-ticket="${no}"]`);
	// The supervisor must hear of it within 30 minutes: due within the hour from the start.
	await expect(row).toHaveAttribute('data-alert', 'due_soon');
	await expect(row).toContainText('通知部门主管');
	try {
		await setClockOffset(request, 45 * 60_000);
		// 45 minutes idle also ends the staff session (30 min): sign in again.
		await login(page, 'clerk');
		await page.goto('/tickets');
		await expect(row).toHaveAttribute('data-alert', 'breached');
		await expect(row).toHaveClass(/overdue/);
		await expect(row).toContainText('已超时');
		await page.getByLabel('时限').selectOption('breached');
		await page.getByRole('button', { name: '筛选' }).click();
		await expect(page).toHaveURL(/alert=breached/);
		await expect(row).toBeVisible();
		// The CSV export carries what is shown, with a BOM for spreadsheets.
		const csv = await page.request.get('/tickets/export.csv?alert=breached');
		expect(csv.headers()['content-type']).toContain('text/csv');
		const body = (await csv.body()).toString('utf8');
		expect(body.charCodeAt(0)).toBe(0xfeff);
		expect(body).toContain(`${no},物业服务类投诉,处理中`);
		// The counter home counts it.
		await page.goto('/counter');
		await expect(page.getByTestId('ticket-alerts-breached')).toBeVisible();
	} finally {
		await setClockOffset(request, 0);
	}
	await page.goto('/tickets');
	await expect(page.locator(`tr[data-ticket="${no}"]`)).toHaveAttribute('data-alert', 'due_soon');
});

test('bad input: clear messages, nothing written', async ({ page }) => {
	await login(page, 'clerk');
	const openCount = async () => {
		await page.goto('/tickets');
		return /未关闭 (\d+) 件/.exec(
			(await page.getByTestId('ticket-counts').textContent()) ?? ''
		)?.[1];
	};
	const before = await openCount();
	expect(before).toBeTruthy();
	const base = {
		kind: 'property',
		unit: '6-2-302',
		reporter: '欧阳峰',
		phone: '13800006302',
		text: '楼道灯不亮'
	};

	// Text over the limit.
	await fillIntake(page, { ...base, text: '灯'.repeat(2001) });
	await page.getByTestId('intake-submit').click();
	await expect(page.getByTestId('form-error')).toHaveText('内容过长（最多 2000 个字符）。');
	await expect(page.getByLabel('报事人')).toHaveValue('欧阳峰');

	// An unknown department (a stale or tampered form).
	await fillIntake(page, { ...base, department: 'cleaning', assignee: '保洁 吴' });
	await page.getByLabel('派工部门').evaluate(async (s: HTMLSelectElement) => {
		s.add(new Option('厨房', 'kitchen'));
		await new Promise((r) => setTimeout(r, 50)); // let the bound select settle first
		s.value = 'kitchen';
		s.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await expect(page.getByLabel('派工部门')).toHaveValue('kitchen');
	await page.getByTestId('intake-submit').click();
	await expect(page.getByTestId('form-error')).toContainText('请选择有效的部门');

	// A file that is not an image, and one too big.
	await fillIntake(page, base);
	await page.getByLabel('照片').setInputFiles({
		name: 'notes.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('这不是图片')
	});
	await page.getByTestId('intake-submit').click();
	await expect(page.getByTestId('form-error')).toHaveText(
		'文件 notes.jpg 不是 JPEG、PNG 或 WebP 图片。'
	);
	await page.getByLabel('照片').setInputFiles({
		name: 'huge.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024)])
	});
	await expect(page.getByText('照片 huge.jpg 超过 5 MB，请压缩后再上传。')).toBeVisible();
	await expect(page.getByLabel('照片')).toHaveValue('');

	expect(await openCount()).toBe(before);

	// Closing without a return visit, and a visit before completion: refused, nothing written.
	const no = await intake(page, { ...base, department: 'cleaning', assignee: '保洁 吴' });
	await expect(page.locator('form[data-action="close"]')).toHaveCount(0);
	await expect(page.locator('form[data-action="return_visit"]')).toHaveCount(0);
	const close = await post(page, `/tickets/${no}?/close`, {});
	expect(close.status()).toBe(409);
	expect(await close.text()).toContain('须有满意或基本满意的回访记录后才能关闭工单。');
	const visit = await post(page, `/tickets/${no}?/return_visit`, {
		rating: 'satisfied',
		method: 'phone',
		visitor: '李晓梅'
	});
	expect(visit.status()).toBe(409);
	expect(await visit.text()).toContain('工单尚未完工，不能回访。');
	const dispatch = await post(page, `/tickets/${no}?/dispatch`, {
		department: 'kitchen',
		assignee: 'x'
	});
	expect(dispatch.status()).toBe(400);
	expect(await dispatch.text()).toContain('请选择有效的部门');
	await page.reload();
	await expect(state(page)).toHaveText('处理中');
	await expect(timeline(page)).toHaveCount(2);
});
