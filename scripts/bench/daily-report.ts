/**
 * Daily report (日报) timings for `npm run bench` (issue 09 "Speed"): the report of one day and of
 * 31 days on the benchmark community, and its A4 PDF. Run after the counter cases, so "today"
 * holds the payments they posted.
 */
import { dailyReport } from '../../src/lib/server/reports/daily.ts';
import { dailyReportPdf } from '../../src/lib/server/pdf/daily-report.ts';
import { addDays } from '../../src/lib/dates.ts';
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

export const dailyReportCases: BenchCase[] = [dailyReportCase, dailyPdfCase];
