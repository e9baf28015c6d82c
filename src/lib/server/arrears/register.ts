import type { Db } from '../db';
import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import { feeItems, units as unitsTable } from '../db/schema';
import { tieParams } from '../records/ties';
import * as q from './sql';
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

const [ID, UNIT, TOUCHED, ITEM, MONTH, DUE, PRINCIPAL] = [0, 1, 2, 3, 4, 5, 6] as const;

// Every unit of the community (one range read, cheaper than a look-up per unit): on the hot path.
const unitsOf = prepared((db: Db) =>
	db
		.select({
			id: unitsTable.id,
			code: unitsTable.code,
			building: unitsTable.building,
			entrance: unitsTable.entrance,
			room: unitsTable.room
		})
		.from(unitsTable)
		.where(eq(unitsTable.communityId, sql.placeholder('communityId')))
		.prepare()
);

/**
 * Every bill owing something on `asOf` that was due before it (paying on the due date is on time),
 * with what it owes that day. Voids count up to `voidsUntil`: by default every void so far, as the
 * counter's account has it (a voided receipt never paid anything); `asOf` instead for a figure that
 * must stay as it stood that day (the company month report's month-end arrears).
 */
export function arrearsBills(
	db: Db,
	communityId: number,
	asOf: string,
	today: string,
	voidsUntil = today
): ArrearsBill[] {
	const out: ArrearsBill[] = [];
	eachArrearsBill(
		db,
		communityId,
		asOf,
		today,
		voidsUntil,
		q.candidates.values(db, communityId, asOf),
		(c, principalDueFen, lateFeeDueFen, days) =>
			out.push({
				billId: c[ID],
				unitId: c[UNIT],
				feeItemId: c[ITEM],
				month: c[MONTH],
				dueDate: c[DUE],
				principalDueFen,
				lateFeeDueFen,
				days
			})
	);
	return out;
}

/**
 * The work of `arrearsBills` on the open bills due before `asOf` (`candidates`, read by the
 * caller), handing each bill owing to `visit` as its candidate row and figures instead of building
 * an object per bill: the company dashboard totals a million of them.
 */
function eachArrearsBill(
	db: Db,
	communityId: number,
	asOf: string,
	today: string,
	voidsUntil: string,
	candidates: q.CandidateRow[],
	visit: (c: q.CandidateRow, principalDueFen: number, lateFeeDueFen: number, days: number) => void,
	schedule = lateFeeScheduleOf(db, communityId)
): void {
	if (asOf < today) {
		const seen = new Set(candidates.map((c) => c[ID]));
		const later = [communityId, asOf, communityId, asOf, communityId, asOf, asOf] as const;
		for (const c of q.laterCandidates.values(db, ...later))
			if (!seen.has(c[ID])) candidates.push(c);
	}
	const touched = candidates.filter((c) => c[TOUCHED]).map((c) => c[ID]);
	const postings = new Map<number, LateFeePayment[]>();
	const latePaid = new Map<number, number>();
	const waived = new Map<number, number>();
	if (touched.length > 0) {
		const ids = JSON.stringify(touched);
		for (const r of q.postingsByDay.all(db, ids, asOf, voidsUntil)) {
			let list = postings.get(r.billId);
			if (!list) postings.set(r.billId, (list = []));
			list.push({ date: r.date, principalFen: r.fen });
		}
		for (const r of q.lateFeePaid.all(db, ids, asOf, voidsUntil)) latePaid.set(r.billId, r.fen);
		for (const r of q.lateFeeWaived.all(db, ids, asOf)) waived.set(r.billId, r.fen);
	}
	const unpaidFee = unpaidLateFeeCalculator(schedule, asOf);
	const noLateFee = new Set(q.noLateFeeBills.values(db, communityId).map((r) => r[0]));
	// Bills share a few dozen due dates: count each one's days once.
	const daysByDue = new Map<string, number>();
	const daysOf = (due: string) => {
		let d = daysByDue.get(due);
		if (d === undefined) daysByDue.set(due, (d = daysOverdue(due, asOf)));
		return d;
	};
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
		visit(c, principalDueFen, lateFeeDueFen, daysOf(c[DUE]));
	}
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

/**
 * The register: one row per unit owing on `asOf`, filtered and sorted, with totals (voids counted
 * up to `voidsUntil`, see `arrearsBills`).
 */
