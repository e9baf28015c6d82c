import { rawQuery } from '../db/stmt';
import { tieInForceSql } from '../records/ties';
import type { OwnerType } from '../db/schema';
import type { ReminderKind, ReminderOutcome } from '../../domain/arrears';

/*
 * The arrears register's and the collection rate's reads (issue 19): range reads and GROUP BYs over
 * the indexes of migrations 0024/0025, each statement with its row type. Portable SQL except:
 * - `IN (SELECT value FROM json_each(?))` takes a list of bill ids as one JSON parameter
 *   (PostgreSQL: `= ANY(?)` with an array).
 * - `MAX(0, x)` is SQLite's two-argument max (PostgreSQL: `GREATEST(0, x)`).
 * - `pp.bill_month || '-31'` compares dates as text (PostgreSQL: the same on text columns).
 * The candidates are read with `values()` (arrays, not objects): 82 000 rows on the benchmark.
 */

/** [billId, unitId, touched, feeItemId, month, dueDate, principalFen], in column order. */
export type CandidateRow = [number, number, number, number, string, string, number];

/** One contiguous range of open_bills (clustered by due date, with the bill's columns copied in). */
export const candidates = rawQuery<CandidateRow, [communityId: number, asOf: string]>(
	`SELECT bill_id AS billId, unit_id AS unitId, touched, fee_item_id AS feeItemId, month,
	due_date AS dueDate, principal_fen AS principalFen FROM open_bills WHERE community_id = ? AND due_date < ?`
);

/**
 * The same range for a reader that needs only totals (the dashboard), one row per due date with its
 * bills packed as text (`eachPackedBill`): `unitId,principalFen` for a bill nothing was ever paid,
 * credited or waived on (nearly all of them: their late fee depends only on principal and due date),
 * `unitId,principalFen,billId` for the others, whose ledger rows are read by id. A row per bill is
 * what made the range slow: PostgreSQL's driver parses each (≈ 2 µs a row: 1.5 s for the 826 000
 * open bills of the bench's company), and an object per bill in JavaScript cost as much again.
 */
export const openBillsPacked = rawQuery<
	[dueDate: string, packed: string],
	[communityId: number, asOf: string]
>(
	`SELECT due_date, group_concat(bill, ';') FROM (
		SELECT due_date, CASE WHEN touched = 0 THEN unit_id || ',' || principal_fen
			ELSE unit_id || ',' || principal_fen || ',' || bill_id END AS bill
		FROM open_bills WHERE community_id = ? AND due_date < ?) AS o GROUP BY due_date`
);

/**
 * Calls `bill` for each bill of one `openBillsPacked` row, read digit by digit (no string or array
 * per bill); `billId` is 0 for an untouched bill (ids start at 1).
 */
export function eachPackedBill(
	packed: string,
	bill: (unitId: number, principalFen: number, billId: number) => void
): void {
	if (packed.length === 0) return;
	const field = [0, 0, 0];
	let k = 0;
	let n = 0;
	let sign = 1;
	for (let i = 0; i <= packed.length; i++) {
		// Past the end reads as the `;` that ends the last bill.
		const ch = i < packed.length ? packed.charCodeAt(i) : 59;
		if (ch === 44 /* , */ || ch === 59 /* ; */) {
			field[k++] = sign * n;
			n = 0;
			sign = 1;
			if (ch === 59) {
				bill(field[0], field[1], k === 3 ? field[2] : 0);
				k = 0;
			}
		} else if (ch === 45 /* - */) sign = -1;
		else n = n * 10 + ch - 48;
	}
}

/**
 * The open bills, never touched, of the items that charge no late fee (few: read through the partial
 * index of migration 0025): `openBillsPacked` cannot tell them apart.
 */
export const untouchedWithoutLateFee = rawQuery<
	[dueDate: string, principalFen: number],
	[communityId: number, asOf: string]
>(
	`SELECT o.due_date, o.principal_fen FROM bills b JOIN open_bills o ON o.bill_id = b.id
	WHERE b.community_id = ? AND b.late_fee_applies = 0 AND o.touched = 0 AND o.due_date < ?`
);

/** The ids of the community's units, comma-separated in one row (as `openBillsPacked`). */
export const unitIdsOf = rawQuery<[unitIds: string | null], [communityId: number]>(
	`SELECT group_concat(id) FROM units WHERE community_id = ?`
);

