import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import {
	bills,
	feeItems,
	paymentLines,
	reconciliationItems,
	reconciliations,
	staffUsers,
	type PaymentMethod,
	type ReconcileMethod
} from '../db/schema';
import { formatDateTimeLocal } from '../../dates';
import { METHOD_ORDER } from '../../payment-methods';
import type { ReconcileEntry } from '../../domain/reconcile';
import {
	journalPage,
	journalTotals,
	type JournalParams,
	type JournalRowRaw,
	type JournalSort
} from './sql';

/** Every row: SQLite reads LIMIT -1 so, PostgreSQL refuses a negative LIMIT; both take this. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Rows per page of the journal on screen (the exports take every row). */
export const JOURNAL_PAGE_SIZE = 50;
/** A journal covers at most this many days (a year, leap day included). */
export const MAX_JOURNAL_DAYS = 366;

export interface JournalFilter {
	from: string;
	to: string;
	method?: PaymentMethod | null;
	cashierId?: number | null;
	kind?: 'receipt' | 'void' | null;
	building?: string | null;
	/** A unit code prefix ("2-1" finds 2-1-301). */
	room?: string | null;
	minFen?: number | null;
	maxFen?: number | null;
}

export interface JournalOrder {
	sort: JournalSort;
	dir: 'asc' | 'desc';
}

/** One fee item on a receipt: its name and the months it paid for (none for deposits and charges). */
export interface JournalItem {
	nameZh: string;
	nameEn: string;
	lateFee: boolean;
	fromMonth: string | null;
	toMonth: string | null;
	months: number;
}

export interface JournalRow extends Omit<JournalRowRaw, 'at'> {
	at: number;
	/** "2026-12-01 09:30" in the community's time zone. */
	time: string;
	items: JournalItem[];
}

export interface MethodTotal {
	method: PaymentMethod;
	receipts: number;
	receiptsFen: number;
	voids: number;
	/** Negative: what the voids took back. */
	voidsFen: number;
	netFen: number;
}

export interface Journal {
	rows: JournalRow[];
	page: number;
	pages: number;
	count: number;
	byMethod: MethodTotal[];
	total: Omit<MethodTotal, 'method'>;
}

function params(communityId: number, f: JournalFilter): JournalParams {
	return {
		c: communityId,
		from: f.from,
		to: f.to,
		method: f.method ?? null,
		cashier: f.cashierId ?? null,
		kind: f.kind ?? null,
		building: f.building ?? null,
		room: f.room ?? null,
		roomEnd: f.room ? f.room + '\uffff' : null,
		min: f.minFen ?? null,
		max: f.maxFen ?? null
	};
}

/** Totals by method (receipts, voids, net) of the filtered journal, in the counter's method order. */
export function journalTotalsOf(db: Db, communityId: number, f: JournalFilter) {
	const byMethod = new Map<string, MethodTotal>();
	for (const r of journalTotals.all(db, params(communityId, f))) {
		let t = byMethod.get(r.method);
		if (!t)
			byMethod.set(
				r.method,
				(t = {
					method: r.method as PaymentMethod,
					receipts: 0,
					receiptsFen: 0,
					voids: 0,
					voidsFen: 0,
					netFen: 0
				})
			);
		if (r.kind === 'receipt') {
			t.receipts += r.n;
			t.receiptsFen += r.fen;
		} else {
			t.voids += r.n;
			t.voidsFen += r.fen;
		}
		t.netFen += r.fen;
	}
	const list = [...byMethod.values()].sort(
		(a, b) =>
			METHOD_ORDER.indexOf(a.method as (typeof METHOD_ORDER)[number]) -
			METHOD_ORDER.indexOf(b.method as (typeof METHOD_ORDER)[number])
	);
	const total = list.reduce(
		(s, t) => ({
			receipts: s.receipts + t.receipts,
			receiptsFen: s.receiptsFen + t.receiptsFen,
			voids: s.voids + t.voids,
			voidsFen: s.voidsFen + t.voidsFen,
			netFen: s.netFen + t.netFen
		}),
		{ receipts: 0, receiptsFen: 0, voids: 0, voidsFen: 0, netFen: 0 }
	);
	return { byMethod: list, total };
}

/**
 * The journal: one page of rows (`page` null: every row, for the exports) in the asked order, and
 * the totals by method of everything the filters keep.
 */
export function journalOf(
	db: Db,
	communityId: number,
	timeZone: string,
	f: JournalFilter,
	order: JournalOrder,
	page: number | null
): Journal {
	const totals = journalTotalsOf(db, communityId, f);
	const count = totals.total.receipts + totals.total.voids;
	const pages = Math.max(1, Math.ceil(count / JOURNAL_PAGE_SIZE));
	const p = page === null ? 1 : Math.min(Math.max(1, page), pages);
	const raw = journalPage[`${order.sort}-${order.dir}`].all(db, {
		...params(communityId, f),
		limit: page === null ? NO_LIMIT : JOURNAL_PAGE_SIZE,
		offset: page === null ? 0 : (p - 1) * JOURNAL_PAGE_SIZE
	});
	const items = itemsOf(db, [...new Set(raw.map((r) => r.paymentId))]);
	return {
		rows: raw.map((r) => ({
			...r,
			time: formatDateTimeLocal(r.at, timeZone),
			items: items.get(r.paymentId) ?? []
		})),
		page: p,
		pages,
		count,
		...totals
	};
}