export function arrearsRegister(
	db: Db,
	communityId: number,
	asOf: string,
	today: string,
	filter: RegisterFilter = {},
	sort: RegisterSort = 'unit',
	voidsUntil = today
): Register {
	let bills = arrearsBills(db, communityId, asOf, today, voidsUntil);
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
		unitsOf(db)
			.all({ communityId })
			.map((u) => [u.id, u])
	);
	const owners = new Map<number, { name: string; phone: string; ownerType: OwnerType }>();
	for (const o of q.ownersAsOf.all(db, communityId, ...tieParams(asOf)))
		if (!owners.has(o.unitId)) owners.set(o.unitId, o);
	const reminders = new Map(q.lastReminders.all(db, communityId, asOf).map((r) => [r.unitId, r]));
	const promises = new Map(
		q.lastPromises.all(db, communityId, asOf).map((r) => [r.unitId, r.promisedDate])
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

/**
 * The register's totals alone (what `arrearsRegister(…, {}, …).totals` answers, without its rows,
 * owners, reminders and sorting): the company dashboard's figure for every centre.
 */
export function arrearsTotals(
	db: Db,
	communityId: number,
	asOf: string,
	today: string,
	voidsUntil = today
): RegisterTotals {
	const totals: RegisterTotals = {
		units: 0,
		principalFen: 0,
		lateFeeFen: 0,
		totalFen: 0,
		buckets: emptyBuckets(),
		unitsByBucket: emptyBuckets()
	};
	// A unit's bucket is its oldest bill's: the most days of any bill it owes.
	const daysByUnit = new Map<number, number>();
	const owes = (unit: number, principalFen: number, lateFeeFen: number, days: number) => {
		totals.principalFen += principalFen;
		totals.lateFeeFen += lateFeeFen;
		totals.buckets[bucketOfDays(days)!] += principalFen + lateFeeFen;
		const most = daysByUnit.get(unit);
		if (most === undefined || days > most) daysByUnit.set(unit, days);
	};
	const schedule = lateFeeScheduleOf(db, communityId);
	const unpaidFee = unpaidLateFeeCalculator(schedule, asOf);
	// Bills never touched are summed as they are read: all they owe is their principal and the late
	// fee of an unpaid bill. The others become candidates, worked out from the ledger as the register
	// does. (A bill with ledger rows after a past as-of date is touched: none is counted twice.)
	const touched: q.CandidateRow[] = [];
	for (const [due, packed] of q.openBillsPacked.values(db, communityId, asOf)) {
		const days = daysOverdue(due, asOf);
		q.eachPackedBill(packed, (unit, principalFen, billId) => {
			if (billId !== 0) touched.push([billId, unit, 1, 0, '', due, principalFen]);
			else if (principalFen !== 0) owes(unit, principalFen, unpaidFee(principalFen, due), days);
		});
	}
	// …and those of an item that charges no late fee give back the fee counted above.
	for (const [due, principalFen] of q.untouchedWithoutLateFee.values(db, communityId, asOf)) {
		const fee = unpaidFee(principalFen, due);
		totals.lateFeeFen -= fee;
		totals.buckets[bucketOfDays(daysOverdue(due, asOf))!] -= fee;
	}
	eachArrearsBill(
		db,
		communityId,
		asOf,
		today,
		voidsUntil,
		touched,
		(c, principalFen, lateFeeFen, days) => owes(c[UNIT], principalFen, lateFeeFen, days),
		schedule
	);
	// Only the community's own units, as the register (a bill's unit always is).
	const ids = q.unitIdsOf.values(db, communityId)[0]?.[0];
	const units = new Set(ids ? ids.split(',').map(Number) : []);
	for (const [unit, days] of daysByUnit) {
		if (!units.has(unit)) continue;
		totals.units++;
		totals.unitsByBucket[bucketOfDays(days)!]++;
	}
	totals.totalFen = totals.principalFen + totals.lateFeeFen;
	return totals;
}

/** The buildings of the community (for the filter and the per-building PDF), in natural order. */
export function buildingsOf(db: Db, communityId: number): string[] {
	return db
		.selectDistinct({ building: unitsTable.building })
		.from(unitsTable)
		.where(eq(unitsTable.communityId, communityId))
		.all()
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
	return db
		.select({
			id: feeItems.id,
			code: feeItems.code,
			nameZh: feeItems.nameZh,
			nameEn: feeItems.nameEn
		})
		.from(feeItems)
		.where(eq(feeItems.communityId, communityId))
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.all();
}
