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
};

export type LateFeePart = { principalFen: number; days: number };

export type LateFeeWorking = {
	/** The late fee owed, in fen, after the cap. */
	fen: number;
	/** The principal that accrued, grouped by days overdue (ascending); parts of 0 days are left out. */
	parts: LateFeePart[];
	/** True when the cap cut the fee. */
	capped: boolean;
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
	const ratePerMille = input.ratePerMille ?? DEFAULT_RATE_PER_MILLE;
	const capPercent = input.capPercent === undefined ? DEFAULT_CAP_PERCENT : input.capPercent;

	checkFen(principalFen, 'principalFen');
	checkDate(dueDate, 'dueDate');
	checkDate(asOf, 'asOf');
	if (!Array.isArray(payments)) fail('payments must be an array');
	payments.forEach((p, i) => {
		checkDate(p?.date, `payments[${i}].date`);
		checkFen(p.principalFen, `payments[${i}].principalFen`);
	});
	const rate = scaled(ratePerMille, 'ratePerMille');
	const cap = capPercent === null ? null : scaled(capPercent, 'capPercent');

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

	let fenDays = 0n;
	for (const part of parts) fenDays += BigInt(part.principalFen) * BigInt(part.days);
	const uncapped = roundHalfUp(fenDays * rate, 1000n * SCALE);
	const capFen = cap === null ? null : roundHalfUp(BigInt(principalFen) * cap, 100n * SCALE);
	const capped = capFen !== null && uncapped > capFen;

	return {
		fen: toSafeNumber(capped ? capFen : uncapped),
		parts,
		capped,
		ratePerMille,
		uncappedFen: toSafeNumber(uncapped),
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
	const rate = scaled(working.ratePerMille, 'ratePerMille');
	const lines = working.parts.map((part) => {
		const amount = roundHalfUp(BigInt(part.principalFen) * BigInt(part.days) * rate, 1000n * SCALE);
		return `逾期${part.days}天 × ${formatYuan(part.principalFen)} × ${working.ratePerMille}‰ = ${formatYuan(Number(amount))}`;
	});
	if (working.parts.length > 1) lines.push(`合计 ${formatYuan(working.uncappedFen)}`);
	if (working.capped) lines.push(`以本金的${working.capPercent}%为上限,计 ${formatYuan(working.fen)}`);
	return lines.join('\n');
}
