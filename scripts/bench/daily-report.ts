/**
 * Daily report (日报) timings for `npm run bench` (issue 09 "Speed"): the report of one day and of
 * 31 days on the benchmark community, and its A4 PDF. Run after the counter cases, so "today"
 * holds the payments they posted.
 */
import { dailyReport } from '../../src/lib/server/reports/daily.ts';
import { dailyReportPdf } from '../../src/lib/server/pdf/daily-report.ts';
import { reportExtras } from '../../src/lib/server/reports/extras.ts';
import { addDays, addMonths, lastDayOfMonth, monthOf } from '../../src/lib/dates.ts';
import { median, percentile, timed, timedAsync } from './report.ts';
import type { BenchCase, BenchContext } from './cases.ts';

const RUNS = 20;

function busiestDay(ctx: BenchContext): { date: string; n: number } {
	return ctx.db.$client
		.prepare(
			`SELECT local_date AS date, count(*) AS n FROM payments WHERE community_id = ? GROUP BY local_date ORDER BY n DESC, local_date DESC LIMIT 1`
		)
		.get(ctx.info.communityId) as { date: string; n: number };
}

function measure(ctx: BenchContext, from: string, to: string, runs: number) {
	const times: number[] = [];
	let report = dailyReport(ctx.db, ctx.info.communityId, from, to, { now: ctx.info.now });
	for (let i = 0; i < runs; i++) {
		const [r, ms] = timed(() =>
			dailyReport(ctx.db, ctx.info.communityId, from, to, { now: ctx.info.now })
		);
		times.push(ms);
		report = r;
	}
	return { times, report };
}

const dailyReportCase: BenchCase = {
	id: 'daily-report',
	title: '日报 daily report',
	run(ctx) {
		const today = ctx.info.today;
		const busy = busiestDay(ctx);
		// The first call of each is cold (pages not yet in the cache): reported on its own.
		const [, coldMs] = timed(() =>
			dailyReport(ctx.db, ctx.info.communityId, busy.date, busy.date, { now: ctx.info.now })
		);
		const day = measure(ctx, today, today, RUNS);
		const busyDay = measure(ctx, busy.date, busy.date, RUNS);
		const month = measure(ctx, addDays(today, -30), today, 10);
		const ok = [day, busyDay, month].every(
			(m) => m.report.collections.reconciliation.ok && m.report.deposits.ok
		);
		return {
			figures: [
				{
					label: `today ${today}, p95 of ${RUNS}`,
					value: percentile(day.times, 95),
					unit: 'ms',
					max: 200
				},
				{
					label: `busiest day ${busy.date}, p95 of ${RUNS}`,
					value: percentile(busyDay.times, 95),
					unit: 'ms',
					max: 200
				},
				{ label: 'busiest day, first (cold)', value: coldMs, unit: 'ms' },
				{
					label: `31 days to ${today}, p95 of 10`,
					value: percentile(month.times, 95),
					unit: 'ms',
					max: 1000
				},
				{ label: '31 days, median', value: median(month.times), unit: 'ms' }
			],
			note:
				`today ${day.report.receipts.count} receipts, busiest day ${busyDay.report.receipts.count}, 31 days ${month.report.receipts.count} ` +
				`(${month.report.lateFees.charged.bills} bills settled); every figure reconciles: ${ok ? 'yes' : 'NO'}`
		};
	}
};

const dailyPdfCase: BenchCase = {
	id: 'daily-pdf',
	title: '日报 PDF',
	async run(ctx) {
		const busy = busiestDay(ctx);
		const report = dailyReport(ctx.db, ctx.info.communityId, busy.date, busy.date, {
			now: ctx.info.now
		});
		const render = () =>
			dailyReportPdf({ report, printedAt: ctx.info.now, printedBy: '主任 M001' });
		const [first, firstMs] = await timedAsync(render);
		const warm: number[] = [];
		for (let i = 0; i < RUNS; i++) warm.push((await timedAsync(render))[1]);
		return {
			figures: [
				{ label: 'first in the process', value: firstMs, unit: 'ms', max: 500 },
				{ label: `warm p95 of ${RUNS}`, value: percentile(warm, 95), unit: 'ms', max: 500 },
				{ label: 'warm median', value: median(warm), unit: 'ms' },
				{ label: 'file size', value: first.length, unit: 'bytes' }
			],
			note: `A4 report of ${busy.date} (${report.receipts.count} receipts, ${report.collections.byItem.length} item lines)`
		};
	}
};

/**
 * 月报 (issue 19 "Speed": ≤ 500 ms): a whole past month as the page reads it — the daily report's
 * figures for the range plus the month report's own (table per day, 应收/实收/欠收, 预收) — and
 * the month in progress.
 */
const monthReportCase: BenchCase = {
	id: 'month-report',
	title: '月报 month report',
	run(ctx) {
		const { communityId, today, now } = ctx.info;
		const month = addMonths(monthOf(today), -1);
		const from = `${month}-01`;
		const to = lastDayOfMonth(month);
		const full = (a: string, b: string) => ({
			report: dailyReport(ctx.db, communityId, a, b, { now }),
			extras: reportExtras(ctx.db, communityId, a, b)
		});
		const [, coldMs] = timed(() => full(from, to));
		const past: number[] = [];
		let last = full(from, to);
		for (let i = 0; i < RUNS; i++) {
			const [r, ms] = timed(() => full(from, to));
			past.push(ms);
			last = r;
		}
		// The month of the busiest day (a whole year prepaid by thousands on one day).
		const busyMonth = monthOf(busiestDay(ctx).date);
		const busy: number[] = [];
		for (let i = 0; i < 10; i++)
			busy.push(timed(() => full(`${busyMonth}-01`, lastDayOfMonth(busyMonth)))[1]);
		const current: number[] = [];
		for (let i = 0; i < 10; i++) current.push(timed(() => full(`${monthOf(today)}-01`, today))[1]);
		const mf = last.extras.month!;
		const ok =
			last.report.collections.reconciliation.ok &&
			last.report.deposits.ok &&
			mf.total.netFen === last.report.collections.reconciliation.netFen;
		return {
			figures: [
				{
					label: `${month} (whole month), p95 of ${RUNS}`,
					value: percentile(past, 95),
					unit: 'ms',
					max: 500
				},
				{ label: `${month}, median`, value: median(past), unit: 'ms' },
				{ label: `${month}, first (cold)`, value: coldMs, unit: 'ms' },
				{
					label: `busiest month ${busyMonth}, p95 of 10`,
					value: percentile(busy, 95),
					unit: 'ms',
					max: 500
				},
				{
					label: `${monthOf(today)} to ${today}, p95 of 10`,
					value: percentile(current, 95),
					unit: 'ms',
					max: 500
				}
			],
			note:
				`${month}: ${last.report.receipts.count} receipts, net ¥${(mf.total.netFen / 100).toFixed(2)}, ` +
				`应收 ¥${(mf.billing.dueFen / 100).toFixed(2)} 实收 ¥${(mf.billing.collectedFen / 100).toFixed(2)}, ` +
				`预收 ${mf.advance.total.openingFen / 100} → ${mf.advance.total.closingFen / 100}; days add up to the month: ${ok ? 'yes' : 'NO'}`
		};
	}
};

export const dailyReportCases: BenchCase[] = [dailyReportCase, dailyPdfCase, monthReportCase];
