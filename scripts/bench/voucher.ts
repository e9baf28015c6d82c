/**
 * Accounting export timing for `npm run bench` (issue 19): a month's voucher file (凭证) of the
 * benchmark community, target ≤ 500 ms, for the current month (the counter cases' payments) and
 * the month with the most receipts (the day a whole year is prepaid: 预收 on every line).
 */
import { accountMapChanges } from '../../src/lib/server/db/schema/index.ts';
import { voucherCsv, voucherFile } from '../../src/lib/server/voucher/export.ts';
import { lastDayOfMonth } from '../../src/lib/dates.ts';
import { median, percentile, timed } from './report.ts';
import type { BenchCase, BenchContext } from './cases.ts';

const RUNS = 10;

// A chart of accounts in force since long before the data set, written straight to the bench copy
// (the admin form refuses a past date, as it should).
const CHART: [string, string, string][] = [
	['cash', '1001', '库存现金'],
	['wechat', '101201', '其他货币资金-微信'],
	['alipay', '101202', '其他货币资金-支付宝'],
	['bank', '1002', '银行存款'],
	['fee_income', '600101', '主营业务收入-物业服务费'],
	['late_fee_income', '605101', '其他业务收入-滞纳金'],
	['advance', '2203', '预收账款'],
	['charge_income', '605102', '其他业务收入-装修服务'],
	['renovation_deposit', '224101', '其他应付款-装修保证金'],
	['pass_deposit', '224102', '其他应付款-出入证押金'],
	['deduction_income', '605103', '其他业务收入-保证金扣款']
];

function busiestMonth(ctx: BenchContext): string {
	const row = ctx.db.$client
		.prepare(
			`SELECT substr(local_date, 1, 7) AS month FROM payments WHERE community_id = ?
			 GROUP BY month ORDER BY count(*) DESC LIMIT 1`
		)
		.get(ctx.info.communityId) as { month: string } | undefined;
	return row?.month ?? ctx.info.today.slice(0, 7);
}

const voucherMonth: BenchCase = {
	id: 'voucher-month',
	title: '凭证 voucher file of a month',
	run(ctx: BenchContext) {
		const { db } = ctx;
		const { communityId, today } = ctx.info;
		for (const [key, code, name] of CHART)
			db.insert(accountMapChanges)
				.values({
					communityId,
					key,
					accountCode: code,
					accountName: name,
					effectiveFrom: '2000-01-01',
					createdAt: ctx.info.now
				})
				.run();
		const measure = (from: string, to: string) => {
			voucherFile(db, communityId, from, to); // warm the statement cache
			const out: number[] = [];
			let last = voucherFile(db, communityId, from, to);
			for (let i = 0; i < RUNS; i++) {
				const [r, ms] = timed(() => voucherFile(db, communityId, from, to));
				out.push(ms);
				last = r;
			}
			return { times: out, last };
		};
		const current = measure(`${today.slice(0, 7)}-01`, today);
		const busy = busiestMonth(ctx);
		const busyTo = lastDayOfMonth(busy) > today ? today : lastDayOfMonth(busy);
		const heavy = measure(`${busy}-01`, busyTo);
		const [, csvMs] = timed(() => voucherCsv(heavy.last));
		const lines = heavy.last.vouchers.reduce((s, v) => s + v.lines.length, 0);
		return {
			figures: [
				{
					label: `${today.slice(0, 7)} (to ${today}), p95 of ${RUNS}`,
					value: percentile(current.times, 95),
					unit: 'ms',
					max: 500
				},
				{
					label: `busiest month ${busy}, p95 of ${RUNS}`,
					value: percentile(heavy.times, 95),
					unit: 'ms',
					max: 500
				},
				{ label: `busiest month, median`, value: median(heavy.times), unit: 'ms' },
				{ label: 'busiest month, CSV written', value: csvMs, unit: 'ms' }
			],
			note: `${busy}: ${heavy.last.vouchers.length} vouchers, ${lines} lines, Σ借 ¥${(heavy.last.debitFen / 100).toFixed(2)} = Σ贷 ¥${(heavy.last.creditFen / 100).toFixed(2)}`
		};
	}
};

export const voucherCases: BenchCase[] = [voucherMonth];
