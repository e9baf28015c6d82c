/**
 * Billing rules (DOMAIN.md §2), pure: no I/O, exact integer arithmetic, dates as strings.
 *
 * - Monthly amount of a fee item for a unit, by basis:
 *   per_area  rate (fen per m² per month) × area (hundredths of m²) ÷ 100, rounded half up ONCE;
 *   per_space rate × parking spaces (held on the month's first day: `domain/fee-items.ts`);
 *   per_unit  rate;  fixed  rate per charge (one-off items raised at the counter: the monthly run
 *   never bills them).
 * - The rate in force for month M is the one with the latest `fromMonth` ≤ M (a later insert
 *   with the same `fromMonth` wins): a rate change never touches bills already created.
 * - The bill of month M is due on day `dueDay` of M, clamped to the month's last day; `dueDay` and
 *   `vacancyPercent` are the values in force on the first day of M (settings take effect from a
 *   date), and the due date is stored on the bill when it is created, so a later change of the
 *   due day never moves it.
 * - Vacancy (空置, seed 003 二(三)3): a unit not taken over pays `vacancyPercent` % (the value in
 *   force for the bill's month) of the items the reduction applies to (the property fee; never
 *   parking), rounded half up, for every month from the handover notice on — from the notice,
 *   not after a year. After move-in it pays 100 %, also when it becomes vacant again. Months
 *   prepaid at handover (`takenOverFrom`: the move-in case's first fee month) are full rate: the
 *   unit is taken over by then.
 * - Billing starts with the first month that begins on or after the handover notice date; a
 *   unit not handed over without a notice date is not billed at all (fees start at the notice).
 * - A paid amount is allocated over the chosen bills principal first (oldest first), then late
 *   fees (oldest first): DOMAIN "principal of a bill is settled before its late fee", and paying
 *   every principal first stops all accrual as early as possible, which favours the payer.
 */
import { addMonths, daysInMonth, isValidDate, isValidMonth, monthDay } from '../dates';

export type FeeBasis = 'per_area' | 'per_space' | 'per_unit' | 'fixed';
export type UnitOccupancy = 'not_handed_over' | 'vacant_after_move_in' | 'occupied';

/** No single monthly rate above ¥10,000 (per m², space or unit): anything larger is a typo. */
export const MAX_RATE_FEN = 1_000_000;

export interface BillingUnit {
	areaCenti: number;
	parkingSpaces: number;
	occupancy: UnitOccupancy;
	handoverNoticeDate: string | null;
	/** First month the unit counts as taken over although not marked occupied yet (handover prepayment). */
	takenOverFrom?: string | null;
}

export interface BillingItem {
	basis: FeeBasis;
	vacancyApplies: boolean;
}

export interface RateRow {
	fromMonth: string;
	rateFen: number;
	/** Insertion order; with two rates for the same month the later one wins. */
	id?: number;
}

export interface VacancySettings {
	vacancyPercent: number;
}

export interface BillingSettings extends VacancySettings {
	dueDay: number;
}

function checkCount(value: number, what: string): void {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
	}
}

