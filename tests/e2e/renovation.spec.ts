import type { Browser, Page } from '@playwright/test';
import { expect, test, fetchPdfText, login, takeOverShift } from './helpers';

/*
 * Renovation (issue 04): apply (自装 and contractor) → manager approves → fees with 3 worker
 * passes → permit → inspection fails → re-inspection passes → refund with a ¥300 deduction and
 * its photo (a non-image and an oversized file refused first) → passes back → closed, with
 * receipts, permit, passes and vouchers checked as PDF text; then the bad inputs. Uses units of
 * building 5, entrance 1 only (5-1-xxx; the demo data uses 5-2-xxx).
 * A retry takes other rooms, so it does not trip over the first attempt's open applications.
 */

const retryRooms = () =>
	test.info().retry ? ['801', '802', '901', '902'] : ['101', '102', '201', '202'];
const unit = (i: number) => `5-1-${retryRooms()[i]}`;
/** Worker ID numbers (plausible 18-character IDs), distinct per retry. */
const wid = (n: number) => `11010519800${test.info().retry}01${String(n).padStart(3, '0')}X`;

async function newPage(browser: Browser): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	return ctx.newPage();
}

/** A 1×1 PNG: the photo of a deduction. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const formError = (page: Page) => page.getByTestId('form-error');
const formOk = (page: Page) => page.getByTestId('form-ok');
const state = (page: Page) => page.getByTestId('state');

/** Files an application through the form and returns its page path and number. */
/** Opens a page and waits until it is live (hydrated), as a clerk would before typing. */
async function open(page: Page, url: string) {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}

async function apply(page: Page, o: { unit: string; self: boolean; wall: boolean }) {
	await open(page, '/renovation/new');
	await page.getByLabel('房号').fill(o.unit);
	if (o.self) await page.getByTestId('self-renovation').check();
	else {
		await page.getByLabel('装修单位名称').fill('鹿城家装工程有限公司');
		await page.getByLabel('营业执照/资质证号').fill('91330100MA2H3K7X1Q');
	}
	await page.getByLabel('计划完工日期').fill('2027-01-31');
	await page
		.getByLabel('装修内容及范围')
		.fill(o.self ? '自装：铺设木地板' : '厨卫改造，拆除厨房非承重隔墙');
	if (o.wall) await page.getByTestId('wall-yes').check();
	await page.getByLabel('装修设计图纸').check();
	await page.getByLabel('施工图').check();
	if (!o.self) {
		await page.getByLabel('施工队伍资质证明').check();
		await page.getByLabel('营业执照复印件').check();
	}
	await page.getByTestId('submit-application').click();
	await expect(page).toHaveURL(/\/renovation\/\d+\?created=1/);
	await expect(state(page)).toHaveText('待审批');
	const path = new URL(page.url()).pathname;
	const appNo = (await page.locator('h1').innerText()).match(/ZX-\d{4}-\d{4}/)![0];
	return { path, appNo };
}

async function approve(manager: Page, path: string) {
	await open(manager, path);
	await manager.getByTestId('approve').click();
	await manager.getByTestId('confirm-approve-yes').click();
	await expect(state(manager)).toHaveText('审批通过');
}

/** Adds worker rows to the fee / pass form. */
async function addWorkers(
	page: Page,
	workers: { name: string; id: string; phone: string }[],
	from = 0
) {
	for (const [k, w] of workers.entries()) {
		const i = from + k;
		await page.getByTestId('add-worker').click();
		await page.locator(`input[name="w${i}_name"]`).fill(w.name);
		await page.locator(`input[name="w${i}_id"]`).fill(w.id);
		await page.locator(`input[name="w${i}_phone"]`).fill(w.phone);
		await page.locator(`input[name="w${i}_idcopy"]`).check();
		await page.locator(`input[name="w${i}_photo"]`).check();
	}
}

