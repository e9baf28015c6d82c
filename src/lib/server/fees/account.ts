import type { Db } from '../db';
import { lateFeeScheduleOf } from '../admin/priced';
import {
	lateFeeWorking,
	type LateFeePayment,
	type LateFeePeriod,
	type LateFeeWorking
} from '../../domain/late-fee';
import { PROPERTY_ITEM } from './items';
import { alias, type SQLiteColumn, type SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { and, between, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import {
	bills,
	feeItems,
	owners,
	paymentLines,
	payments,
	unitOwners,
	units,
	vacancyCredits,
	waiverEntries
} from '../db/schema';
import { idsOf, prepared, rawFragment, sumOf } from '../db/prepared';
import { notVoided } from '../ledger/not-voided';
import { tieInForceSql, unitTiesAsOf, unitsTiesAsOf } from '../records/ties';
import { communityToday, getCommunity } from '../community';
// The waivers' pending-bill query lives in a module that imports nothing of fees (no cycle).
import { pendingBillIds } from '../waivers/pending';

/**
 * What a unit owes, derived from the insert-only ledger: bills, payment lines of payments that
 * were not voided, and waiver entries. Nothing here is stored: every figure is recomputed as of
 * a date, so a void or a waiver changes what is owed without touching any row.
 */

export interface BillDue {
	billId: number;
	feeItemId: number;
	month: string;
	dueDate: string;
	itemCode: string;
	itemNameZh: string;
	itemNameEn: string;
	itemSort: number;
	source: string;
	/** False for a one-off charge whose item carries no late fee: its late fee stays 0. */
	lateFeeApplies: boolean;
	/** What the bill asks (after vacancy) and the full amount before it. */
	principalFen: number;
	fullFen: number;
	vacancyPercent: number;
	principalPaidFen: number;
	/** 空置减免 credited to this bill's principal (by the as-of date). */
	vacancyCreditFen: number;
	principalDueFen: number;
	/** The late fee as of the date (grows while principal is unpaid; fixed once it is paid). */
	lateFeeFen: number;
	lateFeePaidFen: number;
	lateFeeWaivedFen: number;
	lateFeeDueFen: number;
	working: LateFeeWorking;
	/** A late-fee waiver request is waiting for approval (filled by the waiver area's lookup). */
	pendingWaiver: boolean;
}

export interface UnitInfo {
	id: number;
	communityId: number;
	code: string;
	building: string;
	entrance: string;
	room: string;
	areaCenti: number;
	occupancy: 'not_handed_over' | 'vacant_after_move_in' | 'occupied';
	handoverNoticeDate: string | null;
	parkingSpaces: number;
}

export interface OwnerInfo {
	id: number;
	name: string;
	phone: string;
	role: string;
}

export interface AccountTotals {
	principalDueFen: number;
	lateFeeDueFen: number;
	totalDueFen: number;
	bills: number;
}

/** One 空置减免 row: `amountFen` credited on `date` for the bill of `forMonth`, taken off the bill of `toMonth`. */
export interface VacancyCreditLine {
	date: string;
	forMonth: string;
	toMonth: string;
	itemNameZh: string;
	itemNameEn: string;
	vacancyPercent: number;
	amountFen: number;
}

export interface UnitAccount {
	asOf: string;
	unit: UnitInfo;
	owners: OwnerInfo[];
	/** Every 空置减免 credit of the unit by the as-of date, newest first. */
	vacancyCredits: VacancyCreditLine[];
	/** Bills with anything still due, oldest first (month, then item order). */
	bills: BillDue[];
	totals: AccountTotals;
}

// --- queries -------------------------------------------------------------------------------------

// Prepared once per connection: the counter look-up and posting run these on every request.
const unitQuery = prepared((db) =>
	db
		.select({
			id: units.id,
			communityId: units.communityId,
			code: units.code,
			building: units.building,
			entrance: units.entrance,
			room: units.room,
			areaCenti: units.areaCenti,
			occupancy: units.occupancy,
			handoverNoticeDate: units.handoverNoticeDate,
			parkingSpaces: units.parkingSpaces
		})
		.from(units)
		.where(
			and(
				eq(units.id, sql.placeholder('unitId')),
				eq(units.communityId, sql.placeholder('communityId'))
			)
		)
		.prepare()
);

// Bills are read without joining fee_items: the names come from a second, tiny query.
const billColumns = {
	billId: bills.id,
	feeItemId: bills.feeItemId,
	month: bills.month,
	dueDate: bills.dueDate,
	principalFen: bills.principalFen,
	fullFen: bills.fullFen,
	vacancyPercent: bills.vacancyPercent,
	source: bills.source,
	lateFeeApplies: bills.lateFeeApplies,
	labelZh: bills.labelZh,
	labelEn: bills.labelEn
};
const billsQuery = prepared((db) =>
	db
		.select(billColumns)
		.from(bills)
		.where(eq(bills.unitId, sql.placeholder('unitId')))
		.orderBy(bills.month, bills.feeItemId)
		.prepare()
);
const billsFilteredQuery = prepared((db) =>
	db
		.select(billColumns)
		.from(bills)
		.where(
			and(
				eq(bills.unitId, sql.placeholder('unitId')),
				or(
					inArray(bills.id, idsOf('ids')),
					between(bills.month, sql.placeholder('fromMonth'), sql.placeholder('toMonth'))
				)
			)
		)
		.orderBy(bills.month, bills.feeItemId)
		.prepare()
);
const itemsQuery = prepared((db) =>
	db
		.select({
			id: feeItems.id,
			code: feeItems.code,
			nameZh: feeItems.nameZh,
			nameEn: feeItems.nameEn,
			sort: feeItems.sort
		})
		.from(feeItems)
		.where(eq(feeItems.communityId, sql.placeholder('communityId')))
		.prepare()
);

/**
 * Narrows a per-bill query to the bills asked for: every bill of the `unitId` placeholder's unit
 * when `byUnit`, otherwise the bills of the `ids` placeholder; `filter` is the query's own terms.
 */
function ofBills<Q extends SQLiteSelect>(
	q: Q,
	billId: SQLiteColumn,
	byUnit: boolean,
	filter: SQL | undefined
) {
	return byUnit
		? q
				.innerJoin(bills, eq(bills.id, billId))
				.where(and(eq(bills.unitId, sql.placeholder('unitId')), filter))
		: q.where(and(inArray(billId, idsOf('ids')), filter));
}

// Per bill, kind and day: the sums of lines of payments that were not voided (aggregated in SQL).
// `byUnit` reads every bill of the unit, otherwise the bills of the `ids` placeholder.
function linesQuery(db: Db, byUnit: boolean) {
	const lines = db
		.select({
			billId: sql<number>`${paymentLines.billId}`,
			kind: paymentLines.kind,
			date: payments.localDate,
			fen: sumOf(paymentLines.amountFen)
		})
		.from(paymentLines)
		.innerJoin(payments, eq(payments.id, paymentLines.paymentId))
		.$dynamic();
	const filter = and(
		lte(payments.localDate, sql.placeholder('asOf')),
		inArray(paymentLines.kind, ['principal', 'late_fee']),
		notVoided(db, paymentLines.paymentId)
	);
	return ofBills(lines, paymentLines.billId, byUnit, filter)
		.groupBy(paymentLines.billId, paymentLines.kind, payments.localDate)
		.prepare();
}
const linesOfUnit = prepared((db) => linesQuery(db, true));
const linesOfBills = prepared((db) => linesQuery(db, false));

function waiversQuery(db: Db, byUnit: boolean) {
	const rows = db
		.select({ billId: waiverEntries.billId, fen: sumOf(waiverEntries.amountFen) })
		.from(waiverEntries)
		.$dynamic();
	const asOf = lte(waiverEntries.localDate, sql.placeholder('asOf'));
	return ofBills(rows, waiverEntries.billId, byUnit, asOf).groupBy(waiverEntries.billId).prepare();
}
const waiversOfUnit = prepared((db) => waiversQuery(db, true));
const waiversOfBills = prepared((db) => waiversQuery(db, false));

// 空置减免 credits reduce a bill's principal from their date on (like a payment of that part).
function creditsQuery(db: Db, byUnit: boolean) {
	const rows = db
		.select({
			billId: vacancyCredits.billId,
			date: vacancyCredits.localDate,
			fen: sumOf(vacancyCredits.amountFen)
		})
		.from(vacancyCredits)
		.$dynamic();
	const asOf = lte(vacancyCredits.localDate, sql.placeholder('asOf'));
	return ofBills(rows, vacancyCredits.billId, byUnit, asOf)
		.groupBy(vacancyCredits.billId, vacancyCredits.localDate)
		.prepare();
}
const creditsOfUnit = prepared((db) => creditsQuery(db, true));
const creditsOfBills = prepared((db) => creditsQuery(db, false));

const NO_LATE_FEE: LateFeePeriod[] = [{ from: '0000-01-01', ratePerMille: 0, capPercent: 0 }];

type BillRow = Pick<
	BillDue,
	| 'billId'
	| 'feeItemId'
	| 'month'
	| 'dueDate'
	| 'principalFen'
	| 'fullFen'
	| 'vacancyPercent'
	| 'source'
	| 'lateFeeApplies'
	| 'itemCode'
	| 'itemNameZh'
	| 'itemNameEn'
	| 'itemSort'
>;

export function unitInfo(db: Db, communityId: number, unitId: number): UnitInfo | null {
	return unitQuery(db).get({ unitId, communityId }) ?? null;
}

export function unitIdByCode(db: Db, communityId: number, code: string): number | null {
	const row = db
		.select({ id: units.id })
		.from(units)
		.where(and(eq(units.communityId, communityId), eq(units.code, code)))
		.get();
	return row?.id ?? null;
}

/** Narrows `billStates` to some bills of the unit: these ids and/or the months from…to. */
export interface BillFilter {
	ids?: readonly number[];
	fromMonth?: string;
	toMonth?: string;
}

/**
 * Every bill of a unit (or those the filter names) with its state as of `asOf`, paid ones
 * included, oldest first. Payments and waivers dated after `asOf` have not happened yet; voided
 * payments never count.
 */
export function billStates(
	db: Db,
	communityId: number,
	unitId: number,
	asOf: string,
	filter?: BillFilter
): BillDue[] {
	// Each overdue day is priced at the late-fee rate and cap in force that day.
	const schedule = lateFeeScheduleOf(db, communityId);
	const raw = filter
		? billsFilteredQuery(db).all({
				unitId,
				ids: JSON.stringify(filter.ids ?? []),
				fromMonth: filter.fromMonth ?? '~',
				toMonth: filter.toMonth ?? ''
			})
		: billsQuery(db).all({ unitId });
	if (raw.length === 0) return [];
	const items = new Map(
		itemsQuery(db)
			.all({ communityId })
			.map((i) => [i.id, i])
	);
	const rows: BillRow[] = raw.map(({ labelZh, labelEn, lateFeeApplies, ...b }) => {
		const i = items.get(b.feeItemId);
		// A one-off charge prints what was charged (the paid service), not only the item's name.
		return {
			...b,
			lateFeeApplies: !!lateFeeApplies,
			itemCode: i?.code ?? '',
			itemNameZh: labelZh ?? i?.nameZh ?? '',
			itemNameEn: labelEn ?? i?.nameEn ?? '',
			itemSort: i?.sort ?? 0
		};
	});
	rows.sort((a, b) =>
		a.month < b.month ? -1 : a.month > b.month ? 1 : a.itemSort - b.itemSort || a.billId - b.billId
	);
	const ids = filter ? JSON.stringify(rows.map((r) => r.billId)) : null;
	const lines = ids ? linesOfBills(db).all({ ids, asOf }) : linesOfUnit(db).all({ unitId, asOf });
	const waivers = ids
		? waiversOfBills(db).all({ ids, asOf })
		: waiversOfUnit(db).all({ unitId, asOf });

	const principal = new Map<number, LateFeePayment[]>();
	const latePaid = new Map<number, number>();
	for (const l of lines) {
		if (l.kind === 'principal') {
			let list = principal.get(l.billId);
			if (!list) principal.set(l.billId, (list = []));
			list.push({ date: l.date, principalFen: l.fen });
		} else {
			latePaid.set(l.billId, (latePaid.get(l.billId) ?? 0) + l.fen);
		}
	}
	const waived = new Map(waivers.map((w) => [w.billId, w.fen]));
	const credits = new Map<number, LateFeePayment[]>();
	for (const c of ids
		? creditsOfBills(db).all({ ids, asOf })
		: creditsOfUnit(db).all({ unitId, asOf })) {
		let list = credits.get(c.billId);
		if (!list) credits.set(c.billId, (list = []));
		list.push({ date: c.date, principalFen: c.fen });
	}

	return rows.map((b) => {
		const payments = principal.get(b.billId) ?? [];
		const credited = credits.get(b.billId) ?? [];
		const paid = Math.min(
			b.principalFen,
			payments.reduce((s, p) => s + p.principalFen, 0)
		);
		const vacancyCreditFen = Math.min(
			b.principalFen - paid,
			credited.reduce((s, p) => s + p.principalFen, 0)
		);
		const working = lateFeeWorking({
			principalFen: b.principalFen,
			dueDate: b.dueDate,
			asOf,
			// A credited part stops accruing from the credit's date; days before it stay as they were.
			payments: credited.length ? [...payments, ...credited] : payments,
			// A bill the late fee does not apply to (a one-off charge, unless its item says so) accrues none.
			schedule: b.lateFeeApplies ? schedule : NO_LATE_FEE
		});
		const lateFeePaidFen = latePaid.get(b.billId) ?? 0;
		const lateFeeWaivedFen = waived.get(b.billId) ?? 0;
		return {
			...b,
			principalPaidFen: paid,
			vacancyCreditFen,
			principalDueFen: b.principalFen - paid - vacancyCreditFen,
			lateFeeFen: working.fen,
			lateFeePaidFen,
			lateFeeWaivedFen,
			lateFeeDueFen: Math.max(0, working.fen - lateFeePaidFen - lateFeeWaivedFen),
			working,
			pendingWaiver: false
		};
	});
}

/** Bills with anything still due, with the pending-waiver flag filled in. */
export function billsDue(
	db: Db,
	communityId: number,
	unitId: number,
	asOf: string,
	filter?: BillFilter
): BillDue[] {
	const due = billStates(db, communityId, unitId, asOf, filter).filter(
		(b) => b.principalDueFen > 0 || b.lateFeeDueFen > 0
	);
	if (due.length > 0) {
		const pending = pendingBillIds(
			db,
			due.map((b) => b.billId)
		);
		if (pending.size > 0) for (const b of due) b.pendingWaiver = pending.has(b.billId);
	}
	return due;
}

export function totalsOf(bills: readonly BillDue[]): AccountTotals {
	let principalDueFen = 0;
	let lateFeeDueFen = 0;
	for (const b of bills) {
		principalDueFen += b.principalDueFen;
		lateFeeDueFen += b.lateFeeDueFen;
	}
	return {
		principalDueFen,
		lateFeeDueFen,
		totalDueFen: principalDueFen + lateFeeDueFen,
		bills: bills.length
	};
}

/**
 * A unit's counter view as of `asOf` (the community's today): the unit, its owners, every bill with
 * something still due (oldest first) with its late fee and working, and the totals. Null when the
 * unit is not in this community.
 */
export function unitAccount(
	db: Db,
	communityId: number,
	unitId: number,
	asOf: string
): UnitAccount | null {
	const unit = unitInfo(db, communityId, unitId);
	if (!unit) return null;
	// The people tied to the unit on the as-of day: after a transfer, the new owner.
	const people: OwnerInfo[] = unitTiesAsOf(db, unitId, asOf).map((t) => ({
		id: t.ownerId,
		name: t.name,
		phone: t.phone,
		role: t.role
	}));
	const due = billsDue(db, communityId, unitId, asOf);
	return {
		asOf,
		unit,
		owners: people,
		vacancyCredits: vacancyCreditLines(db, unitId, asOf),
		bills: due,
		totals: totalsOf(due)
	};
}

const creditLinesQuery = prepared((db) => {
	const source = alias(bills, 'source');
	const target = alias(bills, 'target');
	return db
		.select({
			date: vacancyCredits.localDate,
			forMonth: source.month,
			toMonth: target.month,
			itemNameZh: feeItems.nameZh,
			itemNameEn: feeItems.nameEn,
			vacancyPercent: vacancyCredits.vacancyPercent,
			amountFen: vacancyCredits.amountFen
		})
		.from(vacancyCredits)
		.innerJoin(source, eq(source.id, vacancyCredits.sourceBillId))
		.innerJoin(target, eq(target.id, vacancyCredits.billId))
		.innerJoin(feeItems, eq(feeItems.id, source.feeItemId))
		.where(
			and(
				eq(vacancyCredits.unitId, sql.placeholder('unitId')),
				lte(vacancyCredits.localDate, sql.placeholder('asOf'))
			)
		)
		.orderBy(desc(vacancyCredits.localDate), desc(vacancyCredits.id))
		.prepare();
});

/** The unit's 空置减免 credits by `asOf`, newest first. */
export function vacancyCreditLines(db: Db, unitId: number, asOf: string): VacancyCreditLine[] {
	return creditLinesQuery(db).all({ unitId, asOf });
}

/**
 * True when the property-fee bill of every one of `months` exists and its principal is fully
 * paid (payments not voided). Late fees do not matter here. No months → true.
 */
export function monthsPaid(db: Db, unitId: number, months: string[]): boolean {
	if (months.length === 0) return true;
	const unit = db
		.select({ communityId: units.communityId })
		.from(units)
		.where(eq(units.id, unitId))
		.get();
	if (!unit) return false;
	const property = billStates(db, unit.communityId, unitId, '9999-12-31').filter(
		(b) => b.itemCode === PROPERTY_ITEM
	);
	const paidMonths = new Set(property.filter((b) => b.principalDueFen === 0).map((b) => b.month));
	return months.every((m) => paidMonths.has(m));
}

// --- type-ahead ----------------------------------------------------------------------------------

export interface UnitHit {
	unitId: number;
	code: string;
	areaCenti: number;
	occupancy: string;
	ownerNames: string;
	/** Last four digits of the first owner's phone (enough to confirm, not a full number on screen). */
	phoneTail: string;
	/** What matched: the room code, an owner's name or a phone number. */
	matched: 'code' | 'name' | 'phone';
}

/** Folds full-width digits and dashes typed with a Chinese IME. */
function fold(s: string): string {
	return s
		.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
		.replace(/[－—–]/g, '-');
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

// Room codes in building, entrance, room order as numbers ("2-1-1001" after "2-1-301").
const naturalOrder = [
	sql`CAST(${units.building} AS INTEGER)`,
	sql`CAST(${units.entrance} AS INTEGER)`,
	sql`CAST(${units.room} AS INTEGER)`,
	units.code
];

// A range on the (community, code) index instead of LIKE, which SQLite would not index here.
const byCodeQuery = prepared((db) =>
	db
		.select({ id: units.id })
		.from(units)
		.where(
			and(
				eq(units.communityId, sql.placeholder('communityId')),
				gte(units.code, sql.placeholder('from')),
				lt(units.code, sql.placeholder('to'))
			)
		)
		.orderBy(...naturalOrder)
		.limit(sql.placeholder('max'))
		.prepare()
);

// A tie in force on a date: the one rule of records (start included, end excluded).
const tieInForce = (date: ReturnType<typeof sql.placeholder>) =>
	rawFragment(tieInForceSql('unit_owners'), date, date);

// Names and phones of the people tied to a unit today: a past owner's no longer find it. Grouped
// by unit rather than DISTINCT: PostgreSQL orders a DISTINCT only by what it selects.
function byOwnerQuery(db: Db, field: 'phone' | 'name') {
	const column = field === 'phone' ? owners.phone : owners.name;
	return db
		.select({ id: units.id })
		.from(owners)
		.innerJoin(unitOwners, eq(unitOwners.ownerId, owners.id))
		.innerJoin(units, eq(units.id, unitOwners.unitId))
		.where(
			and(
				eq(owners.communityId, sql.placeholder('communityId')),
				sql`${column} LIKE ${sql.placeholder('pattern')} ESCAPE '\\'`,
				tieInForce(sql.placeholder('today'))
			)
		)
		.groupBy(units.id)
		.orderBy(
			// An exact name first; phone numbers have no such preference.
			...(field === 'name'
				? [sql`MAX(CASE WHEN ${owners.name} = ${sql.placeholder('text')} THEN 1 ELSE 0 END) DESC`]
				: []),
			...naturalOrder
		)
		.limit(sql.placeholder('max'))
		.prepare();
}
const byPhoneQuery = prepared((db) => byOwnerQuery(db, 'phone'));
const byNameQuery = prepared((db) => byOwnerQuery(db, 'name'));

const hitUnitsQuery = prepared((db) =>
	db
		.select({
			id: units.id,
			code: units.code,
			areaCenti: units.areaCenti,
			occupancy: units.occupancy
		})
		.from(units)
		.where(inArray(units.id, idsOf('ids')))
		.prepare()
);

/**
 * Type-ahead for the counter: room code prefix ("2-1-30", "2 1 301"), owner name (any part) or
 * phone number (its last digits, at least 4). At most `limit` units, code matches first.
 */
export function findUnits(db: Db, communityId: number, q: string, limit = 10): UnitHit[] {
	const text = fold(String(q ?? ''))
		.trim()
		.slice(0, 50);
	const max = Math.max(1, Math.min(50, Math.floor(limit) || 10));
	if (!text) return [];
	// Names and phones of the people tied to a unit today; a past owner's no longer find it.
	const today = communityToday(getCommunity(db, communityId));
	const found = new Map<number, UnitHit['matched']>();
	const add = (ids: { id: number }[], how: UnitHit['matched']) => {
		for (const r of ids) if (found.size < max && !found.has(r.id)) found.set(r.id, how);
	};

	const code = text.replace(/[\s/\\_.]+/g, '-');
	if (/^[0-9-]+$/.test(code)) {
		add(byCodeQuery(db).all({ communityId, from: code, to: code + '\uffff', max }), 'code');
		const digits = text.replace(/\D/g, '');
		if (found.size < max && digits.length >= 4 && /^\d+$/.test(text)) {
			add(
				byPhoneQuery(db).all({ communityId, pattern: '%' + escapeLike(digits), today, max }),
				'phone'
			);
		}
	} else {
		add(
			byNameQuery(db).all({ communityId, pattern: '%' + escapeLike(text) + '%', today, text, max }),
			'name'
		);
	}
	if (found.size === 0) return [];

	const ids = [...found.keys()];
	const hits = hitUnitsQuery(db).all({ ids: JSON.stringify(ids) });
	const ties = unitsTiesAsOf(db, ids, today);
	const byId = new Map(hits.map((u) => [u.id, u]));
	return ids.map((id) => {
		const u = byId.get(id)!;
		const mine = ties.get(id) ?? [];
		return {
			unitId: id,
			code: u.code,
			areaCenti: u.areaCenti,
			occupancy: u.occupancy,
			ownerNames: mine.map((o) => o.name).join('、'),
			phoneTail: mine[0]?.phone.slice(-4) ?? '',
			matched: found.get(id)!
		};
	});
}
