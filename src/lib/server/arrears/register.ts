import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { tieInForceSql, tieParams } from '../records/ties';
import { lateFeeScheduleOf } from '../admin/priced';
import { lateFeeWorking, type LateFeePayment } from '../../domain/late-fee';
import {
	AGE_BUCKETS,
	addBuckets,
	bucketOfDays,
	daysOverdue,
	emptyBuckets,
	floorOf,
	promiseBroken,
	unpaidLateFeeCalculator,
	type AgeBucket,
	type BucketAmounts,
	type ReminderKind,
	type ReminderOutcome
} from '../../domain/arrears';
import type { OwnerType } from '../db/schema';

/*
 * The arrears register (欠费台账) as of a date, from the ledger. Which bills may owe comes from
 * `open_bills` (kept by triggers, migration 0024) plus, for a past date, the bills something was
 * paid, credited or waived on after it; every figure is then worked out from the ledger rows dated
 * up to that day (voided payments never count), the late fee at the rates in force each day.
 */

export interface ArrearsBill {
	billId: number;
	unitId: number;
	feeItemId: number;
	month: string;
	dueDate: string;
	principalDueFen: number;
	lateFeeDueFen: number;
	days: number;
}

export interface LastReminder {
	kind: ReminderKind;
	outcome: ReminderOutcome;
	date: string;
	promisedDate: string | null;
}

export interface ArrearsRow {
	unitId: number;
	code: string;
	building: string;
	entrance: string;
	floor: string;
	room: string;
	ownerName: string;
	ownerPhone: string;
	ownerType: OwnerType | null;
	principalFen: number;
	lateFeeFen: number;
	totalFen: number;
	/** Months with something owing, and the oldest of them. */
	months: number;
	oldestMonth: string;
	/** Days overdue of the oldest bill, and its bucket. */
	days: number;
	bucket: AgeBucket;
	/** Principal + late fee by the age of each bill. */
	buckets: BucketAmounts;
	/** Fee items owed (ids). */
	itemIds: number[];
	lastReminder: LastReminder | null;
	/** The latest promise to pay (承诺缴费日), and whether it has passed with the unit still owing. */
	promisedDate: string | null;
	promiseBroken: boolean;
}

export interface RegisterFilter {
	building?: string;
	feeItemId?: number;
	ownerType?: OwnerType;
	/** Only units owing at least this much (fen, principal + late fee). */
	minFen?: number;
	/** Only units whose oldest bill is at least this old. */
	minBucket?: AgeBucket;
	/** Only these units. */
	unitIds?: readonly number[];
}