/** Bills settled (or changed) after a past as-of date: they may have owed on that day. */
export const laterCandidates = rawQuery<
	CandidateRow,
	[number, string, number, string, number, string, string]
>(
	`SELECT b.id AS billId, b.unit_id AS unitId, 1 AS touched, b.fee_item_id AS feeItemId, b.month, b.due_date AS dueDate,
	b.principal_fen AS principalFen FROM bills b WHERE b.id IN (
		SELECT pp.bill_id FROM principal_postings pp WHERE pp.community_id = ? AND pp.posted_date > ?
		UNION SELECT pl.bill_id FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id
			WHERE p.community_id = ? AND p.local_date > ? AND pl.kind = 'late_fee'
		UNION SELECT w.bill_id FROM waiver_entries w JOIN bills wb ON wb.id = w.bill_id WHERE wb.community_id = ? AND w.local_date > ?
	) AND b.due_date < ?`
);

/**
 * Bills whose item charges no late fee (a one-off charge, an item so configured): few, and read
 * through a partial index (migration 0025) rather than by widening the candidates' range read.
 */
export const noLateFeeBills = rawQuery<[number], [communityId: number]>(
	`SELECT id FROM bills WHERE community_id = ? AND late_fee_applies = 0`
);

/** A ledger row whose payment is not voided (a probe of the voids' unique index; true for credits). */
const notVoided = (alias: string) =>
	`NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = ${alias}.payment_id)`;
type BillsAsOf = [billIdsJson: string, asOf: string];
/** A ledger row not voided by the date of the last parameter (register.ts `arrearsBills`). */
const notVoidedBy = (alias: string) =>
	`NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = ${alias}.payment_id AND v.local_date <= ?)`;
type BillsAsOfVoids = [billIdsJson: string, asOf: string, voidsUntil: string];

export interface PostingDayRow {
	billId: number;
	date: string;
	fen: number;
}
/** Principal paid or credited per bill and day, up to the date (less the payments voided by `voidsUntil`). */
export const postingsByDay = rawQuery<PostingDayRow, BillsAsOfVoids>(
	`SELECT pp.bill_id AS billId, pp.posted_date AS date, SUM(pp.amount_fen) AS fen FROM principal_postings pp
	WHERE pp.bill_id IN (SELECT value FROM json_each(?)) AND pp.posted_date <= ?
	AND ${notVoidedBy('pp')} GROUP BY pp.bill_id, pp.posted_date`
);

export interface BillSumRow {
	billId: number;
	fen: number;
}
/** Late fee paid per bill up to the date (less the payments voided by `voidsUntil`). */
export const lateFeePaid = rawQuery<BillSumRow, BillsAsOfVoids>(
	`SELECT pl.bill_id AS billId, SUM(pl.amount_fen) AS fen FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	WHERE pl.bill_id IN (SELECT value FROM json_each(?)) AND pl.kind = 'late_fee' AND p.local_date <= ?
	AND ${notVoidedBy('pl')} GROUP BY pl.bill_id`
);
/** Late fee waived per bill up to the date. */
export const lateFeeWaived = rawQuery<BillSumRow, BillsAsOf>(
	`SELECT w.bill_id AS billId, SUM(w.amount_fen) AS fen FROM waiver_entries w
	WHERE w.bill_id IN (SELECT value FROM json_each(?)) AND w.local_date <= ? GROUP BY w.bill_id`
);

export interface OwnerRow {
	unitId: number;
	name: string;
	phone: string;
	ownerType: OwnerType;
}
/** The owners in force on a date of every unit of the community (one range read). */
export const ownersAsOf = rawQuery<OwnerRow, [communityId: number, from: string, to: string]>(
	`SELECT uo.unit_id AS unitId, o.name, o.phone, o.owner_type AS ownerType FROM units u
	JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id
	WHERE u.community_id = ? AND uo.role = 'owner' AND ${tieInForceSql()} ORDER BY uo.id`
);

export interface LastReminderRow {
	unitId: number;
	kind: ReminderKind;
	outcome: ReminderOutcome;
	date: string;
	promisedDate: string | null;
}
/** Each unit's latest reminder up to the date. */
export const lastReminders = rawQuery<LastReminderRow, [communityId: number, asOf: string]>(
	`SELECT r.unit_id AS unitId, r.kind, r.outcome, r.local_date AS date, r.promised_date AS promisedDate
	FROM arrears_reminders r WHERE r.id IN (SELECT MAX(id) FROM arrears_reminders WHERE community_id = ? AND local_date <= ? GROUP BY unit_id)`
);

