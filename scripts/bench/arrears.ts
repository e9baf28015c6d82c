/**
 * Arrears timings for `npm run bench` (issue 19 "Speed"): the arrears register (欠费台账) as of today
 * and the collection rate (收缴率) of a year and a month, with its 12-month trend, on the benchmark
 * community. Run after the counter cases, so today holds the payments they posted.
 */
import { arrearsRegister } from '../../src/lib/server/arrears/register.ts';
import {
	collectionReport,
	collectionTrend,
	periodAsOf
} from '../../src/lib/server/arrears/collection.ts';
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

const registerCase: BenchCase = {
	id: 'arrears-register',
	title: '欠费台账 arrears register',
	run(ctx: BenchContext) {
		const { communityId, today } = ctx.info;
		// The first call is cold (pages not yet in the cache): reported on its own.
		const [, coldMs] = timed(() => arrearsRegister(ctx.db, communityId, today, today));
		const all = times(RUNS, () => arrearsRegister(ctx.db, communityId, today, today));
		const building = times(RUNS, () =>
			arrearsRegister(ctx.db, communityId, today, today, { building: '7' }, 'total')
		);
		const r = all.last;
		return {
			figures: [
				{
					label: `as of ${today}, p95 of ${RUNS}`,
					value: percentile(all.times, 95),
					unit: 'ms',
					max: 300
				},
				{ label: 'as of today, median', value: median(all.times), unit: 'ms' },
				{ label: 'first (cold)', value: coldMs, unit: 'ms' },
				{
					label: `one building, by amount, p95 of ${RUNS}`,
					value: percentile(building.times, 95),
					unit: 'ms',
					max: 300
				}
			],
			note: `${r.totals.units} units owing ¥${(r.totals.totalFen / 100).toFixed(2)}; units by age ${JSON.stringify(r.totals.unitsByBucket)}`
		};
	}
};

const collectionCase: BenchCase = {
	id: 'collection-rate',
	title: '收缴率 collection rate',
	run(ctx: BenchContext) {
		const { communityId, today } = ctx.info;
		const year = periodAsOf(`${today.slice(0, 4)}-01`, `${today.slice(0, 4)}-12`, today);
		const month = periodAsOf(today.slice(0, 7), today.slice(0, 7), today);
		const y = times(RUNS, () => collectionReport(ctx.db, communityId, year));
		const mo = times(RUNS, () => collectionReport(ctx.db, communityId, month));
		const trend = times(RUNS, () => collectionTrend(ctx.db, communityId, today.slice(0, 7), today));
		const page = times(10, () => {
			collectionReport(ctx.db, communityId, year);
			return collectionTrend(ctx.db, communityId, year.toMonth, today);
		});
		const f = y.last.total;
		return {
			figures: [
				{
					label: `year ${today.slice(0, 4)}, p95 of ${RUNS}`,
					value: percentile(y.times, 95),
					unit: 'ms',
					max: 300
				},
				{
					label: `month ${month.fromMonth}, p95 of ${RUNS}`,
					value: percentile(mo.times, 95),
					unit: 'ms',
					max: 300
				},
				{ label: `12-month trend, p95 of ${RUNS}`, value: percentile(trend.times, 95), unit: 'ms' },
				{
					label: 'year + trend (the page), p95 of 10',
					value: percentile(page.times, 95),
					unit: 'ms'
				}
			],
			note: `year: 收缴率 ${(f.rateBp ?? 0) / 100}% (¥${(f.collectedFen / 100).toFixed(0)} of ¥${(f.dueFen / 100).toFixed(0)}), 清欠率 ${(f.arrearsRateBp ?? 0) / 100}%`
		};
	}
};

export const arrearsCases: BenchCase[] = [registerCase, collectionCase];