function checkMonth(month: string): void {
	if (!isValidMonth(month)) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(month)}`);
}

/** round(num ÷ den) with halves going up, for num ≥ 0, den > 0. */
function roundHalfUp(num: bigint, den: bigint): bigint {
	return (2n * num + den) / (2n * den);
}

/** a × b ÷ den rounded half up, exactly: plain integers while they are safe, BigInt beyond. */
function mulDivHalfUp(a: number, b: number, den: number): number {
	const product = a * b;
	if (Number.isSafeInteger(product) && Number.isSafeInteger(2 * product + den))
		return Math.floor((2 * product + den) / (2 * den));
	return toNumber(roundHalfUp(BigInt(a) * BigInt(b), BigInt(den)));
}

function toNumber(n: bigint): number {
	if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large');
	return Number(n);
}

/** The full monthly amount in fen of one item for one unit (before any vacancy reduction). */
export function monthlyAmountFen(
	basis: FeeBasis,
	rateFen: number,
	unit: Pick<BillingUnit, 'areaCenti' | 'parkingSpaces'>
): number {
	checkCount(rateFen, 'rateFen');
	switch (basis) {
		case 'per_area':
			checkCount(unit.areaCenti, 'areaCenti');
			// 265 fen/m² × 120.50 m² = 265 × 12050 ÷ 100 = 31 932.5 → 31 933: one rounding, exact.
			return mulDivHalfUp(rateFen, unit.areaCenti, 100);
		case 'per_space':
			checkCount(unit.parkingSpaces, 'parkingSpaces');
			return mulDivHalfUp(rateFen, unit.parkingSpaces, 1);
		case 'per_unit':
		case 'fixed':
			return rateFen;
		default:
			throw new RangeError(`unknown basis ${String(basis)}`);
	}
}

/** `percent` % of an amount, rounded half up to the fen (90 % of 31 933 = 28 739.7 → 28 740). */
export function applyPercent(fullFen: number, percent: number): number {
	checkCount(fullFen, 'fullFen');
	checkCount(percent, 'percent');
	if (percent === 100) return fullFen;
	return mulDivHalfUp(fullFen, percent, 100);
}

/** The rate in force in `month`: latest fromMonth ≤ month (later insert wins a tie), or null. */
export function rateForMonth<R extends RateRow>(rates: readonly R[], month: string): R | null {
	checkMonth(month);
	let best: R | null = null;
	let bestOrder = -Infinity;
	rates.forEach((r, index) => {
		if (!isValidMonth(r.fromMonth))
			throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(r.fromMonth)}`);
		if (r.fromMonth > month) return;
		const order = r.id ?? index;
		if (
			!best ||
			r.fromMonth > best.fromMonth ||
			(r.fromMonth === best.fromMonth && order > bestOrder)
		) {
			best = r;
			bestOrder = order;
		}
	});
	return best;
}

/** Due date of the bill of `month`: day `dueDay`, clamped to the month's last day. */
export function dueDateOf(month: string, dueDay: number): string {
	checkMonth(month);
	return monthDay(month, dueDay);
}