export interface PromiseRow {
	unitId: number;
	promisedDate: string;
}
/** Each unit's latest promise to pay up to the date. */
export const lastPromises = rawQuery<PromiseRow, [communityId: number, asOf: string]>(
	`SELECT r.unit_id AS unitId, r.promised_date AS promisedDate FROM arrears_reminders r
	WHERE r.id IN (SELECT MAX(id) FROM arrears_reminders WHERE community_id = ? AND local_date <= ? AND promised_date IS NOT NULL GROUP BY unit_id)`
);

/* The collection rate. */

/** Sums per unit and fee item (and posting kind, where the statement has it). */
export interface UnitItemSumRow {
	unitId: number;
	itemId: number;
	kind?: string;
	fen: number;
}

/** 当期应收 in total (`currentCollection`): no per-unit groups to sort. */
export const billedInPeriodTotal = rawQuery<
	{ fen: number },
	[communityId: number, fromMonth: string, toMonth: string]
>(
	`SELECT COALESCE(SUM(principal_fen), 0) AS fen FROM bills WHERE community_id = ? AND month BETWEEN ? AND ?`
);

/** 当期应收: the principal of the period's bills. */
export const billedInPeriod = rawQuery<
	UnitItemSumRow,
	[communityId: number, fromMonth: string, toMonth: string]
>(
	`SELECT unit_id AS unitId, fee_item_id AS itemId, SUM(principal_fen) AS fen FROM bills
	 WHERE community_id = ? AND month BETWEEN ? AND ? GROUP BY unit_id, fee_item_id`
);

const POSTED = `SELECT pp.unit_id AS unitId, pp.fee_item_id AS itemId, pp.kind, SUM(pp.amount_fen) AS fen FROM principal_postings pp`;
// Voided postings are read from the voids (few) outwards, each void's postings through the index on
// payment_id: CROSS JOIN fixes the join order, and `+` on the period's columns keeps SQLite from
// reading them through the period's index instead (a scan of the whole period per void).
const VOIDED_POSTINGS = `SELECT pp.unit_id AS unitId, pp.fee_item_id AS itemId, pp.kind, -SUM(pp.amount_fen) AS fen
	FROM payment_voids v CROSS JOIN principal_postings pp ON pp.payment_id = v.payment_id`;
/** `+` before a column: compared, but not through an index. */
type Plus = '' | '+';
const current = (
	p: Plus
) => `WHERE ${p}pp.community_id = ? AND ${p}pp.bill_month BETWEEN ? AND ? AND ${p}pp.posted_date <= ?
	GROUP BY pp.unit_id, pp.fee_item_id, pp.kind`;
const during = (
	p: Plus
) => `WHERE ${p}pp.community_id = ? AND ${p}pp.posted_date BETWEEN ? AND ? AND ${p}pp.bill_month < ?
	GROUP BY pp.unit_id, pp.fee_item_id, pp.kind`;
type Current = [communityId: number, fromMonth: string, toMonth: string, until: string];
type During = [communityId: number, start: string, until: string, fromMonth: string];

// A past period never changes: a void counts only when it was made by the period's end (the
// last parameter, `until` again), so voiding a receipt next month lowers next month's figures.
const voidedBy = 'AND v.local_date <= ? GROUP BY';
type VoidedBy<P extends unknown[]> = [...P, voidsUntil: string];

/** Credits and everything else collected, in total: one streaming sum, no groups to sort. */
export interface CreditedCollectedRow {
	creditedFen: number;
	collectedFen: number;
}
const CREDITED_COLLECTED = (sign: '' | '-') =>
	`COALESCE(${sign}SUM(CASE WHEN pp.kind = 'credit' THEN pp.amount_fen END), 0) AS creditedFen,
	COALESCE(${sign}SUM(CASE WHEN pp.kind = 'credit' THEN NULL ELSE pp.amount_fen END), 0) AS collectedFen`;
