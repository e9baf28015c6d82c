/**
 * Late fee (滞纳金), DOMAIN.md §2: "逾期每日按应缴金额的3‰计收滞纳金".
 *
 * For one bill with principal P (fen) due on D, as of date T:
 * - each part of P paid on date d accrues max(0, min(d, T) − D) days; the unpaid rest accrues
 *   max(0, T − D) days. Paying on D itself is on time (0 days).
 * - fee = roundHalfUp(Σ part × days × rate ÷ 1000), rate per mille per day (default 3), in exact
 *   BigInt arithmetic, rounded once per bill, never per part or per day.
 * - cap: the fee never exceeds capPercent % of P (default 100; null = no cap); the cap amount
 *   itself is P × capPercent ÷ 100 rounded half up.
 * Once P is fully paid every part has stopped accruing, so the fee stops growing by construction.
 *
 * Choices the rule leaves open:
 * - payments dated after T have not happened yet as of T: that money is still unpaid.
 * - payments are applied oldest first; whatever would take the total above P is ignored
 *   (an overpayment is credit elsewhere, it does not shorten anyone's arrears).
 * - payments on or before D accrue nothing.
 * - rate and cap may carry up to 4 decimals (e.g. 0.5‰ = 万分之五), kept exact as integers ÷ 10⁴.
 *
 * Rate and cap changes (a `schedule` of periods, settings that take effect from a date):
 * - each overdue day is priced at the rate in force THAT day, so a change from date E changes only
 *   the accrual of days from E on; the fee as of any day before E is the same before and after
 *   the change (a past day never changes).
 * - the cap in force in a period bounds what has accrued by the end of that period, but never
 *   takes back what had accrued before it (a lower cap stops growth; it does not lower the fee):
 *   cum = min(cum + accrual of the period, max(cum, cap of the period)). With one period this is
 *   min(uncapped, cap), the rule above. The sum is exact; the fee is rounded once at the end.
 */
import { daysBetween, isValidDate } from '../dates';
import { formatYuan } from '../money';

export type LateFeePayment = { date: string; principalFen: number };

export type LateFeeInput = {
	principalFen: number;
	dueDate: string;
	asOf: string;
	/** Principal paid towards this bill (late-fee payments do not belong here). */
	payments?: readonly LateFeePayment[];
	/** Per mille per day; default 3. */
	ratePerMille?: number;
	/** The fee never exceeds this percentage of the principal; default 100; null = no cap. */
	capPercent?: number | null;
	/**
	 * Rate and cap by period (settings that take effect from a date), oldest first; when given,
	 * `ratePerMille` and `capPercent` are not used. The first period applies before its date too.
	 */
	schedule?: readonly LateFeePeriod[];
};

/** Rate and cap in force from `from` (YYYY-MM-DD) until the next period. */
export type LateFeePeriod = { from: string; ratePerMille: number; capPercent: number | null };

/** Overdue days of one part priced at one rate (one line of the printed working). */
export type LateFeeLine = { principalFen: number; days: number; ratePerMille: number };

export type LateFeePart = { principalFen: number; days: number };

export type LateFeeWorking = {
	/** The late fee owed, in fen, after the cap. */
	fen: number;
	/** The principal that accrued, grouped by days overdue (ascending); parts of 0 days are left out. */
	parts: LateFeePart[];
	/** The parts split by the rate in force on their days (one line each; with one rate: the parts). */
	lines: LateFeeLine[];
	/** True when the cap cut the fee. */
	capped: boolean;
	/** The rate in force on the as-of date. */
	ratePerMille: number;
	/** The fee before the cap. */
	uncappedFen: number;
	capPercent: number | null;
	/** The cap in fen, or null without a cap. */
	capFen: number | null;
};

export const DEFAULT_RATE_PER_MILLE = 3;
export const DEFAULT_CAP_PERCENT = 100;

/** Settings with up to 4 decimals are held as integers over this scale. */
const SCALE = 10_000n;

function fail(message: string): never {
	throw new RangeError(`late fee: ${message}`);
}

function checkFen(value: number, what: string): void {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		fail(`${what} must be a non-negative integer number of fen, got ${String(value)}`);
	}
}