/** POSTs a form action the way the page's enhanced form does (for steps the page does not offer). */
async function postAction(page: Page, url: string, form: Record<string, string>) {
	const base = test.info().project.use.baseURL!;
	const res = await page.request.post(url, {
		form,
		headers: { origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	return res.text();
}

test('apply → approve → fees with 3 passes → permit → fail → re-inspection → refund with ¥300 deduction and photo → closed', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	await takeOverShift(page);
	const manager = await newPage(browser);
	await login(manager, 'manager');

	// Two applications: a contractor (with wall demolition) and a 自装.
	const contract = await apply(page, { unit: unit(0), self: false, wall: true });
	const self = await apply(page, { unit: unit(1), self: true, wall: false });
	await expect(page.getByText('（自装不需要）')).toHaveCount(2); // qualification and licence copy
	const form = await fetchPdfText(page, `${self.path}/application.pdf`);
	expect(form).toContain('装修申请表');
	expect(form).toContain(self.appNo);
	expect(form).toContain('自装');
	expect(form).toMatch(/营业执照复印件\s+不适用（自装）/);

	// A clerk may not approve; the manager does, after a confirmation.
	await page.goto(contract.path);
	await expect(page.getByTestId('approve')).toHaveCount(0);
	await expect(page.getByText('待客户主管/管理处主任审批。')).toBeVisible();
	await approve(manager, contract.path);
	await approve(manager, self.path);
	const applicationPdf = await fetchPdfText(page, `${contract.path}/application.pdf`);
	expect(applicationPdf).toContain('同意装修（周主管');

	// Fees: the itemised total as the standard says it, with 3 worker passes and 12.50 m² of wall.
	await open(page, contract.path);
	await expect(page.getByTestId('debris-explanation')).toHaveText(
		'装修垃圾转运费收费标准是3.00元/平方米，按建筑面积计算，' +
			'因为您房屋的建筑面积是98.21平方米，所以转运费应缴纳294.63元。'
	);
	await page.getByTestId('agreement').check();
	await page.getByLabel('实测敲墙面积（㎡）').fill('12.5');
	await addWorkers(page, [
		{ name: '赵建军', id: wid(1), phone: '13957100011' },
		{ name: '钱小兵', id: wid(2), phone: '13957100012' },
		{ name: '孙立', id: wid(3), phone: '13957100013' }
	]);
	// 2000 + 3 × 50 + 3 × 10 + 3.00 × 98.21 + 15.00 × 12.50 = 2,662.13
	await expect(page.getByTestId('fee-total')).toHaveText('¥2,662.13');
	await expect(page.getByTestId('fee-sentence')).toHaveText(
		'您应缴费用合计：2,662.13元，其中：装修保证金2,000.00元、临时出入证押金150.00元、' +
			'临时出入证工本费30.00元、装修垃圾转运费294.63元、敲墙垃圾转运费187.50元。'
	);
	await page.getByTestId('tendered').fill('2700');
	await expect(page.getByTestId('change-sentence')).toContainText('补您 37.87 元');
	// Reviewed on the server first (as the property-fee counter): the confirmation shows the
	// receipt's lines, total and change as they will be posted.
	await page.getByTestId('pay').click();
	await expect(page.getByTestId('confirm-pay-text')).toHaveText(
		`收取 ${unit(0)} 装修费用共 ¥2,662.13（现金），开具收据后不可更改。`
	);
	const payLines = page.getByTestId('confirm-pay-lines');
	for (const s of [
		'装修保证金',
		'2,000.00',
		'临时出入证押金 × 3',
		'150.00',
		'临时出入证工本费 × 3',
		'30.00',
		'294.63',
		'187.50'
	])
		await expect(payLines).toContainText(s);
	await expect(page.getByTestId('confirm-pay-change')).toContainText('补您 37.87 元');
	await expect(state(page)).toHaveText('审批通过');
	await page.getByTestId('confirm-pay-yes').click();
	await expect(formOk(page)).toContainText('已收款，票据号 SF-');
	await expect(state(page)).toHaveText('已签协议缴费');
	const receiptNo = (await formOk(page).innerText()).match(/SF-\d{4}-\d{6}/)![0];
	const receipt = await fetchPdfText(page, `/receipts/${receiptNo}.pdf`);
	for (const s of [
		'装修保证金',
		'临时出入证押金',
		'临时出入证工本费',
		'装修垃圾清运费',
		'敲墙垃圾转运费',
		'2,662.13',
		'人民币贰仟陆佰陆拾贰元壹角叁分'
	])
		expect(receipt).toContain(s);

	// Permit and passes print.
	await page.getByTestId('issue-permit').click();
	await expect(page.getByTestId('confirm-permit-text')).toHaveText(
		/^签发施工许可证 XK-\d{4}-\d{4}，有效期 \d{4}-\d{2}-\d{2} 至 2027-01-31。$/
	);
	await page.getByTestId('confirm-permit-yes').click();
	await expect(state(page)).toHaveText('已发许可证');
	const permit = await fetchPdfText(page, `${contract.path}/permit.pdf`);
	expect(permit).toContain('施工许可证');
	expect(permit).toMatch(/许可证编号：XK-\d{4}-\d{4}/);
	expect(permit).toContain(unit(0));
	expect(permit).toContain('鹿城家装工程有限公司');
	expect(permit).toContain('2027年01月31日');
	for (const name of ['赵建军', '钱小兵', '孙立']) expect(permit).toContain(name);
	const passes = await fetchPdfText(page, `${contract.path}/passes.pdf`);
	expect(passes).toContain('施工人员临时出入证');
	expect(passes.match(/证号：CR-\d{4}-\d{4}/g)).toHaveLength(6); // 正证 + 副证 for each of 3
	expect(passes).toContain('有效期至：2027年01月31日');

	await page.getByTestId('start').click();
	await expect(state(page)).toHaveText('施工中');

	// Refund before the inspection: refused with a clear message, nothing written.
	const early = await postAction(page, `${contract.path}?/settle`, {
		idem: crypto.randomUUID(),
		deductions: '0',
		refundMethod: 'cash',
		payeeName: ''
	});
	expect(early).toContain('装修保证金须在装修验收合格后凭票据退还');

	// Inspection fails with items to fix, then the re-inspection passes.
	await page.getByTestId('inspect-fail').check();
	await page.getByLabel('整改项目（每行一项）').fill('公共走廊墙面污损\n电梯厅地砖破损');
	await page.getByTestId('record-inspection').click();
	await expect(page.getByTestId('confirm-inspect')).toContainText('验收不通过，需整改 2 项');
	await expect(page.getByTestId('confirm-inspect')).toContainText('电梯厅地砖破损');
	await page.getByTestId('confirm-inspect-yes').click();
	await expect(state(page)).toHaveText('验收不合格');
	await expect(page.getByTestId('items-to-fix')).toContainText('电梯厅地砖破损');
	await page.getByTestId('inspect-pass').check();
	await page.getByTestId('record-inspection').click();
	await expect(page.getByTestId('confirm-inspect-text')).toHaveText(
		'验收通过，可办理装修保证金退还。'
	);
	await page.getByTestId('confirm-inspect-yes').click();
	await expect(state(page)).toHaveText('验收合格');
	await expect(page.getByTestId('money')).not.toContainText('TK-');

	// A deduction above the deposit is refused, nothing written; then ¥300.
	await page.getByTestId('add-deduction').click();
	await page.locator('input[name="d0_desc"]').fill('电梯轿厢划伤修复');
	await page.locator('input[name="d0_amount"]').fill('2000.01');
	await expect(page.getByText('扣款合计不能超过保证金 ¥2,000.00。')).toBeVisible();
	// Validated first: refused by the server's review, no confirmation offering "实退 ¥0.00".
	await page.getByTestId('settle').click();
	await expect(formError(page)).toHaveText('扣款合计不能超过保证金 ¥2,000.00。');
	await expect(page.getByTestId('confirm-settle')).not.toBeVisible();
	await expect(page.locator('input[name="d0_amount"]')).toHaveValue('2000.01');
	await expect(state(page)).toHaveText('验收合格');
	await page.locator('input[name="d0_amount"]').fill('300');
	await expect(page.getByTestId('refund-amount')).toHaveText('¥1,700.00');

	// The deduction's photo: a file that is not an image is refused, no refund posted.
	const photoInput = page.locator('input[name="d0_photo"]');
	await photoInput.setInputFiles({
		name: 'damage.png',
		mimeType: 'image/png',
		buffer: Buffer.from('%PDF-1.7 not an image')
	});
	await page.getByTestId('settle').click();
	await expect(page.getByTestId('confirm-settle')).not.toBeVisible();
	await expect(formError(page)).toHaveText(
		'第 1 项扣款的文件 damage.png 不是 JPEG、PNG 或 WebP 图片。'
	);
	await expect(state(page)).toHaveText('验收合格');
	await expect(page.getByTestId('money')).not.toContainText('TK-');
	// Over 5 MB: the page refuses it before uploading; posted anyway, the server refuses it too.
	await photoInput.setInputFiles({
		name: 'huge.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.alloc(PHOTO_MAX_BYTES + 1)
	});
	await expect(
		page.getByText('第 1 项扣款的照片 huge.jpg 超过 5 MB，请压缩后再上传。')
	).toBeVisible();
	await expect(photoInput).toHaveValue('');
	const base = test.info().project.use.baseURL!;
	const oversized = await page.request.post(`${contract.path}?/settle`, {
		multipart: {
			idem: crypto.randomUUID(),
			deductions: '1',
			d0_desc: '电梯轿厢划伤修复',
			d0_amount: '300',
			refundMethod: 'cash',
			payeeName: '',
			d0_photo: {
				name: 'huge.jpg',
				mimeType: 'image/jpeg',
				buffer: Buffer.alloc(PHOTO_MAX_BYTES + 1)
			}
		},
		headers: { origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(await oversized.text()).toContain('第 1 项扣款的照片 huge.jpg 超过 5 MB');
	await page.reload();
	await expect(state(page)).toHaveText('验收合格');
	await expect(page.getByTestId('money')).not.toContainText('TK-');

	// Then the ¥300 deduction with a real photo.
	await page.waitForLoadState('networkidle');
	await page.getByTestId('add-deduction').click();
	await page.locator('input[name="d0_desc"]').fill('电梯轿厢划伤修复');
	await page.locator('input[name="d0_amount"]').fill('300');
	await photoInput.setInputFiles({ name: 'lift.png', mimeType: 'image/png', buffer: PNG });
	await expect(page.getByTestId('refund-amount')).toHaveText('¥1,700.00');
	await page.getByTestId('settle').click();
	await expect(page.getByTestId('confirm-settle')).toContainText('实退 ¥1,700.00，扣款 ¥300.00');
	await page.getByTestId('confirm-settle-yes').click();
	await expect(formOk(page)).toContainText('已办理退款，退款凭证 TK-');
	await expect(state(page)).toHaveText('保证金已退');
	const voucherNo = (await formOk(page).innerText()).match(/TK-\d{4}-\d{6}/)![0];
	const voucher = await fetchPdfText(page, `/renovation/vouchers/${voucherNo}.pdf`);
	for (const s of [
		'退款凭证',
		voucherNo,
		`原收据号：${receiptNo}`,
		'电梯轿厢划伤修复（附照片）',
		'-300.00',
		'2,000.00',
		'1,700.00',
		'人民币壹仟柒佰元整',
		'领款人签字'
	]) {
		expect(voucher).toContain(s);
	}
	// The settled deduction shows its photo, served to signed-in staff only.
	const deductionsList = page.getByTestId('deductions');
	await expect(deductionsList).toContainText('电梯轿厢划伤修复');
	await expect(deductionsList).toContainText('300.00');
	const photoLink = deductionsList.getByTestId('deduction-photo');
	await expect(photoLink.locator('img')).toHaveJSProperty('naturalWidth', 1);
	const photoUrl = (await photoLink.getAttribute('href'))!;
	const served = await page.request.get(photoUrl);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/png');
	// Stored re-encoded (decoded and written again without metadata): the same 1×1 PNG, not the same bytes.
	const body = Buffer.from(await served.body());
	expect([
		body.subarray(1, 4).toString('latin1'),
		body.readUInt32BE(16),
		body.readUInt32BE(20)
	]).toEqual(['PNG', 1, 1]);
	const stranger = await browser.newContext({ baseURL: base });
	const anonymous = await stranger.request.get(photoUrl, { maxRedirects: 0 });
	expect(anonymous.status()).not.toBe(200);
	expect(anonymous.headers()['content-type'] ?? '').not.toContain('image');
	await stranger.close();

	// Closing waits for the passes; each comes back with its deposit refunded on a voucher.
	await page.getByTestId('close').click();
	await page.getByTestId('confirm-close-yes').click();
	await expect(formError(page)).toHaveText('还有 3 张出入证未交回或未办理，不能结案。');
	const passButtons = page.locator('[data-testid^="settle-pass-"]');
	for (let left = 2; left >= 0; left--) {
		await passButtons.first().click();
		await expect(passButtons).toHaveCount(left);
	}
	await expect(formOk(page)).toContainText('出入证押金已办理');
	const passVoucher = (await formOk(page).innerText()).match(/TK-\d{4}-\d{6}/)![0];
	const pv = await fetchPdfText(page, `/renovation/vouchers/${passVoucher}.pdf`);
	expect(pv).toContain('临时出入证押金');
	expect(pv).toContain('交回出入证');
	expect(pv).toContain('人民币伍拾元整');
	await page.getByTestId('close').click();
	await page.getByTestId('confirm-close-yes').click();
	await expect(state(page)).toHaveText('已结案');
	const history = page.getByTestId('history');
	for (const step of [
		'提交申请',
		'审批通过',
		'签协议并缴费',
		'签发许可证',
		'开工',
		'验收不合格',
		'验收合格',
		'退还保证金',
		'出入证退押金',
		'结案'
	]) {
		await expect(history).toContainText(step);
	}
	await expect(history).toContainText('周主管');
	await manager.context().close();
});

test('bad input: areas, duplicate workers, unknown application — clear message, nothing written', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	await takeOverShift(page);
	const manager = await newPage(browser);
	await login(manager, 'manager');
	const walls = await apply(page, { unit: unit(2), self: false, wall: true });
	const other = await apply(page, { unit: unit(3), self: true, wall: false });
	await approve(manager, walls.path);
	await approve(manager, other.path);

	// 自装 pays with one worker: the worker now holds a live pass.
	await open(page, other.path);
	await page.getByTestId('agreement').check();
	await addWorkers(page, [{ name: '周大明', id: wid(7), phone: '13957100017' }]);
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill('WX2026112300017');
	await page.getByTestId('pay').click();
	await page.getByTestId('confirm-pay-yes').click();
	await expect(state(page)).toHaveText('已签协议缴费');

	await open(page, walls.path);
	const payWith = async (area: string) => {
		await page.getByLabel('实测敲墙面积（㎡）').fill(area);
		await page.getByTestId('pay').click();
	};
	await page.getByTestId('agreement').check();
	await page.getByTestId('tendered').fill('5000');
	// Negative, absurd (more than twice the building area) and three-decimal areas.
	await payWith('-5');
	await expect(formError(page)).toHaveText('面积不能为负数。');
	await payWith('500');
	await expect(formError(page)).toContainText('敲墙面积不合理');
	await payWith('1.234');
	await expect(formError(page)).toHaveText('面积最多两位小数。');
	await expect(state(page)).toHaveText('审批通过');

	// The same worker twice in one form, then a worker who still holds a live pass elsewhere.
	await addWorkers(page, [
		{ name: '吴刚', id: wid(8), phone: '13957100018' },
		{ name: '吴刚', id: wid(8), phone: '13957100018' }
	]);
	await payWith('6');
	await expect(formError(page)).toContainText('身份证号重复，一人一证');
	await page.locator('input[name="w1_name"]').fill('周大明');
	await page.locator('input[name="w1_id"]').fill(wid(7));
	await page.getByTestId('pay').click();
	await expect(formError(page)).toContainText('该身份证号已有未交回的出入证');
	await expect(formError(page)).toContainText(unit(3));
	await expect(state(page)).toHaveText('审批通过');
	await expect(page.getByTestId('money')).toHaveCount(0);

	// A pass for an application that does not exist.
	await open(page, '/renovation/passes');
	await page.locator('#ref').fill('ZX-2026-9999');
	await addWorkers(page, [{ name: '郑小龙', id: wid(9), phone: '13957100019' }]);
	await page.getByTestId('tendered').fill('100');
	await page.getByTestId('pay-passes').click();
	await expect(formError(page)).toContainText('找不到装修申请“ZX-2026-9999”');
	await page.goto('/renovation');
	await expect(page.getByTestId('outstanding-passes')).not.toContainText('郑小龙');

	// More passes for a real application, found by its room number.
	await open(page, `/renovation/passes?ref=${unit(3)}`);
	await expect(page.getByTestId('app-found')).toContainText(other.appNo);
	await addWorkers(page, [{ name: '郑小龙', id: wid(9), phone: '13957100019' }]);
	await expect(page.getByTestId('passes-total')).toContainText('合计 60.00 元');
	await page.getByTestId('tendered').fill('100');
	await page.getByTestId('pay-passes').click();
	await expect(formOk(page)).toContainText('已办理 1 张出入证');
	await page.goto('/renovation');
	await expect(page.getByTestId('outstanding-passes')).toContainText('郑小龙');
	await manager.context().close();
});
