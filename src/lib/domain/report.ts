/**
 * The daily report (日报) and shift handover (交接班), DOMAIN.md §9: the pure part. The server
 * aggregates in SQL (GROUP BY on indexed columns) and hands these functions plain rows; a row may
 * stand for one receipt (count 1) or for a group (count n), so the same code serves the unit tests
 * on hand-made receipts and the report on the 10,000-unit community.
 *
 * Definitions (also shown on the report screen):
 * - Period: calendar dates from…to (inclusive) in the community's time zone. Figures are "as of
 *   the end of the period" (or now, for today): a later void or refund never changes a past day.
 * - Collections (收款): receipts dated in the period, MINUS receipts voided in the period. A void
 *   counts on its own date, as a negative, under the voided receipt's fee items, method and
 *   cashier (the receipt printed that cashier's name). So a day's net collections are
 *   Σ receipts of the day − Σ receipts voided that day, whatever day they were issued, and
 *   by item = by method = by cashier = that figure (`reconcileCollections`).
 * - Deposits (押金): held at the end of a day = held at the end of the day before + taken − voided
 *   − refunded − deducted (`depositRoll`); a voided deposit receipt leaves on the void's date.
 * - Late fees (滞纳金):
 *     collected (实收) = late-fee lines of receipts in the period − those voided in the period;
 *     waived (减免)    = waiver entries dated in the period;
 *     charged (计收)   = the late fee fixed on the bills whose principal was settled in the period
 *                       (a late fee stops growing once the principal is paid, DOMAIN.md §2), as of
 *                       the period end, split as collected + waived + still owed on those bills
 *                       (`lateFeesCharged`); charged = collected + waived + owed, exactly.
 * - Shift (交接班): expected cash = float + cash receipts of the cashier during the shift − those
 *   of the cashier's cash receipts voided during the shift − cash refunds paid by the cashier
 *   during the shift; difference = counted − expected (negative = short, 短款).
 */
import {
	addDays,
	addMonths,
	daysBetween,
	isValidDate,
	isValidMonth,
	lastDayOfMonth
} from '../dates';
import { advanceRoll, type AdvancePosting, type AdvanceRoll } from './advance';
import { lateFeeWorking, type LateFeePayment, type LateFeePeriod } from './late-fee';

// ---------------------------------------------------------------- period

/** Longest period one report covers (inclusive days): a year, leap day included. */
export const REPORT_MAX_DAYS = 366;
/** Days shown in the "collections by day" chart. */
export const CHART_DAYS = 30;

export type PeriodError = 'malformed' | 'malformed_month' | 'reversed' | 'future' | 'too_long';
export type Period = { from: string; to: string; days: number };
export type PeriodResult = ({ ok: true } & Period) | { ok: false; error: PeriodError };

/**
 * The period asked for by `?month=YYYY-MM`, `?date=` or `?from=&to=` (either end alone means that
 * one day); none means today. A month runs from its first day to its last, or to today for the
 * month in progress (a 月报 so far). Refuses malformed dates or months, from after to, anything
 * after today and more than REPORT_MAX_DAYS days.
 */
export function parsePeriod(
	q: { month?: string | null; date?: string | null; from?: string | null; to?: string | null },
	today: string
): PeriodResult {
	const clean = (s: string | null | undefined) => (s ?? '').trim();
	const month = clean(q.month);
	const date = clean(q.date);
	let from = clean(q.from);
	let to = clean(q.to);
	if (month) {
		if (!isValidMonth(month)) return { ok: false, error: 'malformed_month' };
		from = `${month}-01`;
		const last = lastDayOfMonth(month);
		// The month in progress runs to today; a later month stays refused as future below.
		to = from <= today && last > today ? today : last;
	} else if (date) from = to = date;
	else if (!from && !to) from = to = today;
	else if (!from) from = to;
	else if (!to) to = from;
	if (!isValidDate(from) || !isValidDate(to)) return { ok: false, error: 'malformed' };
	if (from > to) return { ok: false, error: 'reversed' };
	if (to > today) return { ok: false, error: 'future' };
	const days = daysBetween(from, to) + 1;
	if (days > REPORT_MAX_DAYS) return { ok: false, error: 'too_long' };
	return { ok: true, from, to, days };
}

/**
 * What a period is called: one day (日报), a whole calendar month (月报), or any other range
 * (期间报表). The month in progress, from its first day to `today`, is its 月报 so far.
 */