/** Each payment's fee items with their months, in line order. */
export function itemsOf(db: Db, paymentIds: readonly number[]): Map<number, JournalItem[]> {
	const out = new Map<number, JournalItem[]>();
	if (paymentIds.length === 0) return out;
	const lines = db
		.select({
			paymentId: paymentLines.paymentId,
			kind: paymentLines.kind,
			description: paymentLines.description,
			month: bills.month,
			nameZh: feeItems.nameZh,
			nameEn: feeItems.nameEn,
			labelZh: bills.labelZh,
			labelEn: bills.labelEn
		})
		.from(paymentLines)
		.leftJoin(bills, eq(bills.id, paymentLines.billId))
		.leftJoin(feeItems, eq(feeItems.id, bills.feeItemId))
		.where(inArray(paymentLines.paymentId, [...paymentIds]))
		.orderBy(asc(paymentLines.id))
		.all();
	const months = new Map<JournalItem, Set<string>>();
	for (const l of lines) {
		const list = out.get(l.paymentId) ?? [];
		out.set(l.paymentId, list);
		const nameZh = l.labelZh ?? l.nameZh ?? l.description;
		const nameEn = l.labelEn ?? l.nameEn ?? l.description;
		const lateFee = l.kind === 'late_fee';
		let item = list.find((i) => i.nameZh === nameZh && i.lateFee === lateFee);
		if (!item) {
			item = { nameZh, nameEn, lateFee, fromMonth: null, toMonth: null, months: 0 };
			list.push(item);
			months.set(item, new Set());
		}
		if (l.month) {
			months.get(item)!.add(l.month);
			if (!item.fromMonth || l.month < item.fromMonth) item.fromMonth = l.month;
			if (!item.toMonth || l.month > item.toMonth) item.toMonth = l.month;
		}
	}
	for (const [item, set] of months) item.months = set.size;
	return out;
}

/** "物业服务费 2026-01至2026-03（3个月）；物业服务费滞纳金" for the exports (Chinese documents). */
export function itemsZh(items: readonly JournalItem[]): string {
	return items
		.map((i) => {
			const name = i.nameZh + (i.lateFee ? '滞纳金' : '');
			if (!i.fromMonth) return name;
			const span = i.fromMonth === i.toMonth ? i.fromMonth : `${i.fromMonth}至${i.toMonth}`;
			return i.lateFee ? `${name} ${span}` : `${name} ${span}（${i.months}个月）`;
		})
		.join('；');
}

// ---------------------------------------------------------------- reconciliation reads

/** The day's receipts and voids of one method, as the matching rule takes them. */
export function dayEntries(
	db: Db,
	communityId: number,
	timeZone: string,
	date: string,
	method: ReconcileMethod
): (ReconcileEntry & { paymentId: number; unitCode: string | null; time: string })[] {
	const rows = journalPage['time-asc'].all(db, {
		...params(communityId, { from: date, to: date, method }),
		limit: NO_LIMIT,
		offset: 0
	});
	return rows.map((r) => ({
		key: `${r.kind === 'receipt' ? 'p' : 'v'}${r.paymentId}`,
		kind: r.kind,
		receiptNo: r.receiptNo,
		ref: r.ref,
		amountFen: r.amountFen,
		at: r.at,
		paymentId: r.paymentId,
		unitCode: r.unitCode,
		time: formatDateTimeLocal(r.at, timeZone).slice(11)
	}));
}

export interface RecordedReconciliation {
	id: number;
	source: 'total' | 'csv';
	fileName: string;
	statementFen: number;
	entriesFen: number;
	differenceFen: number;
	entries: number;
	matched: number;
	note: string;
	supersedes: number | null;
	createdBy: string;
	createdAt: number;
	items: {
		paymentId: number | null;
		entryKind: 'receipt' | 'void' | null;
		entryFen: number | null;
		matchedBy: 'ref' | 'amount' | 'manual' | null;
		lineNo: number | null;
		lineTime: string;
		lineRef: string;
		lineFen: number | null;
	}[];
}

/** Every reconciliation of a day and method, newest (the one in force) first. */
export function reconciliationsOf(
	db: Db,
	communityId: number,
	date: string,
	method: ReconcileMethod
): RecordedReconciliation[] {
	const heads = db
		.select({
			id: reconciliations.id,
			source: reconciliations.source,
			fileName: reconciliations.fileName,
			statementFen: reconciliations.statementFen,
			entriesFen: reconciliations.entriesFen,
			differenceFen: reconciliations.differenceFen,
			entries: reconciliations.entries,
			matched: reconciliations.matched,
			note: reconciliations.note,
			supersedes: reconciliations.supersedes,
			createdBy: staffUsers.displayName,
			createdAt: reconciliations.createdAt
		})
		.from(reconciliations)
		.innerJoin(staffUsers, eq(staffUsers.id, reconciliations.createdBy))
		.where(
			and(
				eq(reconciliations.communityId, communityId),
				eq(reconciliations.localDate, date),
				eq(reconciliations.method, method)
			)
		)
		.all()
		.sort((a, b) => b.id - a.id);
	if (heads.length === 0) return [];
	const items = db
		.select({
			reconciliationId: reconciliationItems.reconciliationId,
			paymentId: reconciliationItems.paymentId,
			entryKind: reconciliationItems.entryKind,
			entryFen: reconciliationItems.entryFen,
			matchedBy: reconciliationItems.matchedBy,
			lineNo: reconciliationItems.lineNo,
			lineTime: reconciliationItems.lineTime,
			lineRef: reconciliationItems.lineRef,
			lineFen: reconciliationItems.lineFen
		})
		.from(reconciliationItems)
		.where(
			inArray(
				reconciliationItems.reconciliationId,
				heads.map((h) => h.id)
			)
		)
		.orderBy(asc(reconciliationItems.id))
		.all();
	return heads.map((h) => ({
		...h,
		items: items
			.filter((i) => i.reconciliationId === h.id)
			.map(({ reconciliationId: _r, ...i }) => i)
	}));
}