export const REGISTER_SORTS = ['unit', 'total', 'age', 'months'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterTotals {
	units: number;
	principalFen: number;
	lateFeeFen: number;
	totalFen: number;
	buckets: BucketAmounts;
	/** Units per bucket of their oldest bill. */
	unitsByBucket: Record<AgeBucket, number>;
}

export interface Register {
	asOf: string;
	rows: ArrearsRow[];
	totals: RegisterTotals;
}

// One contiguous range of open_bills (clustered by due date, with the bill's columns copied in).
const CANDIDATES_SQL = `SELECT bill_id AS billId, unit_id AS unitId, touched, fee_item_id AS feeItemId, month,
	due_date AS dueDate, principal_fen AS principalFen FROM open_bills WHERE community_id = ? AND due_date < ?`;

// Bills settled (or changed) after a past as-of date: they may have owed on that day.
const LATER_SQL = `SELECT b.id AS billId, b.unit_id AS unitId, 1 AS touched, b.fee_item_id AS feeItemId, b.month, b.due_date AS dueDate,
	b.principal_fen AS principalFen FROM bills b WHERE b.id IN (
		SELECT pp.bill_id FROM principal_postings pp WHERE pp.community_id = ? AND pp.posted_date > ?
		UNION SELECT pl.bill_id FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id
			WHERE p.community_id = ? AND p.local_date > ? AND pl.kind = 'late_fee'
		UNION SELECT w.bill_id FROM waiver_entries w JOIN bills wb ON wb.id = w.bill_id WHERE wb.community_id = ? AND w.local_date > ?
	) AND b.due_date < ?`;

// Bills whose item charges no late fee (a one-off charge, an item so configured): few, and read
// through a partial index (migration 0025) rather than by widening the candidates' range read.
const NO_LATE_FEE_SQL = `SELECT id FROM bills WHERE community_id = ? AND late_fee_applies = 0`;

const VOIDED = `SELECT payment_id FROM payment_voids`;
const POSTINGS_SQL = `SELECT pp.bill_id AS billId, pp.posted_date AS date, SUM(pp.amount_fen) AS fen FROM principal_postings pp
	WHERE pp.bill_id IN (SELECT value FROM json_each(?)) AND pp.posted_date <= ?
	AND (pp.payment_id IS NULL OR pp.payment_id NOT IN (${VOIDED})) GROUP BY pp.bill_id, pp.posted_date`;
const LATE_PAID_SQL = `SELECT pl.bill_id AS billId, SUM(pl.amount_fen) AS fen FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
	WHERE pl.bill_id IN (SELECT value FROM json_each(?)) AND pl.kind = 'late_fee' AND p.local_date <= ?
	AND pl.payment_id NOT IN (${VOIDED}) GROUP BY pl.bill_id`;
const WAIVED_SQL = `SELECT w.bill_id AS billId, SUM(w.amount_fen) AS fen FROM waiver_entries w
	WHERE w.bill_id IN (SELECT value FROM json_each(?)) AND w.local_date <= ? GROUP BY w.bill_id`;

// Every unit of the community and its current owners: two range reads, cheaper than a look-up per unit.
const UNITS_SQL = `SELECT id, code, building, entrance, room FROM units WHERE community_id = ?`;
const OWNERS_SQL = `SELECT uo.unit_id AS unitId, o.name, o.phone, o.owner_type AS ownerType FROM units u
	JOIN unit_owners uo ON uo.unit_id = u.id JOIN owners o ON o.id = uo.owner_id
	WHERE u.community_id = ? AND uo.role = 'owner' AND ${tieInForceSql()} ORDER BY uo.id`;

const REMINDERS_SQL = `SELECT r.unit_id AS unitId, r.kind, r.outcome, r.local_date AS date, r.promised_date AS promisedDate
	FROM arrears_reminders r WHERE r.id IN (SELECT MAX(id) FROM arrears_reminders WHERE community_id = ? AND local_date <= ? GROUP BY unit_id)`;
const PROMISES_SQL = `SELECT r.unit_id AS unitId, r.promised_date AS promisedDate FROM arrears_reminders r
	WHERE r.id IN (SELECT MAX(id) FROM arrears_reminders WHERE community_id = ? AND local_date <= ? AND promised_date IS NOT NULL GROUP BY unit_id)`;

/** [billId, unitId, touched, feeItemId, month, dueDate, principalFen]: read as arrays (82 000 bills
 * owing on the benchmark community; objects cost a third more). */
type Candidate = [number, number, number, number, string, string, number];
const [ID, UNIT, TOUCHED, ITEM, MONTH, DUE, PRINCIPAL] = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * Every bill owing something on `asOf` that was due before it (paying on the due date is on time),
 * with what it owes that day.
 */
export function arrearsBills(
	db: Db,
	communityId: number,
	asOf: string,
	today: string
): ArrearsBill[] {
	const schedule = lateFeeScheduleOf(db, communityId);
	const candidates = stmt(db, CANDIDATES_SQL).raw(true).all(communityId, asOf) as Candidate[];
	if (asOf < today) {
		const seen = new Set(candidates.map((c) => c[ID]));
		for (const c of stmt(db, LATER_SQL)
			.raw(true)
			.all(communityId, asOf, communityId, asOf, communityId, asOf, asOf) as Candidate[])
			if (!seen.has(c[ID])) candidates.push(c);
	}
	const touched = candidates.filter((c) => c[TOUCHED]).map((c) => c[ID]);
	const postings = new Map<number, LateFeePayment[]>();
	const latePaid = new Map<number, number>();
	const waived = new Map<number, number>();
	if (touched.length > 0) {
		const ids = JSON.stringify(touched);
		for (const r of stmt(db, POSTINGS_SQL).all(ids, asOf) as {
			billId: number;
			date: string;
			fen: number;
		}[]) {
			let list = postings.get(r.billId);
			if (!list) postings.set(r.billId, (list = []));
			list.push({ date: r.date, principalFen: r.fen });
		}
		for (const r of stmt(db, LATE_PAID_SQL).all(ids, asOf) as { billId: number; fen: number }[])
			latePaid.set(r.billId, r.fen);
		for (const r of stmt(db, WAIVED_SQL).all(ids, asOf) as { billId: number; fen: number }[])
			waived.set(r.billId, r.fen);
	}
	const unpaidFee = unpaidLateFeeCalculator(schedule, asOf);
	const noLateFee = new Set(
		(stmt(db, NO_LATE_FEE_SQL).raw(true).all(communityId) as [number][]).map((r) => r[0])
	);
	// Bills share a few dozen due dates: count each one's days once.
	const daysByDue = new Map<string, number>();
	const daysOf = (due: string) => {
		let d = daysByDue.get(due);
		if (d === undefined) daysByDue.set(due, (d = daysOverdue(due, asOf)));
		return d;
	};
	const out: ArrearsBill[] = [];
	for (const c of candidates) {
		let principalDueFen = c[PRINCIPAL];
		let lateFeeDueFen: number;
		const paid = postings.get(c[ID]);
		if (!c[TOUCHED] || !paid) {
			lateFeeDueFen = unpaidFee(c[PRINCIPAL], c[DUE]);
		} else {
			const settled = paid.reduce((s, p) => s + p.principalFen, 0);
			principalDueFen = Math.max(0, c[PRINCIPAL] - settled);
			lateFeeDueFen = lateFeeWorking({
				principalFen: c[PRINCIPAL],
				dueDate: c[DUE],
				asOf,
				payments: paid,
				schedule
			}).fen;
		}
		if (noLateFee.has(c[ID])) lateFeeDueFen = 0;
		else if (c[TOUCHED])
			lateFeeDueFen = Math.max(
				0,
				lateFeeDueFen - (latePaid.get(c[ID]) ?? 0) - (waived.get(c[ID]) ?? 0)
			);
		if (principalDueFen === 0 && lateFeeDueFen === 0) continue;
		out.push({
			billId: c[ID],
			unitId: c[UNIT],
			feeItemId: c[ITEM],
			month: c[MONTH],
			dueDate: c[DUE],
			principalDueFen,
			lateFeeDueFen,
			days: daysOf(c[DUE])
		});
	}
	return out;
}

const BUCKET_RANK = new Map(AGE_BUCKETS.map((b, i) => [b, i]));

/** Natural order of unit codes: building, entrance, room as numbers. */
function compareUnits(a: ArrearsRow, b: ArrearsRow): number {
	const n = (s: string) => Number.parseInt(s, 10) || 0;
	return (
		n(a.building) - n(b.building) ||
		n(a.entrance) - n(b.entrance) ||
		n(a.room) - n(b.room) ||
		(a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
	);
}

/** The register: one row per unit owing on `asOf`, filtered and sorted, with totals. */
export function arrearsRegister(
	db: Db,
	communityId: number,
	asOf: string,
	today: string,
	filter: RegisterFilter = {},
	sort: RegisterSort = 'unit'
): Register {
	let bills = arrearsBills(db, communityId, asOf, today);
	if (filter.feeItemId !== undefined) bills = bills.filter((b) => b.feeItemId === filter.feeItemId);
	if (filter.unitIds) {
		const only = new Set(filter.unitIds);
		bills = bills.filter((b) => only.has(b.unitId));
	}
	const byUnit = new Map<number, ArrearsBill[]>();
	for (const b of bills) {
		let list = byUnit.get(b.unitId);
		if (!list) byUnit.set(b.unitId, (list = []));
		list.push(b);
	}
	const units = new Map(
		(
			stmt(db, UNITS_SQL).all(communityId) as {
				id: number;
				code: string;
				building: string;
				entrance: string;
				room: string;
			}[]
		).map((u) => [u.id, u])
	);
	const owners = new Map<number, { name: string; phone: string; ownerType: OwnerType }>();
	for (const o of stmt(db, OWNERS_SQL).all(communityId, ...tieParams(asOf)) as {
		unitId: number;
		name: string;
		phone: string;
		ownerType: OwnerType;
	}[])
		if (!owners.has(o.unitId)) owners.set(o.unitId, o);
	const reminders = new Map(
		(stmt(db, REMINDERS_SQL).all(communityId, asOf) as (LastReminder & { unitId: number })[]).map(
			(r) => [r.unitId, r]
		)
	);
	const promises = new Map(
		(
			stmt(db, PROMISES_SQL).all(communityId, asOf) as { unitId: number; promisedDate: string }[]
		).map((r) => [r.unitId, r.promisedDate])
	);
	const minRank = filter.minBucket ? BUCKET_RANK.get(filter.minBucket)! : 0;
	const rows: ArrearsRow[] = [];
	for (const [unitId, list] of byUnit) {
		const u = units.get(unitId);
		if (!u) continue;
		if (filter.building !== undefined && u.building !== filter.building) continue;
		const owner = owners.get(unitId);
		if (filter.ownerType !== undefined && owner?.ownerType !== filter.ownerType) continue;
		let principalFen = 0;
		let lateFeeFen = 0;
		const buckets = emptyBuckets();
		const months = new Set<string>();
		const items = new Set<number>();
		let days = 0;
		for (const b of list) {
			principalFen += b.principalDueFen;
			lateFeeFen += b.lateFeeDueFen;
			buckets[bucketOfDays(b.days)!] += b.principalDueFen + b.lateFeeDueFen;
			months.add(b.month);
			items.add(b.feeItemId);
			if (b.days > days) days = b.days;
		}
		const totalFen = principalFen + lateFeeFen;
		const bucket = bucketOfDays(days)!;
		if (filter.minFen !== undefined && totalFen < filter.minFen) continue;
		if (BUCKET_RANK.get(bucket)! < minRank) continue;
		const promisedDate = promises.get(unitId) ?? null;
		const r = reminders.get(unitId);
		rows.push({
			unitId,
			code: u.code,
			building: u.building,
			entrance: u.entrance,
			floor: floorOf(u.room),
			room: u.room,
			ownerName: owner?.name ?? '',
			ownerPhone: owner?.phone ?? '',
			ownerType: owner?.ownerType ?? null,
			principalFen,
			lateFeeFen,
			totalFen,
			months: months.size,
			oldestMonth: [...months].sort()[0],
			days,
			bucket,
			buckets,
			itemIds: [...items].sort((a, b) => a - b),
			lastReminder: r
				? { kind: r.kind, outcome: r.outcome, date: r.date, promisedDate: r.promisedDate }
				: null,
			promisedDate,
			promiseBroken: promiseBroken(promisedDate, asOf, totalFen)
		});
	}
	rows.sort(
		sort === 'total'
			? (a, b) => b.totalFen - a.totalFen || compareUnits(a, b)
			: sort === 'age'
				? (a, b) => b.days - a.days || compareUnits(a, b)
				: sort === 'months'
					? (a, b) => b.months - a.months || compareUnits(a, b)
					: compareUnits
	);
	const totals: RegisterTotals = {
		units: rows.length,
		principalFen: 0,
		lateFeeFen: 0,
		totalFen: 0,
		buckets: emptyBuckets(),
		unitsByBucket: emptyBuckets()
	};
	for (const r of rows) {
		totals.principalFen += r.principalFen;
		totals.lateFeeFen += r.lateFeeFen;
		totals.totalFen += r.totalFen;
		addBuckets(totals.buckets, r.buckets);
		totals.unitsByBucket[r.bucket]++;
	}
	return { asOf, rows, totals };
}

/** The buildings of the community (for the filter and the per-building PDF), in natural order. */
export function buildingsOf(db: Db, communityId: number): string[] {
	return (
		stmt(db, 'SELECT DISTINCT building FROM units WHERE community_id = ?').all(communityId) as {
			building: string;
		}[]
	)
		.map((r) => r.building)
		.sort(
			(a, b) => (Number.parseInt(a, 10) || 0) - (Number.parseInt(b, 10) || 0) || (a < b ? -1 : 1)
		);
}

/** Fee items (id, names) of the community, in their order. */
export function feeItemsOf(
	db: Db,
	communityId: number
): { id: number; code: string; nameZh: string; nameEn: string }[] {
	return stmt(
		db,
		'SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM fee_items WHERE community_id = ? ORDER BY sort, id'
	).all(communityId) as { id: number; code: string; nameZh: string; nameEn: string }[];
}