export type ReportKind = 'day' | 'month' | 'period';

export function reportKind(from: string, to: string, today?: string): ReportKind {
	if (from === to) return 'day';
	if (today !== undefined && from === `${today.slice(0, 7)}-01` && to === today) return 'month';
	// A whole month: from its first day to its last (the day after `to` starts the next month).
	if (from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && addDays(to, 1).endsWith('-01'))
		return 'month';
	return 'period';
}

/** Every date from…to inclusive. */
export function datesOf(from: string, to: string): string[] {
	const n = daysBetween(from, to);
	return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

// ---------------------------------------------------------------- collections

/** An amount and a count under a key (one receipt line, or a GROUP BY row). */
export interface SumRow {
	key: string;
	fen: number;
	count: number;
}

/** What came in under a key, what went back out by voids in the period, and the net. */
export interface NetLine {
	key: string;
	receivedFen: number;
	receivedCount: number;
	voidedFen: number;
	voidedCount: number;
	netFen: number;
}

/**
 * Merges received and voided rows by key (rows with the same key add up). Keys in `order` come
 * first in that order, the rest sorted; a key with nothing received and nothing voided is left out.
 */
export function netBy(
	received: readonly SumRow[],
	voided: readonly SumRow[],
	order: readonly string[] = []
): NetLine[] {
	const out = new Map<string, NetLine>();
	const get = (key: string) => {
		let line = out.get(key);
		if (!line)
			out.set(
				key,
				(line = { key, receivedFen: 0, receivedCount: 0, voidedFen: 0, voidedCount: 0, netFen: 0 })
			);
		return line;
	};
	for (const r of received) {
		const l = get(r.key);
		l.receivedFen += r.fen;
		l.receivedCount += r.count;
	}
	for (const v of voided) {
		const l = get(v.key);
		l.voidedFen += v.fen;
		l.voidedCount += v.count;
	}
	const rank = (k: string) => {
		const i = order.indexOf(k);
		return i < 0 ? order.length : i;
	};
	return [...out.values()]
		.map((l) => ({ ...l, netFen: l.receivedFen - l.voidedFen }))
		.filter(
			(l) => l.receivedCount > 0 || l.voidedCount > 0 || l.receivedFen !== 0 || l.voidedFen !== 0
		)
		.sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The 合计 of net lines (of methods, of days…): counts and amounts add up. */
export function totalOf(lines: readonly Omit<NetLine, 'key'>[]): Omit<NetLine, 'key'> {
	const t = { receivedFen: 0, receivedCount: 0, voidedFen: 0, voidedCount: 0, netFen: 0 };
	for (const l of lines) {
		t.receivedFen += l.receivedFen;
		t.receivedCount += l.receivedCount;
		t.voidedFen += l.voidedFen;
		t.voidedCount += l.voidedCount;
		t.netFen += l.netFen;
	}
	return t;
}

export interface Reconciliation {
	/** Σ receipts dated in the period. */
	receiptsFen: number;
	/** Σ receipts voided in the period (whenever they were issued). */
	voidsFen: number;
	/** receipts − voids. */
	netFen: number;
	byItemFen: number;
	byMethodFen: number;
	byCashierFen: number;
	ok: boolean;
}

/** Sum by item = sum by method = sum by cashier = receipts − voids; `ok` says whether it holds. */
export function reconcileCollections(p: {
	receiptsFen: number;
	voidsFen: number;
	byItem: readonly NetLine[];
	byMethod: readonly NetLine[];
	byCashier: readonly NetLine[];
}): Reconciliation {
	const netFen = p.receiptsFen - p.voidsFen;
	const byItemFen = totalOf(p.byItem).netFen;
	const byMethodFen = totalOf(p.byMethod).netFen;
	const byCashierFen = totalOf(p.byCashier).netFen;
	return {
		receiptsFen: p.receiptsFen,
		voidsFen: p.voidsFen,
		netFen,
		byItemFen,
		byMethodFen,
		byCashierFen,
		ok: byItemFen === netFen && byMethodFen === netFen && byCashierFen === netFen
	};
}

/** Net collections per date (receipts of the date − voids of the date), every date of the range. */
export function dailySeries(
	from: string,
	to: string,
	received: readonly SumRow[],
	voided: readonly SumRow[]
): { date: string; fen: number }[] {
	const net = new Map<string, number>();
	for (const r of received) net.set(r.key, (net.get(r.key) ?? 0) + r.fen);
	for (const v of voided) net.set(v.key, (net.get(v.key) ?? 0) - v.fen);
	return datesOf(from, to).map((date) => ({ date, fen: net.get(date) ?? 0 }));
}

// ---------------------------------------------------------------- deposits

export interface DepositMove {
	itemCode: string;
	takenFen: number;
	voidedFen: number;
	refundedFen: number;
	deductedFen: number;
}

export interface DepositLine extends DepositMove {
	heldBeforeFen: number;
	heldAfterFen: number;
	/** heldBefore + taken − voided − refunded − deducted = heldAfter. */
	ok: boolean;
}

/**
 * The deposit roll of a period per item: held at the end of the day before, the movements, held
 * at the end. Items are the union of the three inputs; `ok` checks the roll per item.
 */
export function depositRoll(
	heldBefore: readonly { itemCode: string; heldFen: number }[],
	moves: readonly DepositMove[],
	heldAfter: readonly { itemCode: string; heldFen: number }[]
): { lines: DepositLine[]; total: DepositLine; ok: boolean } {
	const codes: string[] = [];
	for (const c of [
		...heldBefore.map((h) => h.itemCode),
		...moves.map((m) => m.itemCode),
		...heldAfter.map((h) => h.itemCode)
	])
		if (!codes.includes(c)) codes.push(c);
	const sum = <T>(
		list: readonly T[],
		code: string,
		pick: (t: T) => number,
		codeOf: (t: T) => string
	) => list.filter((t) => codeOf(t) === code).reduce((s, t) => s + pick(t), 0);
	const lines = codes.map((itemCode): DepositLine => {
		const before = sum(
			heldBefore,
			itemCode,
			(h) => h.heldFen,
			(h) => h.itemCode
		);
		const after = sum(
			heldAfter,
			itemCode,
			(h) => h.heldFen,
			(h) => h.itemCode
		);
		const move = (k: keyof Omit<DepositMove, 'itemCode'>) =>
			sum(
				moves,
				itemCode,
				(m) => m[k],
				(m) => m.itemCode
			);
		const line = {
			itemCode,
			heldBeforeFen: before,
			takenFen: move('takenFen'),
			voidedFen: move('voidedFen'),
			refundedFen: move('refundedFen'),
			deductedFen: move('deductedFen'),
			heldAfterFen: after
		};
		return {
			...line,
			ok: before + line.takenFen - line.voidedFen - line.refundedFen - line.deductedFen === after
		};
	});
	const t = (k: keyof Omit<DepositLine, 'itemCode' | 'ok'>) => lines.reduce((s, l) => s + l[k], 0);
	const total = {
		itemCode: '',
		heldBeforeFen: t('heldBeforeFen'),
		takenFen: t('takenFen'),
		voidedFen: t('voidedFen'),
		refundedFen: t('refundedFen'),
		deductedFen: t('deductedFen'),
		heldAfterFen: t('heldAfterFen'),
		ok: lines.every((l) => l.ok)
	};
	return { lines, total, ok: total.ok };
}

/**
 * Income of the period (收入): net collections hold deposits, which are money held for the payer,
 * not income; a deduction kept from a deposit becomes income on the day it is kept
 * (保证金扣款收入). income = net collections − deposits net (taken − voided) + deducted.
 */
export function periodIncome(
	netCollectionsFen: number,
	deposits: Pick<DepositLine, 'takenFen' | 'voidedFen' | 'deductedFen'>
): { depositsNetFen: number; deductionIncomeFen: number; incomeFen: number } {
	const depositsNetFen = deposits.takenFen - deposits.voidedFen;
	return {
		depositsNetFen,
		deductionIncomeFen: deposits.deductedFen,
		incomeFen: netCollectionsFen - depositsNetFen + deposits.deductedFen
	};
}

// ---------------------------------------------------------------- late fees

export interface BillLedger {
	billId: number;
	principalFen: number;
	dueDate: string;
	/** Principal paid on the bill (receipts not voided by the period end), by date. */
	principalPayments: readonly LateFeePayment[];
	/** Late fee paid on the bill by the period end (receipts not voided by then). */
	lateFeePaidFen: number;
	/** Late fee waived on the bill by the period end. */
	lateFeeWaivedFen: number;
}

/** The date the principal became fully paid (cumulative payments reached it), or null. */
export function settledOn(
	bill: Pick<BillLedger, 'principalFen' | 'principalPayments'>
): string | null {
	const sorted = [...bill.principalPayments].sort((a, b) =>
		a.date < b.date ? -1 : a.date > b.date ? 1 : 0
	);
	let paid = 0;
	for (const p of sorted) {
		paid += p.principalFen;
		if (paid >= bill.principalFen) return p.date;
	}
	return null;
}

export interface LateFeesCharged {
	/** Bills given that were settled in the period (the report gives those settled late). */
	bills: number;
	/** Of those, bills that carried a late fee. */
	billsWithFee: number;
	chargedFen: number;
	collectedFen: number;
	waivedFen: number;
	owedFen: number;
}

/**
 * Late fees charged in the period: for every bill whose principal was settled from…to, its late
 * fee (fixed from then on) as of `to`, split into what was collected, waived and is still owed on
 * it. Bills settled outside the period are ignored (the caller may pass any candidates).
 */
export function lateFeesCharged(
	bills: readonly BillLedger[],
	from: string,
	to: string,
	rule: { ratePerMille: number; capPercent: number | null; schedule?: readonly LateFeePeriod[] }
): LateFeesCharged {
	const out: LateFeesCharged = {
		bills: 0,
		billsWithFee: 0,
		chargedFen: 0,
		collectedFen: 0,
		waivedFen: 0,
		owedFen: 0
	};
	for (const b of bills) {
		const on = settledOn(b);
		if (on === null || on < from || on > to) continue;
		const fee = lateFeeWorking({
			principalFen: b.principalFen,
			dueDate: b.dueDate,
			asOf: to,
			payments: b.principalPayments,
			ratePerMille: rule.ratePerMille,
			capPercent: rule.capPercent,
			schedule: rule.schedule
		}).fen;
		// Clipped so the three parts add up to the fee exactly, whatever the ledger holds.
		const collected = Math.min(Math.max(0, b.lateFeePaidFen), fee);
		const waived = Math.min(Math.max(0, b.lateFeeWaivedFen), fee - collected);
		out.bills++;
		if (fee > 0) out.billsWithFee++;
		out.chargedFen += fee;
		out.collectedFen += collected;
		out.waivedFen += waived;
		out.owedFen += fee - collected - waived;
	}
	return out;
}

// ---------------------------------------------------------------- tickets

export interface LimitBreaches<L extends string = string> {
	limit: L;
	/** Limits that fell due in the period and were not met in time (met late or not at all). */
	brokenInPeriod: number;
	/** Limits past due and still not met at the end of the period. */
	overdueAtEnd: number;
}

/**
 * Per time limit: how many were broken in [startMs, asOfMs] and how many stand overdue at
 * asOfMs. `deadlines` are judged as of asOfMs (events after it not yet known).
 */
export function limitBreaches<L extends string>(
	deadlines: readonly { limit: L; dueAt: number; metAt: number | null }[],
	startMs: number,
	asOfMs: number,
	limits: readonly L[]
): LimitBreaches<L>[] {
	const out = new Map<L, LimitBreaches<L>>(
		limits.map((l) => [l, { limit: l, brokenInPeriod: 0, overdueAtEnd: 0 }])
	);
	for (const d of deadlines) {
		let row = out.get(d.limit);
		if (!row) out.set(d.limit, (row = { limit: d.limit, brokenInPeriod: 0, overdueAtEnd: 0 }));
		const met = d.metAt !== null && d.metAt <= asOfMs ? d.metAt : null;
		const broken = d.dueAt < asOfMs && (met === null || met > d.dueAt);
		if (broken && d.dueAt >= startMs) row.brokenInPeriod++;
		if (met === null && d.dueAt < asOfMs) row.overdueAtEnd++;
	}
	return [...out.values()];
}

export const AGE_BUCKETS = ['d0_1', 'd1_3', 'd3_7', 'd7_30', 'd30'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
const AGE_LIMITS_DAYS = [1, 3, 7, 30];

/** Open tickets by age (time since received) at `now`: <1 d, 1–3 d, 3–7 d, 7–30 d, ≥30 d. */
export function ageBuckets(
	receivedAt: readonly number[],
	now: number
): { bucket: AgeBucket; count: number }[] {
	const counts = AGE_BUCKETS.map((bucket) => ({ bucket, count: 0 }));
	for (const at of receivedAt) {
		const days = Math.max(0, now - at) / 86_400_000;
		const i = AGE_LIMITS_DAYS.findIndex((limit) => days < limit);
		counts[i < 0 ? AGE_BUCKETS.length - 1 : i].count++;
	}
	return counts;
}

// ---------------------------------------------------------------- shift

export interface ShiftCash {
	openingFloatFen: number;
	cashReceivedFen: number;
	cashVoidedFen: number;
	cashRefundedFen: number;
}

/** What the drawer should hold: float + cash received − cash voided − cash refunded. */
export function expectedCash(s: ShiftCash): number {
	return s.openingFloatFen + s.cashReceivedFen - s.cashVoidedFen - s.cashRefundedFen;
}

/** counted − expected: negative = short (短款), positive = over (长款). */
export function cashDifference(countedFen: number, expectedFen: number): number {
	return countedFen - expectedFen;
}

// ---------------------------------------------------------------- charts

/** A round upper bound for a chart axis (1, 2, 2.5, 5 × 10ⁿ) ≥ max; 1 when max ≤ 0. */
export function niceMax(max: number): number {
	if (!(max > 0)) return 1;
	const exp = 10 ** Math.floor(Math.log10(max));
	for (const f of [1, 2, 2.5, 5, 10]) if (f * exp >= max) return f * exp;
	return 10 * exp;
}

// ---------------------------------------------------------------- month report

/** Receipts (or voids) of one date and method: a GROUP BY row. */
export interface DayMethodRow {
	date: string;
	method: string;
	fen: number;
	count: number;
}

/** One day of the month report's table: receipts, voids (on their own date), net, net by method. */
export interface DayLine {
	date: string;
	receivedCount: number;
	receivedFen: number;
	voidedCount: number;
	voidedFen: number;
	netFen: number;
	/** Net (received − voided) per method; methods with nothing that day are absent. */
	byMethod: Record<string, number>;
}

/**
 * Every date of from…to with its receipts and voids, the same figures as that day's daily report
 * (collections: receipts dated that day − receipts voided that day, whenever issued).
 */
export function dayLines(
	from: string,
	to: string,
	received: readonly DayMethodRow[],
	voided: readonly DayMethodRow[]
): DayLine[] {
	const lines = new Map<string, DayLine>(
		datesOf(from, to).map((date) => [
			date,
			{
				date,
				receivedCount: 0,
				receivedFen: 0,
				voidedCount: 0,
				voidedFen: 0,
				netFen: 0,
				byMethod: {}
			}
		])
	);
	for (const [rows, sign] of [
		[received, 1],
		[voided, -1]
	] as const)
		for (const r of rows) {
			const l = lines.get(r.date);
			if (!l) continue;
			if (sign > 0) {
				l.receivedCount += r.count;
				l.receivedFen += r.fen;
			} else {
				l.voidedCount += r.count;
				l.voidedFen += r.fen;
			}
			l.netFen += sign * r.fen;
			l.byMethod[r.method] = (l.byMethod[r.method] ?? 0) + sign * r.fen;
		}
	return [...lines.values()];
}

/** The 合计 of day lines (counts and amounts add up; a receipt is counted on one day only). */
export function sumDayLines(lines: readonly DayLine[]): Omit<DayLine, 'date'> {
	const byMethod: Record<string, number> = {};
	for (const l of lines)
		for (const [k, v] of Object.entries(l.byMethod)) byMethod[k] = (byMethod[k] ?? 0) + v;
	return { ...totalOf(lines), byMethod };
}

/**
 * The 预收 roll of each month fromMonth…toMonth (domain/advance.ts `advanceRoll`, one month at a
 * time) and of the whole range: opening of the first month, received and released summed, closing
 * of the last (each month opens with what the one before closed).
 */
export function advanceRolls(
	postings: readonly AdvancePosting[],
	fromMonth: string,
	toMonth: string
): { months: (AdvanceRoll & { month: string })[]; total: AdvanceRoll } {
	const months: (AdvanceRoll & { month: string })[] = [];
	for (let m = fromMonth; m <= toMonth; m = addMonths(m, 1))
		months.push({ month: m, ...advanceRoll(postings, m) });
	const total: AdvanceRoll = {
		openingFen: months[0]?.openingFen ?? 0,
		receivedFen: months.reduce((s, m) => s + m.receivedFen, 0),
		releasedFen: months.reduce((s, m) => s + m.releasedFen, 0),
		closingFen: months.at(-1)?.closingFen ?? 0
	};
	return { months, total };
}