function checkDate(value: string, what: string): void {
	if (!isValidDate(value)) fail(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** A non-negative setting with at most 4 decimals, as an exact integer × 10⁴. */
function scaled(value: number, what: string): bigint {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		fail(`${what} must be a non-negative number, got ${String(value)}`);
	}
	const n = Math.round(value * Number(SCALE));
	// The division reproduces the input exactly only if it had at most 4 decimals.
	if (!Number.isSafeInteger(n) || n / Number(SCALE) !== value) {
		fail(`${what} may have at most 4 decimals, got ${String(value)}`);
	}
	return BigInt(n);
}

/** round(num ÷ den) with halves going up, for num ≥ 0, den > 0. */
function roundHalfUp(num: bigint, den: bigint): bigint {
	return (2n * num + den) / (2n * den);
}

function toSafeNumber(n: bigint): number {
	if (n > BigInt(Number.MAX_SAFE_INTEGER)) fail('the result is too large');
	return Number(n);
}

/** The late fee with its working, for a receipt or the counter screen. */
export function lateFeeWorking(input: LateFeeInput): LateFeeWorking {
	const { principalFen, dueDate, asOf } = input;
	const payments = input.payments ?? [];
	const schedule: LateFeePeriod[] =
		input.schedule && input.schedule.length > 0
			? [...input.schedule].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
			: [
					{
						from: '0000-01-01',
						ratePerMille: input.ratePerMille ?? DEFAULT_RATE_PER_MILLE,
						capPercent: input.capPercent === undefined ? DEFAULT_CAP_PERCENT : input.capPercent
					}
				];

	checkFen(principalFen, 'principalFen');
	checkDate(dueDate, 'dueDate');
	checkDate(asOf, 'asOf');
	if (!Array.isArray(payments)) fail('payments must be an array');
	payments.forEach((p, i) => {
		checkDate(p?.date, `payments[${i}].date`);
		checkFen(p.principalFen, `payments[${i}].principalFen`);
	});
	const periods = schedule.map((p, i) => {
		if (i > 0) checkDate(p.from, `schedule[${i}].from`);
		return {
			// Days relative to the due date: day 1 is the first overdue day. The first period has no start.
			start: i === 0 ? -Infinity : daysBetween(dueDate, p.from),
			ratePerMille: p.ratePerMille,
			rate: scaled(p.ratePerMille, 'ratePerMille'),
			capPercent: p.capPercent,
			cap: p.capPercent === null ? null : scaled(p.capPercent, 'capPercent')
		};
	});
	const current = periods.filter((p, i) => i === 0 || schedule[i].from <= asOf).at(-1)!;
	const { ratePerMille, capPercent } = current;

	const overdueDays = (until: string) => Math.max(0, daysBetween(dueDate, until));

	// Oldest first; a later payment cannot make an earlier one count for more.
	const paid = payments
		.filter((p) => p.date <= asOf)
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

	const byDays = new Map<number, number>();
	const add = (amount: number, days: number) => {
		if (amount > 0 && days > 0) byDays.set(days, (byDays.get(days) ?? 0) + amount);
	};
	let unpaid = principalFen;
	for (const p of paid) {
		const amount = Math.min(p.principalFen, unpaid); // clip: nothing beyond P counts
		unpaid -= amount;
		add(amount, overdueDays(p.date)); // p.date ≤ asOf, so min(d, T) = d
	}
	add(unpaid, overdueDays(asOf));

	const parts = [...byDays.entries()]
		.sort(([a], [b]) => a - b)
		.map(([days, amount]) => ({ principalFen: amount, days }));

	// Per period: Σ part × its overdue days in that period × the period's rate (exact, × 1000 × 10⁴).
	const capOf = (cap: bigint | null) =>
		cap === null ? null : roundHalfUp(BigInt(principalFen) * cap, 100n * SCALE);
	const lines: LateFeeLine[] = [];
	let total = 0n;
	let cum = 0n;
	periods.forEach((p, k) => {
		const end = k + 1 < periods.length ? periods[k + 1].start - 1 : Infinity;
		let accrued = 0n;
		for (const part of parts) {
			const days = Math.max(0, Math.min(part.days, end) - Math.max(1, p.start) + 1);
			if (days === 0) continue;
			accrued += BigInt(part.principalFen) * BigInt(days) * p.rate;
			lines.push({ principalFen: part.principalFen, days, ratePerMille: p.ratePerMille });
		}
		total += accrued;
		const capFen = capOf(p.cap);
		const bound = capFen === null ? null : capFen * 1000n * SCALE;
		cum =
			bound === null
				? cum + accrued
				: cum + accrued < bound
					? cum + accrued
					: cum > bound
						? cum
						: bound;
	});
	const capFen = capOf(current.cap);

	return {
		fen: toSafeNumber(roundHalfUp(cum, 1000n * SCALE)),
		parts,
		lines,
		capped: cum < total,
		ratePerMille,
		uncappedFen: toSafeNumber(roundHalfUp(total, 1000n * SCALE)),
		capPercent,
		capFen: capFen === null ? null : toSafeNumber(capFen)
	};
}

/** The late fee in fen for one bill as of a date (see the rule at the top of this file). */
export function lateFee(input: LateFeeInput): number {
	return lateFeeWorking(input).fen;
}

/**
 * The working as printed on a receipt, one line per part:
 *   逾期26天 × ¥256.80 × 3‰ = ¥20.03
 * Each line shows its own product rounded half up to the fen; the fee itself is rounded once for
 * the bill, so with several parts a 合计 line gives the authoritative total, and a cap adds a line.
 * No overdue principal → empty string (nothing to print).
 */
export function formatLateFeeWorkingZh(working: LateFeeWorking): string {
	// Older stored workings have no lines: their parts were all priced at the one rate.
	const parts =
		working.lines ?? working.parts.map((p) => ({ ...p, ratePerMille: working.ratePerMille }));
	const lines = parts.map((part) => {
		const amount = roundHalfUp(
			BigInt(part.principalFen) * BigInt(part.days) * scaled(part.ratePerMille, 'ratePerMille'),
			1000n * SCALE
		);
		return `逾期${part.days}天 × ${formatYuan(part.principalFen)} × ${part.ratePerMille}‰ = ${formatYuan(Number(amount))}`;
	});
	if (parts.length > 1) lines.push(`合计 ${formatYuan(working.uncappedFen)}`);
	if (working.capped)
		lines.push(`以本金的${working.capPercent}%为上限,计 ${formatYuan(working.fen)}`);
	return lines.join('\n');
}