/** `date` plus `n` calendar months, the day clamped to the target month (01-31 + 1 → 02-28). */
export function addMonthsToDate(date: string, n: number): string {
	if (!isValidDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
	const target = addMonths(date.slice(0, 7), n);
	return monthDay(target, Math.min(Number(date.slice(8, 10)), daysInMonth(target)));
}

/** Billing starts at the notice; a unit not handed over without a notice date is not billed. */
function billableFrom(
	unit: Pick<BillingUnit, 'occupancy' | 'handoverNoticeDate'>,
	monthStart: string
): boolean {
	if (!unit.handoverNoticeDate) return unit.occupancy !== 'not_handed_over';
	return monthStart >= unit.handoverNoticeDate;
}

function vacancyAt(
	unit: Pick<BillingUnit, 'occupancy' | 'handoverNoticeDate' | 'takenOverFrom'>,
	item: Pick<BillingItem, 'vacancyApplies'>,
	monthStart: string,
	settings: VacancySettings
): number {
	if (!item.vacancyApplies || unit.occupancy !== 'not_handed_over' || !unit.handoverNoticeDate)
		return 100;
	if (unit.takenOverFrom && monthStart.slice(0, 7) >= unit.takenOverFrom) return 100;
	// Every month billed from the notice on (billableFrom) is a vacancy month: no year's wait.
	return monthStart >= unit.handoverNoticeDate ? settings.vacancyPercent : 100;
}

/** Whether a unit is billed for `month` at all (fees start at the handover notice). */
export function isBillable(
	unit: Pick<BillingUnit, 'occupancy' | 'handoverNoticeDate'>,
	month: string
): boolean {
	checkMonth(month);
	return billableFrom(unit, `${month}-01`);
}

/** The percentage of the full amount a unit pays for an item in `month` (100 or the vacancy rate). */
export function vacancyPercentFor(
	unit: Pick<BillingUnit, 'occupancy' | 'handoverNoticeDate' | 'takenOverFrom'>,
	item: Pick<BillingItem, 'vacancyApplies'>,
	month: string,
	settings: VacancySettings
): number {
	checkMonth(month);
	return vacancyAt(unit, item, `${month}-01`, settings);
}

export interface PlannedBill {
	month: string;
	dueDate: string;
	rateFen: number;
	fullFen: number;
	vacancyPercent: number;
	principalFen: number;
}

/**
 * The bills of one item for `month`, unit by unit: the rate, due date and vacancy threshold are
 * worked out once per month (monthly billing plans 10 000 units with it). Null when the item has no
 * rate in force that month. The returned function gives null when that unit has no bill: not
 * billable yet, or an amount of zero (e.g. no parking space).
 */
export function monthPlanner(
	item: BillingItem,
	rates: readonly RateRow[],
	month: string,
	settings: BillingSettings
): ((unit: BillingUnit) => PlannedBill | null) | null {
	// One-off items are raised at the counter, never by the monthly run.
	if (item.basis === 'fixed') return null;
	const rate = rateForMonth(rates, month);
	if (!rate) return null;
	const dueDate = dueDateOf(month, settings.dueDay);
	const monthStart = `${month}-01`;
	return (unit) => {
		if (!billableFrom(unit, monthStart)) return null;
		const fullFen = monthlyAmountFen(item.basis, rate.rateFen, unit);
		if (fullFen === 0) return null;
		const vacancyPercent = vacancyAt(unit, item, monthStart, settings);
		return {
			month,
			dueDate,
			rateFen: rate.rateFen,
			fullFen,
			vacancyPercent,
			principalFen: applyPercent(fullFen, vacancyPercent)
		};
	};
}

/**
 * The bill one item makes for one unit in `month`, or null when there is none: the unit is not
 * billable yet, the item has no rate in force, or the amount is zero (e.g. no parking space).
 */
export function planBill(
	item: BillingItem,
	rates: readonly RateRow[],
	unit: BillingUnit,
	month: string,
	settings: BillingSettings
): PlannedBill | null {
	return monthPlanner(item, rates, month, settings)?.(unit) ?? null;
}

export interface AllocationTarget {
	billId: number;
	principalDueFen: number;
	/** 0 when the late fee is left unpaid. */
	lateFeeDueFen: number;
}

export interface Allocation {
	billId: number;
	principalFen: number;
	lateFeeFen: number;
}

/**
 * Spreads `amountFen` over `targets` (given oldest first): every principal first, oldest first,
 * then the late fees, oldest first. Throws when the amount is not positive or exceeds what is due.
 * Bills that receive nothing are left out.
 */
export function allocatePayment(
	amountFen: number,
	targets: readonly AllocationTarget[]
): Allocation[] {
	checkCount(amountFen, 'amountFen');
	if (amountFen === 0) throw new RangeError('amount must be above zero');
	let due = 0;
	for (const t of targets) {
		checkCount(t.principalDueFen, 'principalDueFen');
		checkCount(t.lateFeeDueFen, 'lateFeeDueFen');
		due += t.principalDueFen + t.lateFeeDueFen;
	}
	if (amountFen > due) throw new RangeError(`amount ${amountFen} exceeds what is due (${due})`);
	let left = amountFen;
	const out = targets.map((t) => ({ billId: t.billId, principalFen: 0, lateFeeFen: 0 }));
	targets.forEach((t, i) => {
		const take = Math.min(left, t.principalDueFen);
		out[i].principalFen = take;
		left -= take;
	});
	targets.forEach((t, i) => {
		const take = Math.min(left, t.lateFeeDueFen);
		out[i].lateFeeFen = take;
		left -= take;
	});
	return out.filter((a) => a.principalFen > 0 || a.lateFeeFen > 0);
}

/** Runs of consecutive months: ['2026-01','2026-02','2026-04'] → [['2026-01','2026-02'],['2026-04','2026-04']]. */
export function monthRuns(months: readonly string[]): [string, string][] {
	const sorted = [...new Set(months)].sort();
	sorted.forEach(checkMonth);
	const runs: [string, string][] = [];
	for (const m of sorted) {
		const last = runs[runs.length - 1];
		if (last && addMonths(last[1], 1) === m) last[1] = m;
		else runs.push([m, m]);
	}
	return runs;
}

const zhMonth = (m: string) => `${m.slice(0, 4)}年${m.slice(5, 7)}月`;

/**
 * Months as the clerk reads them out: "2026年09月至2026年11月", runs joined by "、"
 * ("2026年01月、2026年03月至2026年04月"); the same year is not repeated after 至 ("2026年09月至11月")
 * only when `short` is set.
 */
export function formatMonthsZh(months: readonly string[], short = false): string {
	return monthRuns(months)
		.map(([a, b]) => {
			if (a === b) return zhMonth(a);
			const end = short && a.slice(0, 4) === b.slice(0, 4) ? `${b.slice(5, 7)}月` : zhMonth(b);
			return `${zhMonth(a)}至${end}`;
		})
		.join('、');
}

/** The English counterpart: "2026-09 to 2026-11, 2027-01". */
export function formatMonthsEn(months: readonly string[]): string {
	return monthRuns(months)
		.map(([a, b]) => (a === b ? a : `${a} to ${b}`))
		.join(', ');
}

// ---------------------------------------------------------------- 空置减免 (vacancy credits)

export interface CreditUnit {
	occupancy: UnitOccupancy;
	handoverNoticeDate: string | null;
	/** First month of the unit's move-in case (taken over from then on), or null. */
	takenOverFrom?: string | null;
}

export interface CreditBill {
	billId: number;
	month: string;
	vacancyApplies: boolean;
	fullFen: number;
	principalFen: number;
	/** The percentage the bill was issued at. */
	vacancyPercent: number;
}

/**
 * Whether `month` was a month in which the unit was not taken over, counted from the handover
 * notice: before the move-in case's first month if there is one, else while the unit is still not
 * handed over (a unit occupied without a case on record is taken to have been taken over).
 */
export function wasVacancyMonth(unit: CreditUnit, month: string): boolean {
	checkMonth(month);
	if (!unit.handoverNoticeDate || `${month}-01` < unit.handoverNoticeDate) return false;
	if (unit.takenOverFrom) return month < unit.takenOverFrom;
	return unit.occupancy === 'not_handed_over';
}

/**
 * 空置减免 still owed to a unit: for each bill issued at 100 % of an item the reduction applies to,
 * for a month in which the unit was not taken over, the difference to the vacancy percentage in
 * force for that month (`percentFor`), less what was already credited for it. Bills are never
 * edited; each result becomes a credit row.
 */
export function vacancyCreditsOwed(
	unit: CreditUnit,
	bills: readonly CreditBill[],
	percentFor: (month: string) => number,
	credited: ReadonlyMap<number, number>
): { sourceBillId: number; amountFen: number; vacancyPercent: number }[] {
	const out: { sourceBillId: number; amountFen: number; vacancyPercent: number }[] = [];
	for (const b of bills) {
		if (!b.vacancyApplies || b.vacancyPercent !== 100 || !wasVacancyMonth(unit, b.month)) continue;
		const percent = percentFor(b.month);
		const owed = b.principalFen - applyPercent(b.fullFen, percent) - (credited.get(b.billId) ?? 0);
		if (owed > 0) out.push({ sourceBillId: b.billId, amountFen: owed, vacancyPercent: percent });
	}
	return out;
}

/**
 * Where each credit goes: first its own bill's unpaid principal, then the unit's other unpaid
 * principal, oldest first (`targets` oldest first). What finds no unpaid principal yet is left for
 * a later run (when the next bill is issued). Returns the rows to insert.
 */
export function allocateCredits(
	credits: readonly { sourceBillId: number; amountFen: number; vacancyPercent: number }[],
	targets: readonly { billId: number; principalDueFen: number }[]
): { sourceBillId: number; billId: number; amountFen: number; vacancyPercent: number }[] {
	const left = new Map(targets.map((t) => [t.billId, t.principalDueFen]));
	const rows: {
		sourceBillId: number;
		billId: number;
		amountFen: number;
		vacancyPercent: number;
	}[] = [];
	for (const c of credits) {
		let amount = c.amountFen;
		const order = [
			c.sourceBillId,
			...targets.map((t) => t.billId).filter((id) => id !== c.sourceBillId)
		];
		for (const billId of order) {
			const room = left.get(billId) ?? 0;
			if (amount === 0) break;
			if (room <= 0) continue;
			const take = Math.min(room, amount);
			left.set(billId, room - take);
			amount -= take;
			rows.push({
				sourceBillId: c.sourceBillId,
				billId,
				amountFen: take,
				vacancyPercent: c.vacancyPercent
			});
		}
	}
	return rows;
}
