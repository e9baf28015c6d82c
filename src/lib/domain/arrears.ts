/**
 * Arrears (欠费), their age, the collection rate (收缴率) and reminders (催缴). Pure rules, no I/O;
 * the server reads the ledger and asks these functions.
 *
 * Ageing (账龄): a bill's age is the number of whole calendar days from its due date to the as-of
 * date (paying on the due date is on time: 0 days, not in arrears). Buckets count days, not
 * calendar months or years:
 *   ≤ 30 · 31–90 · 91–180 · 181–365 · > 365 (more than a year)
 * so a bill due 2024-02-20 is 366 days old on 2025-02-20 (29 Feb lies between) and is over a year,
 * while one due 2025-02-20 is 365 days old on 2026-02-20 and is not. A unit's age is the age of its
 * oldest bill still owing.
 *
 * Collection rate (收缴率) of a period (a month or a year, [from, to] in months), on principal only:
 * - 当期应收 (billed for the period): the principal of the bills of the period's months, less the
 *   空置减免 credited to them by the period's end. A credit lowers what is owed; it is not money
 *   collected.
 * - 当期实收: the principal of those bills paid by the period's end (prepayments made before the
 *   period count: the money is there when the month falls due). Payments that were voided never
 *   count, whatever the date of the void.
 * - 当期收缴率 = 当期实收 ÷ 当期应收.
 * - 往期欠费 (opening arrears): the principal of bills of months before the period still owing at
 *   the period's start (paid and credited before that day are deducted), less 空置减免 credited to
 *   them during the period (no longer collectable).
 * - 清欠实收: principal paid during the period on those earlier bills; 清欠率 = 清欠实收 ÷ 往期欠费.
 * - Late fees (滞纳金) and their waivers (滞纳金减免) are outside the rate: a penalty is not the
 *   service fee, and a waived late fee is neither owed nor collected here. The arrears register
 *   shows late fees separately.
 * - 0 应收 gives no rate (shown as —), never 0 % or 100 %. A rate is never clamped: over 100 % (e.g.
 *   a payment recorded twice) shows as it is, so the mistake is visible.
 * Rates are kept as basis points (万分之一, 1 bp = 0.01 %), rounded half up.
 */
import { daysBetween } from '../dates';
import { lateFeeWorking, type LateFeePeriod } from './late-fee';

