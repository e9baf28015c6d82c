import type { Db } from '../db';
import { lateFeeScheduleOf } from '../admin/priced';
import {
	lateFeeWorking,
	type LateFeePayment,
	type LateFeePeriod,
	type LateFeeWorking
} from '../../domain/late-fee';
import { PROPERTY_ITEM } from './items';
import { stmt } from '../db/stmt';
import { tieInForceSql, tieParams, unitTiesAsOf, unitsTiesAsOf } from '../records/ties';
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

const UNIT_SQL = `SELECT id, community_id AS communityId, code, building, entrance, room, area_centi AS areaCenti, occupancy,
	handover_notice_date AS handoverNoticeDate, parking_spaces AS parkingSpaces FROM units WHERE id = ? AND community_id = ?`;

// Bills are read without joining fee_items: the names come from a second, tiny query.
const BILL_COLS = `b.id AS billId, b.fee_item_id AS feeItemId, b.month, b.due_date AS dueDate, b.principal_fen AS principalFen,
	b.full_fen AS fullFen, b.vacancy_percent AS vacancyPercent, b.source, b.late_fee_applies AS lateFeeApplies,
	b.label_zh AS labelZh, b.label_en AS labelEn`;
const BILLS_SQL = `SELECT ${BILL_COLS} FROM bills b WHERE b.unit_id = ? ORDER BY b.month, b.fee_item_id`;
const BILLS_FILTERED_SQL = `SELECT ${BILL_COLS} FROM bills b
	WHERE b.unit_id = ? AND (b.id IN (SELECT value FROM json_each(?)) OR b.month BETWEEN ? AND ?) ORDER BY b.month, b.fee_item_id`;
const ITEMS_SQL =
	'SELECT id, code, name_zh AS nameZh, name_en AS nameEn, sort FROM fee_items WHERE community_id = ?';

// Per bill, kind and day: the sums of lines of payments that were not voided (aggregated in SQL).
const LINE_FILTER = `p.local_date <= ? AND pl.kind IN ('principal', 'late_fee')
	AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id)
	GROUP BY pl.bill_id, pl.kind, p.local_date`;
const LINES_SQL = `SELECT pl.bill_id AS billId, pl.kind, p.local_date AS date, SUM(pl.amount_fen) AS fen
	FROM bills b JOIN payment_lines pl ON pl.bill_id = b.id JOIN payments p ON p.id = pl.payment_id WHERE b.unit_id = ? AND ${LINE_FILTER}`;
const LINES_OF_SQL = `SELECT pl.bill_id AS billId, pl.kind, p.local_date AS date, SUM(pl.amount_fen) AS fen
	FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id WHERE pl.bill_id IN (SELECT value FROM json_each(?)) AND ${LINE_FILTER}`;

const WAIVERS_SQL = `SELECT w.bill_id AS billId, SUM(w.amount_fen) AS fen FROM bills b JOIN waiver_entries w ON w.bill_id = b.id
	WHERE b.unit_id = ? AND w.local_date <= ? GROUP BY w.bill_id`;
const WAIVERS_OF_SQL = `SELECT w.bill_id AS billId, SUM(w.amount_fen) AS fen FROM waiver_entries w
	WHERE w.bill_id IN (SELECT value FROM json_each(?)) AND w.local_date <= ? GROUP BY w.bill_id`;

// 空置减免 credits reduce a bill's principal from their date on (like a payment of that part).
const CREDITS_SQL = `SELECT c.bill_id AS billId, c.local_date AS date, SUM(c.amount_fen) AS fen FROM bills b JOIN vacancy_credits c ON c.bill_id = b.id
	WHERE b.unit_id = ? AND c.local_date <= ? GROUP BY c.bill_id, c.local_date`;
const CREDITS_OF_SQL = `SELECT c.bill_id AS billId, c.local_date AS date, SUM(c.amount_fen) AS fen FROM vacancy_credits c
	WHERE c.bill_id IN (SELECT value FROM json_each(?)) AND c.local_date <= ? GROUP BY c.bill_id, c.local_date`;

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
	return (stmt(db, UNIT_SQL).get(unitId, communityId) as UnitInfo | undefined) ?? null;
}

