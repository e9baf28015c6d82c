/**
 * Receipts journal timings for `npm run bench` (issue 19 "Speed"): a month's journal page (收款流水,
 * the page's first 50 rows in time order with the totals by method) on the benchmark community,
 * target p95 ≤ 300 ms; a page filtered by method and one sorted by amount, and the month's CSV
 * export (every row), for information. Run after the counter cases, so today holds their payments.
 */
import { journalOf } from '../../src/lib/server/journal/queries.ts';
import { journalCsv } from '../../src/lib/server/journal/export.ts';
import { median, percentile, timed } from './report.ts';
import type { BenchCase, BenchContext } from './cases.ts';

const RUNS = 20;

function times<T>(runs: number, fn: () => T): { times: number[]; last: T } {
	const out: number[] = [];
	let last = fn();
	for (let i = 0; i < runs; i++) {
		const [r, ms] = timed(fn);
		out.push(ms);
		last = r;
	}
	return { times: out, last };
}

export const journalCase: BenchCase = {
	id: 'journal',
	title: '收款流水 receipts journal',
	run(ctx: BenchContext) {
		const { communityId, today, timeZone } = ctx.info;
		const month = { from: `${today.slice(0, 7)}-01`, to: today };
		const page = (f: object, sort: 'time' | 'amount' = 'time') =>
			journalOf(
				ctx.db,
				communityId,
				timeZone,
				{ ...month, ...f },
				{ sort, dir: sort === 'time' ? 'asc' : 'desc' },
				1
			);
		const [, coldMs] = timed(() => page({}));
		const all = times(RUNS, () => page({}));
		const wechat = times(RUNS, () => page({ method: 'wechat' }));
		const byAmount = times(RUNS, () => page({}, 'amount'));
		const csv = times(3, () =>
			journalCsv(
				journalOf(ctx.db, communityId, timeZone, month, { sort: 'time', dir: 'asc' }, null),
				'收款流水'
			)
		);
		const j = all.last;
		return {
			figures: [
				{
					label: `${month.from}…${month.to}, page 1, p95 of ${RUNS}`,
					value: percentile(all.times, 95),
					unit: 'ms',
					max: 300
				},
				{ label: 'month page, median', value: median(all.times), unit: 'ms' },
				{ label: 'first (cold)', value: coldMs, unit: 'ms' },
				{
					label: `WeChat only, p95 of ${RUNS}`,
					value: percentile(wechat.times, 95),
					unit: 'ms',
					max: 300
				},
				{
					label: `sorted by amount, p95 of ${RUNS}`,
					value: percentile(byAmount.times, 95),
					unit: 'ms',
					max: 300
				},
				{ label: 'month CSV (every row), median', value: median(csv.times), unit: 'ms' }
			],
			note: `${j.count} rows (${j.total.receipts} receipts, ${j.total.voids} voids), net ¥${(j.total.netFen / 100).toFixed(2)}`
		};
	}
};