export const AGE_BUCKETS = ['d0_30', 'd31_90', 'd91_180', 'd181_365', 'over_365'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Upper bound (in days, inclusive) of each bucket but the last. */
const BUCKET_MAX: [number, AgeBucket][] = [
	[30, 'd0_30'],
	[90, 'd31_90'],
	[180, 'd91_180'],
	[365, 'd181_365']
];

/** Whole days overdue on `asOf` for a bill due on `dueDate` (0 or less: not overdue). */
export function daysOverdue(dueDate: string, asOf: string): number {
	return daysBetween(dueDate, asOf);
}

/** The bucket of a number of overdue days; null when not overdue (0 or fewer days). */
export function bucketOfDays(days: number): AgeBucket | null {
	if (!(days > 0)) return null;
	for (const [max, bucket] of BUCKET_MAX) if (days <= max) return bucket;
	return 'over_365';
}

/** The age bucket of a bill due on `dueDate`, as of `asOf`; null when it is not overdue yet. */
export function ageBucket(dueDate: string, asOf: string): AgeBucket | null {
	return bucketOfDays(daysOverdue(dueDate, asOf));
}

/** Amounts per age bucket (fen), every bucket present. */
export type BucketAmounts = Record<AgeBucket, number>;

export function emptyBuckets(): BucketAmounts {
	return { d0_30: 0, d31_90: 0, d91_180: 0, d181_365: 0, over_365: 0 };
}

/** Adds `b` into `a` (in place) and returns `a`. */
export function addBuckets(a: BucketAmounts, b: BucketAmounts): BucketAmounts {
	for (const k of AGE_BUCKETS) a[k] += b[k];
	return a;
}

// ---------------------------------------------------------------- collection rate

/** `collected ÷ due` in basis points (0.01 %), rounded half up; null when nothing was due. */
export function rateBp(collectedFen: number, dueFen: number): number | null {
	if (!(dueFen > 0)) return null;
	const n = BigInt(Math.max(0, collectedFen)) * 10_000n;
	const d = BigInt(dueFen);
	return Number((2n * n + d) / (2n * d));
}

/** 9725 → "97.25%"; null → "—". */
export function formatRate(bp: number | null): string {
	if (bp === null) return '—';
	return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** One bill as the collection rate sees it: principal, what paid it and what credited it, dated. */
export interface CollectionBill {
	/** YYYY-MM */
	month: string;
	principalFen: number;
	/** Principal paid (payments not voided), by date. */
	payments: readonly { date: string; fen: number }[];
	/** 空置减免 credited to this bill, by date. */
	credits: readonly { date: string; fen: number }[];
}

export interface CollectionFigures {
	/** 当期: billed (principal) and credited; due = billed − credited. */
	billedFen: number;
	creditedFen: number;
	dueFen: number;
	collectedFen: number;
	rateBp: number | null;
	/** 往期: owing at the start, less credits during the period; collected during the period. */
	arrearsDueFen: number;
	arrearsCollectedFen: number;
	arrearsRateBp: number | null;
}

/** The period [fromMonth, toMonth] as dates: its first and last day. */
export interface Period {
	fromMonth: string;
	toMonth: string;
	/** Last day counted (the period's last day, or an earlier as-of date for a period in progress). */
	until: string;
}

const sum = (list: readonly { date: string; fen: number }[], keep: (d: string) => boolean) =>
	list.reduce((s, x) => (keep(x.date) ? s + x.fen : s), 0);

/**
 * The collection figures of a period from a list of bills (the reference the server's SQL is
 * tested against). Bills of months after `toMonth` are not part of it; bills of months before
 * `fromMonth` are arrears.
 */
export function collectionFigures(bills: readonly CollectionBill[], p: Period): CollectionFigures {
	const start = `${p.fromMonth}-01`;
	let billedFen = 0;
	let creditedFen = 0;
	let collectedFen = 0;
	let arrearsDueFen = 0;
	let arrearsCollectedFen = 0;
	for (const b of bills) {
		if (b.month > p.toMonth) continue;
		if (b.month >= p.fromMonth) {
			billedFen += b.principalFen;
			creditedFen += sum(b.credits, (d) => d <= p.until);
			collectedFen += sum(b.payments, (d) => d <= p.until);
		} else {
			const before = (d: string) => d < start;
			const during = (d: string) => d >= start && d <= p.until;
			const owing = Math.max(
				0,
				b.principalFen - sum(b.payments, before) - sum(b.credits, before) - sum(b.credits, during)
			);
			arrearsDueFen += owing;
			arrearsCollectedFen += sum(b.payments, during);
		}
	}
	const dueFen = billedFen - creditedFen;
	return {
		billedFen,
		creditedFen,
		dueFen,
		collectedFen,
		rateBp: rateBp(collectedFen, dueFen),
		arrearsDueFen,
		arrearsCollectedFen,
		arrearsRateBp: rateBp(arrearsCollectedFen, arrearsDueFen)
	};
}

// ---------------------------------------------------------------- reminders

export const REMINDER_KINDS = ['notice', 'call', 'visit'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_OUTCOMES = [
	'sent',
	'promised',
	'refused',
	'no_answer',
	'disputed',
	'other'
] as const;
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number];

/** Longest a promise may reach ahead of the reminder: beyond that it is not a promise to pay. */
export const MAX_PROMISE_DAYS = 366;

/**
 * A promise not kept (承诺未兑现): the resident promised to pay by `promisedDate`, that day has
 * passed (the promise holds through the promised date itself) and the unit still owes.
 */
export function promiseBroken(
	promisedDate: string | null,
	asOf: string,
	owingFen: number
): boolean {
	return promisedDate !== null && promisedDate < asOf && owingFen > 0;
}

// ---------------------------------------------------------------- late fee of an untouched bill

/**
 * The late fee of a bill nothing has been paid or credited on, as of `asOf`, for many bills at
 * once: equal to `lateFeeWorking({ principalFen, dueDate, asOf, schedule }).fen` (a test checks
 * them against each other), without building the working. The days each rate period covers are
 * worked out once per due date; amounts that could leave exact integer arithmetic in doubles go
 * through `lateFeeWorking` itself.
 */
export function unpaidLateFeeCalculator(
	schedule: readonly LateFeePeriod[],
	asOf: string
): (principalFen: number, dueDate: string) => number {
	const periods = [...schedule].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
	// Rates and caps as integers × 10⁴ (up to 4 decimals, as the late-fee rule allows).
	const rates = periods.map((p) => Math.round(p.ratePerMille * 10_000));
	const caps = periods.map((p) =>
		p.capPercent === null ? null : Math.round(p.capPercent * 10_000)
	);
	const exact = periods.every(
		(p, i) =>
			rates[i] / 10_000 === p.ratePerMille &&
			(caps[i] === null || caps[i]! / 10_000 === p.capPercent)
	);
	const byDue = new Map<string, number[]>();
	const daysOf = (dueDate: string): number[] => {
		let d = byDue.get(dueDate);
		if (!d) {
			const days = Math.max(0, daysBetween(dueDate, asOf));
			const starts = periods.map((p, i) => (i === 0 ? -Infinity : daysBetween(dueDate, p.from)));
			d = periods.map((_, k) => {
				const end = k + 1 < periods.length ? starts[k + 1] - 1 : Infinity;
				return Math.max(0, Math.min(days, end) - Math.max(1, starts[k]) + 1);
			});
			byDue.set(dueDate, d);
		}
		return d;
	};
	const SCALE = 10_000;
	const UNIT = 1000 * SCALE; // fee × UNIT = Σ principal × days × rate(×10⁴)
	return (principalFen, dueDate) => {
		const days = daysOf(dueDate);
		// Beyond this the products below could pass 2⁵³: let the exact BigInt rule answer.
		if (!exact || principalFen > 100_000_000 || days.reduce((s, d) => s + d, 0) > 40_000)
			return lateFeeWorking({ principalFen, dueDate, asOf, schedule }).fen;
		let cum = 0;
		for (let k = 0; k < periods.length; k++) {
			const accrued = principalFen * days[k] * rates[k];
			const cap = caps[k];
			if (cap === null) {
				cum += accrued;
				continue;
			}
			// The cap in fen, rounded half up: P × cap% ÷ 100 (cap × 10⁴).
			const capFen = Math.floor((2 * principalFen * cap + 100 * SCALE) / (200 * SCALE));
			const bound = capFen * UNIT;
			cum = cum + accrued < bound ? cum + accrued : cum > bound ? cum : bound;
		}
		return Math.floor((2 * cum + UNIT) / (2 * UNIT));
	};
}

/** The floor of a room number: "1502" → "15", "301" → "3"; a short or odd room → "". */
export function floorOf(room: string): string {
	const m = /^(\d+?)(\d{2})$/.exec(room);
	return m ? String(Number(m[1])) : '';
}