export function unitIdByCode(db: Db, communityId: number, code: string): number | null {
	const row = stmt(db, 'SELECT id FROM units WHERE community_id = ? AND code = ?').get(
		communityId,
		code
	) as { id: number } | undefined;
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
	const raw = (
		filter
			? stmt(db, BILLS_FILTERED_SQL).all(
					unitId,
					JSON.stringify(filter.ids ?? []),
					filter.fromMonth ?? '~',
					filter.toMonth ?? ''
				)
			: stmt(db, BILLS_SQL).all(unitId)
	) as (Omit<BillRow, 'itemCode' | 'itemNameZh' | 'itemNameEn' | 'itemSort' | 'lateFeeApplies'> & {
		lateFeeApplies: number;
		labelZh: string | null;
		labelEn: string | null;
	})[];
	if (raw.length === 0) return [];
	const items = new Map(
		(
			stmt(db, ITEMS_SQL).all(communityId) as {
				id: number;
				code: string;
				nameZh: string;
				nameEn: string;
				sort: number;
			}[]
		).map((i) => [i.id, i])
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
	const lines = (
		ids ? stmt(db, LINES_OF_SQL).all(ids, asOf) : stmt(db, LINES_SQL).all(unitId, asOf)
	) as { billId: number; kind: string; date: string; fen: number }[];
	const waivers = (
		ids ? stmt(db, WAIVERS_OF_SQL).all(ids, asOf) : stmt(db, WAIVERS_SQL).all(unitId, asOf)
	) as { billId: number; fen: number }[];

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
	for (const c of (ids
		? stmt(db, CREDITS_OF_SQL).all(ids, asOf)
		: stmt(db, CREDITS_SQL).all(unitId, asOf)) as { billId: number; date: string; fen: number }[]) {
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
	const owners: OwnerInfo[] = unitTiesAsOf(db, unitId, asOf).map((t) => ({
		id: t.ownerId,
		name: t.name,
		phone: t.phone,
		role: t.role
	}));
	const bills = billsDue(db, communityId, unitId, asOf);
	return {
		asOf,
		unit,
		owners,
		vacancyCredits: vacancyCreditLines(db, unitId, asOf),
		bills,
		totals: totalsOf(bills)
	};
}

/** The unit's 空置减免 credits by `asOf`, newest first. */
export function vacancyCreditLines(db: Db, unitId: number, asOf: string): VacancyCreditLine[] {
	return stmt(
		db,
		`SELECT c.local_date AS date, s.month AS forMonth, t.month AS toMonth, i.name_zh AS itemNameZh, i.name_en AS itemNameEn,
			c.vacancy_percent AS vacancyPercent, c.amount_fen AS amountFen
		 FROM vacancy_credits c JOIN bills s ON s.id = c.source_bill_id JOIN bills t ON t.id = c.bill_id JOIN fee_items i ON i.id = s.fee_item_id
		 WHERE c.unit_id = ? AND c.local_date <= ? ORDER BY c.local_date DESC, c.id DESC`
	).all(unitId, asOf) as VacancyCreditLine[];
}

/**
 * True when the property-fee bill of every one of `months` exists and its principal is fully
 * paid (payments not voided). Late fees do not matter here. No months → true.
 */
export function monthsPaid(db: Db, unitId: number, months: string[]): boolean {
	if (months.length === 0) return true;
	const unit = stmt(db, 'SELECT community_id AS communityId FROM units WHERE id = ?').get(
		unitId
	) as { communityId: number } | undefined;
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

const NATURAL_ORDER =
	'CAST(u.building AS INTEGER), CAST(u.entrance AS INTEGER), CAST(u.room AS INTEGER), u.code';

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
		// A range on the (community, code) index instead of LIKE, which SQLite would not index here.
		add(
			stmt(
				db,
				`SELECT u.id FROM units u WHERE u.community_id = ? AND u.code >= ? AND u.code < ? ORDER BY ${NATURAL_ORDER} LIMIT ?`
			).all(communityId, code, code + '\uffff', max) as { id: number }[],
			'code'
		);
		const digits = text.replace(/\D/g, '');
		if (found.size < max && digits.length >= 4 && /^\d+$/.test(text)) {
			add(
				stmt(
					db,
					`SELECT DISTINCT u.id FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id
				WHERE o.community_id = ? AND o.phone LIKE ? ESCAPE '\\' AND ${tieInForceSql()} ORDER BY ${NATURAL_ORDER} LIMIT ?`
				).all(communityId, '%' + escapeLike(digits), ...tieParams(today), max) as { id: number }[],
				'phone'
			);
		}
	} else {
		add(
			stmt(
				db,
				`SELECT DISTINCT u.id FROM owners o JOIN unit_owners uo ON uo.owner_id = o.id JOIN units u ON u.id = uo.unit_id
			WHERE o.community_id = ? AND o.name LIKE ? ESCAPE '\\' AND ${tieInForceSql()} ORDER BY (o.name = ?) DESC, ${NATURAL_ORDER} LIMIT ?`
			).all(communityId, '%' + escapeLike(text) + '%', ...tieParams(today), text, max) as {
				id: number;
			}[],
			'name'
		);
	}
	if (found.size === 0) return [];

	const ids = [...found.keys()];
	const marks = ids.map(() => '?').join(',');
	const units = db.$client
		.prepare(
			`SELECT id, code, area_centi AS areaCenti, occupancy FROM units WHERE id IN (${marks})`
		)
		.all(...ids) as { id: number; code: string; areaCenti: number; occupancy: string }[];
	const ties = unitsTiesAsOf(db, ids, today);
	const byId = new Map(units.map((u) => [u.id, u]));
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
