import type { Page } from '@playwright/test';
import {
	expect,
	test,
	fetchPdfText,
	login,
	newPage,
	open,
	postAction,
	setClockOffset,
	yuan
} from './helpers';

/*
 * Voiding receipts (issue 11, "what first use found"): no one voids their own receipt (an admin
 * may void the manager's); a receipt of an earlier month needs a reason category and shows as
 * 跨月作废; a deposit already refunded cannot be voided (the refusal names the voucher); a void
 * reverses the approved waivers that stood on it, and says so before confirming; a voided
 * prepayment leaves months not yet due unticked at the counter; a payment form key reused for
 * other bills is refused. Uses units of building 7 entrance 2 only (7-2-xxx: no other e2e touches
 * them), and the first closed renovation for the deposit case.
 */

const DAY = 86_400_000;

/** At the fee page: pays the ticked bills of `months` (or the page's default) by WeChat; returns the receipt number. */
async function payByWechat(
	page: Page,
	unit: string,
	opts: { months?: string[]; lateFees?: boolean } = {}
) {
	await open(page, `/fees/${unit}`);
	if (opts.months) {
		for (const row of await page.locator('tr[data-testid^="fees-bill-"]').all()) {
			const id = (await row.getAttribute('data-testid')) ?? '';
			await row
				.locator('input[name="bill"]')
				.setChecked(opts.months.some((mo) => id.startsWith(`fees-bill-${mo}-`)));
			const late = row.locator('input[name="late"]');
			if (opts.lateFees === false && (await late.count())) await late.setChecked(false);
		}
	}
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill(`WX-VOID-${Date.now()}`);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);
	return decodeURIComponent(/\/fees\/receipt\/([^/?#]+)/.exec(page.url())![1]);
}

async function voidIt(page: Page, receiptNo: string, reason: string) {
	await open(page, `/manager/voids?no=${receiptNo}`);
	await page.getByTestId('void-reason').fill(reason);
	await page.getByTestId('void-open').click();
	await page.getByTestId('void-confirm').click();
	await expect(page.getByTestId('void-done')).toContainText(`票据 ${receiptNo} 已作废`);
}

test('a manager cannot void a receipt he took himself; an admin who is not its cashier can', async ({
	page,
	browser
}) => {
	await login(page, 'manager');
	const receiptNo = await payByWechat(page, '7-2-501');

	await open(page, `/manager/voids?no=${receiptNo}`);
	await expect(page.getByTestId('void-blocked')).toContainText('此票据由您本人收款');
	await expect(page.getByTestId('void-blocked')).toContainText('不能由您作废');
	await expect(page.getByTestId('void-open')).toHaveCount(0);
	// Posted by hand all the same: refused on the server, nothing voided.
	const own = await postAction(page, '/manager/voids?/void', { receiptNo, reason: '自己作废自己' });
	expect(own.body).toMatchObject({ type: 'failure', status: 403 });
	expect(own.text).toContain('不能由您作废');
	await page.reload();
	await expect(page.getByTestId('void-blocked')).toBeVisible();

	const admin = await newPage(browser, 'admin');
	await voidIt(admin, receiptNo, '主管本人收款有误，由管理员作废');
	await expect(admin.getByTestId('recent-voids')).toContainText(receiptNo);
	await admin.context().close();
});

test('a receipt of an earlier month needs a reason category and shows as 跨月作废 on the void list and daily report', async ({
	page,
	browser
}) => {
	await login(page, 'clerk');
	const receiptNo = await payByWechat(page, '7-2-1001');
	// Eight days on it is 2026-12-01: the receipt is of last month.
	await setClockOffset(page.request, 8 * DAY);
	try {
		const manager = await newPage(browser, 'manager');
		await open(manager, `/manager/voids?no=${receiptNo}`);
		await expect(manager.getByTestId('void-cross-month')).toContainText('跨月作废');
		await expect(manager.getByTestId('void-cross-month')).toContainText('2026-11-23');
		// Without a category the server refuses it (the page's select requires one too).
		const bare = await postAction(manager, '/manager/voids?/void', {
			receiptNo,
			reason: '重复收费',
			category: ''
		});
		expect(bare.body).toMatchObject({ type: 'failure', status: 400 });
		expect(bare.text).toContain('请选择作废原因类别');
		const forged = await postAction(manager, '/manager/voids?/void', {
			receiptNo,
			reason: '重复收费',
			category: 'whatever'
		});
		expect(forged.body).toMatchObject({ type: 'failure', status: 400 });

		await manager.getByTestId('void-category').selectOption({ label: '重复收费' });
		await manager.getByTestId('void-reason').fill('业主已在银行代扣中缴过同月费用');
		await manager.getByTestId('void-open').click();
		await expect(manager.getByTestId('void-dialog')).toContainText('跨月作废');
		await expect(manager.getByTestId('void-dialog')).toContainText('重复收费');
		await manager.getByTestId('void-confirm').click();
		await expect(manager.getByTestId('void-done')).toContainText(`票据 ${receiptNo} 已作废`);
		const row = manager.getByTestId('recent-voids').locator('tr', { hasText: receiptNo });
		await expect(row).toContainText('跨月作废');
		await expect(row).toContainText('重复收费');

		await open(manager, '/reports?date=2026-12-01');
		const voids = manager.getByTestId('reports-voids').locator('tr', { hasText: receiptNo });
		await expect(voids.getByTestId('report-cross-month')).toHaveText('跨月作废');
		await expect(voids).toContainText('重复收费');
		const pdf = (await fetchPdfText(manager, '/reports/daily.pdf?date=2026-12-01')).replace(
			/\s+/g,
			''
		);
		// The reason column wraps; the mark and the category open the cell.
		expect(pdf).toContain('【跨月作废·重复收');
		await manager.context().close();
	} finally {
		await setClockOffset(page.request, 0);
	}
});

test('a receipt whose deposit was refunded cannot be voided: the refusal names the refund voucher', async ({
	page
}) => {
	await login(page, 'manager');
	await open(page, '/renovation?state=closed');
	await page.getByTestId('results').getByRole('link', { name: /^ZX-/ }).first().click();
	const money = page.getByTestId('money');
	const receiptNo = (
		(await money.getByRole('link', { name: /^SF-/ }).first().textContent()) ?? ''
	).trim();
	const voucher = (
		(await money
			.getByText(/^TK-\d{4}-\d+$/)
			.first()
			.textContent()) ?? ''
	).trim();
	expect(receiptNo).toMatch(/^SF-\d{4}-\d{6}$/);
	expect(voucher).toMatch(/^TK-\d{4}-\d{6}$/);

	await open(page, `/manager/voids?no=${receiptNo}`);
	await expect(page.getByTestId('void-blocked')).toContainText(`退款凭证 ${voucher}`);
	await expect(page.getByTestId('void-blocked')).toContainText(
		'须先以该退款凭证自身的记录冲回退款'
	);
	await expect(page.getByTestId('void-open')).toHaveCount(0);
	const forced = await postAction(page, '/manager/voids?/void', {
		receiptNo,
		reason: '错收',
		category: 'entry_error'
	});
	expect(forced.body).toMatchObject({ type: 'failure', status: 409 });
	expect(forced.text).toContain(voucher);
	await page.reload();
	await expect(page.getByTestId('void-blocked')).toBeVisible();
});

test('voiding a principal payment reverses the approved waiver on it: shown before confirming, on the waiver page and at the counter', async ({
	page,
	browser
}) => {
	const UNIT = '7-2-701';
	await login(page, 'clerk');
	// The oldest month's principal, its late fee left for the waiver.
	await open(page, `/fees/${UNIT}`);
	const oldest = (
		(await page.locator('tr[data-testid^="fees-bill-"]').first().getAttribute('data-testid')) ?? ''
	)
		.replace('fees-bill-', '')
		.slice(0, 7);
	expect(oldest).toMatch(/^\d{4}-\d{2}$/);
	const receiptNo = await payByWechat(page, UNIT, { months: [oldest], lateFees: false });

	await open(page, `/waivers/new?unit=${UNIT}`);
	const bill = page.getByTestId(`waiver-bill-${oldest}-property`);
	await bill.locator('input[name="bill"]').check();
	await page.getByTestId('waiver-reason').fill('外出就医，未能按时缴费，第一次逾期。');
	await page.getByTestId('waiver-submit').click();
	await expect(page).toHaveURL(/\/waivers\/\d+\?filed=1/);
	const id = /\/waivers\/(\d+)/.exec(page.url())![1];
	const requestNo = ((await page.getByTestId('waiver-no').textContent()) ?? '')
		.replace('免除申请', '')
		.trim();
	const requestedFen = yuan((await page.getByTestId('waiver-requested').textContent()) ?? '');
	expect(requestedFen).toBeGreaterThan(0);

	const manager = await newPage(browser, 'manager');
	await open(manager, `/manager/waivers/${id}`);
	const approved = await postAction(manager, `/manager/waivers/${id}?/approve`, {
		mode: 'full',
		note: '首次逾期，情况属实，全额免除',
		key: crypto.randomUUID()
	});
	expect(approved.body.type).not.toBe('failure');
	const amount = `¥${(requestedFen / 100).toFixed(2)}`;

	// The void page lists the waiver it will reverse, before and in the confirmation.
	await open(manager, `/manager/voids?no=${receiptNo}`);
	await expect(manager.getByTestId('void-waivers')).toContainText(`${requestNo}：冲回 ${amount}`);
	await manager.getByTestId('void-reason').fill('收款房号录错');
	await manager.getByTestId('void-open').click();
	await expect(manager.getByTestId('void-dialog-waivers')).toContainText(
		`${requestNo}：冲回 ${amount}`
	);
	await manager.getByTestId('void-confirm').click();
	await expect(manager.getByTestId('void-done')).toContainText(`票据 ${receiptNo} 已作废`);
	await expect(manager.getByTestId('void-waivers-reversed')).toContainText(requestNo);
	await manager.context().close();

	// The waiver page says it was reversed, and its steps show it.
	await open(page, `/waivers/${id}`);
	await expect(page.getByTestId('waiver-reversed')).toContainText(`缴费票据 ${receiptNo} 已作废`);
	await expect(page.getByTestId('waiver-reversed')).toContainText(`已冲回免除 ${amount}`);
	await expect(page.getByTestId('waiver-events')).toContainText(
		`票据 ${receiptNo} 作废，冲回免除 ${amount}`
	);

	// At the counter the month owes its principal and its whole late fee again (what was waived included).
	await open(page, `/fees/${UNIT}`);
	let principal = 0;
	let late = 0;
	for (const row of await page.locator(`tr[data-testid^="fees-bill-${oldest}-"]`).all()) {
		principal += yuan((await row.locator('td').nth(4).textContent()) ?? '0');
		late += yuan((await row.locator('td').nth(5).textContent()) ?? '0');
	}
	expect(principal).toBeGreaterThan(0);
	expect(late).toBeGreaterThanOrEqual(requestedFen);
});

test('a payment form key used again for other bills is refused as "already used", not answered with the earlier receipt', async ({
	page
}) => {
	const UNIT = '7-2-101';
	await login(page, 'clerk');
	await open(page, `/fees/${UNIT}?prepay=2`);
	const key = await page.locator('input[name="idem"]').first().inputValue();
	await page.getByTestId('method-wechat').check();
	const ref = `WX-KEY-${Date.now()}`;
	await page.getByLabel('交易单号').fill(ref);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);

	// The same key for three months instead of two (a stale tab, a script).
	await open(page, `/fees/${UNIT}`);
	const reused = await postAction(page, `/fees/${UNIT}?/pay`, {
		prepay: '3',
		method: 'wechat',
		methodRef: ref,
		payerName: '业主',
		idem: key,
		tendered: '',
		bank: '',
		expectedTotal: '100'
	});
	expect(reused.body).toMatchObject({ type: 'failure', status: 409 });
	expect(reused.text).toContain('该表单已用于另一笔收款');
	await open(page, `/fees/${UNIT}`);
	await expect(page.getByTestId('fees-bill-2027-01-property')).toHaveCount(0);
});

test('after a voided prepayment the months not yet due are shown but not ticked, nor in "您应缴…"', async ({
	page,
	browser
}) => {
	const UNIT = '7-2-102';
	await login(page, 'clerk');
	await open(page, `/fees/${UNIT}?prepay=3`);
	await expect(page.getByTestId('fees-owed-sentence')).toContainText('2027年01月');
	await page.getByTestId('method-wechat').check();
	await page.getByLabel('交易单号').fill(`WX-PRE-${Date.now()}`);
	await page.getByTestId('fees-review').click();
	await page.getByTestId('fees-confirm-pay').click();
	await expect(page).toHaveURL(/\/fees\/receipt\/SF-/);
	const receiptNo = decodeURIComponent(/\/fees\/receipt\/([^/?#]+)/.exec(page.url())![1]);

	const manager = await newPage(browser, 'manager');
	await voidIt(manager, receiptNo, '业主改为按月缴费，预缴作废');
	await manager.context().close();

	await open(page, `/fees/${UNIT}`);
	for (const mo of ['2026-12', '2027-01']) {
		const row = page.getByTestId(`fees-bill-${mo}-property`);
		await expect(row).toBeVisible();
		await expect(row).toContainText('未到期');
		await expect(row.locator('input[name="bill"]')).not.toBeChecked();
	}
	await expect(page.getByTestId('fees-owed-sentence')).not.toContainText('2026年12月');
	await expect(page.getByTestId('fees-owed-sentence')).not.toContainText('2027年01月');
	await expect(page.getByTestId('fees-total')).toHaveText('¥0.00');
	// Still payable on purpose: ticking a month puts it in the sentence.
	await page.getByTestId('fees-bill-2026-12-property').locator('input[name="bill"]').check();
	await expect(page.getByTestId('fees-owed-sentence')).toContainText('2026年12月');
});