const ungrouped = (where: string, tail = '') => where.replace(/GROUP BY [^]*$/, tail);
/** `postedCurrent` and `voidedCurrent` in total (`currentCollection`, the dashboard's 当期). */
export const postedCurrentTotal = rawQuery<CreditedCollectedRow, Current>(
	`SELECT ${CREDITED_COLLECTED('')} FROM principal_postings pp ${ungrouped(current(''))}`
);
export const voidedCurrentTotal = rawQuery<CreditedCollectedRow, VoidedBy<Current>>(
	`SELECT ${CREDITED_COLLECTED('-')} FROM payment_voids v CROSS JOIN principal_postings pp ON pp.payment_id = v.payment_id
	${ungrouped(current('+'), 'AND v.local_date <= ?')}`
);

/** 当期实收 and credits: postings on the period's bills up to `until`, and the voided ones to take off. */
export const postedCurrent = rawQuery<UnitItemSumRow, Current>(`${POSTED} ${current('')}`);
export const voidedCurrent = rawQuery<UnitItemSumRow, VoidedBy<Current>>(
	`${VOIDED_POSTINGS} ${current('+').replace('GROUP BY', voidedBy)}`
);
/** 清欠实收: postings during the period on bills of earlier months, and the voided ones. */
export const postedDuring = rawQuery<UnitItemSumRow, During>(`${POSTED} ${during('')}`);
export const voidedDuring = rawQuery<UnitItemSumRow, VoidedBy<During>>(
	`${VOIDED_POSTINGS} ${during('+').replace('GROUP BY', voidedBy)}`
);

/** 往期欠费 of open bills nothing names: their whole principal. */
export const untouchedOwing = rawQuery<UnitItemSumRow, [communityId: number, start: string]>(
	`SELECT unit_id AS unitId, fee_item_id AS itemId, SUM(principal_fen) AS fen FROM open_bills
	 WHERE community_id = ? AND due_date < ? AND touched = 0 GROUP BY unit_id, fee_item_id`
);

/** 往期欠费 of the other bills (and of bills settled since the start), worked out per bill. */
export const touchedOwing = rawQuery<
	UnitItemSumRow,
	[
		start: string,
		communityId: number,
		start: string,
		communityId: number,
		start: string,
		fromMonth: string
	]
>(
	`SELECT b.unit_id AS unitId, b.fee_item_id AS itemId, MAX(0, b.principal_fen - COALESCE((SELECT SUM(pp.amount_fen)
		FROM principal_postings pp WHERE pp.bill_id = b.id AND pp.posted_date < ?
		AND ${notVoided('pp')}), 0)) AS fen
	 FROM bills b WHERE b.id IN (
		SELECT bill_id FROM open_bills WHERE community_id = ? AND due_date < ? AND touched = 1
		UNION SELECT bill_id FROM principal_postings WHERE community_id = ? AND posted_date >= ? AND bill_month < ?)`
);

export interface MonthKindSumRow {
	month: string;
	kind: string;
	fen: number;
}
// A posting counts for its bill's month when dated by that month's last day ('-31' sorts after
// every real last day of the month).
const byMonthEnd = (p: Plus) => `${p}pp.community_id = ? AND ${p}pp.bill_month BETWEEN ? AND ?
	AND ${p}pp.posted_date <= pp.bill_month || '-31' AND ${p}pp.posted_date <= ? GROUP BY pp.bill_month, pp.kind`;
type Trend = [communityId: number, first: string, last: string, today: string];
/** The trend's collected and credited fen per bill month, and the voided ones to take off. */
export const postedByMonth = rawQuery<MonthKindSumRow, Trend>(
	`SELECT pp.bill_month AS month, pp.kind, SUM(pp.amount_fen) AS fen FROM principal_postings pp WHERE ${byMonthEnd('')}`
);
export const voidedByMonth = rawQuery<MonthKindSumRow, VoidedBy<Trend>>(
	`SELECT pp.bill_month AS month, pp.kind, -SUM(pp.amount_fen) AS fen
	FROM payment_voids v CROSS JOIN principal_postings pp ON pp.payment_id = v.payment_id
	WHERE ${byMonthEnd('+').replace('GROUP BY', `AND v.local_date <= pp.bill_month || '-31' ${voidedBy}`)}`
);

export interface MonthSumRow {
	month: string;
	fen: number;
}
/** The trend's 应收: the principal billed per month. */
export const billedByMonth = rawQuery<
	MonthSumRow,
	[communityId: number, first: string, last: string]
>(
	`SELECT month, SUM(principal_fen) AS fen FROM bills WHERE community_id = ? AND month BETWEEN ? AND ? GROUP BY month`
);
