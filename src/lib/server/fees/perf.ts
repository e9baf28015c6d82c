import type { Db } from '../db';
import { addMonths, localToEpochMs } from '../../dates';
import { findUnits, unitAccount } from './account';
import { generateMonthlyBills } from './generate';
import { postFeePayment } from './pay';
import type { BenchCommunity } from './bench-data';

export interface Stats {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

export function stats(ms: number[]): Stats {
	const s = [...ms].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
	return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

/** A deterministic shuffle so runs compare. */
function sample<T>(items: readonly T[], n: number, seed = 7): T[] {
	const out: T[] = [];
	let s = seed;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		out.push(items[s % items.length]);
	}
	return out;
}

/**
 * The fees speed checks on a bench community: counter look-up (type-ahead by room code + the
 * unit's unpaid bills with late fees), posting a payment (each its own transaction, fsync
 * included), and monthly billing of every unit for the next month.
 */
export function measureFees(db: Db, bench: BenchCommunity, opts: { lookups?: number; posts?: number; today?: string } = {}) {
	const today = opts.today ?? `${bench.lastMonth}-23`;
	const lookup: number[] = [];
	let billsSeen = 0;
	for (const i of sample(bench.unitIds.map((_, k) => k), opts.lookups ?? 500)) {
		const t = performance.now();
		const hits = findUnits(db, bench.communityId, bench.unitCodes[i]);
		const acc = unitAccount(db, bench.communityId, hits[0].unitId, today)!;
		lookup.push(performance.now() - t);
		billsSeen += acc.bills.length;
	}

	const post: number[] = [];
	const now = localToEpochMs(today, '10:00', 'Asia/Shanghai');
	let k = 0;
	for (const i of sample(bench.unitIds.map((_, k) => k), opts.posts ?? 300, 11)) {
		const unitId = bench.unitIds[i];
		const billIds = unitAccount(db, bench.communityId, unitId, today)!.bills.slice(0, 3).map((b) => b.billId);
		if (billIds.length === 0) continue;
		const t = performance.now();
		postFeePayment(db, { communityId: bench.communityId, unitId, billIds, includeLateFees: true, method: 'wechat', methodRef: `P${k}`, payerName: '业主', cashierId: bench.cashierId, idempotencyKey: `perf-${Date.now()}-${k++}`, now });
		post.push(performance.now() - t);
	}

	const month = addMonths(bench.lastMonth, 1);
	const t = performance.now();
	const billing = generateMonthlyBills(db, bench.communityId, month);
	const billingMs = performance.now() - t;
	const t2 = performance.now();
	const again = generateMonthlyBills(db, bench.communityId, month);
	const billingAgainMs = performance.now() - t2;

	return { lookup: stats(lookup), avgBillsShown: billsSeen / lookup.length, post: stats(post), billing: { month, ...billing, ms: billingMs }, billingAgain: { ...again, ms: billingAgainMs } };
}
