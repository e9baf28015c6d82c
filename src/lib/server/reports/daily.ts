/**
 * The daily report (日报) of a community for a period of calendar dates, DOMAIN.md §9. Every
 * figure is a SQL aggregate over an indexed range (payments by community and local_date, ticket
 * events by community/type/time, key loans and returns by community/time…); the merging,
 * reconciliation and late-fee arithmetic are the pure functions of domain/report.ts, where the
 * definitions are written down. Figures are as of the end of the period (now, for today): voids,
 * refunds and waivers recorded later do not change a past day.
 *
 * No $lib imports: `npm run bench` loads this through plain node.
 */
import type { Db } from '../db';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import { feeItems, moveinCases, payments, staffUsers, units } from '../db/schema';
import * as q from './sql';
import { getCommunity } from '../community';
import { lateFeeScheduleOf } from '../admin/priced';
import { nowMs } from '../clock';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import { formatReceiptNo, RECEIPT_PREFIX } from '../ledger/receipt-no';
import { isCrossMonth } from '../../domain/voids';
import { waiverSummary, type WaiverSummary } from '../waivers/summary';
import {
	depositsHeld,
	renovationActivity,
	voucherSummary,
	type RenovationActivity
} from '../renovation/report';
import {
	DEPOSIT_ITEMS,
	ITEM_NAME_EN,
	ITEM_NAME_ZH,
	type RenovationItemCode
} from '../../domain/renovation-fees';
import { openReceivedAt, ticketPeriodFigures, type TicketPeriodFigures } from '../tickets/report';
import {
	ageBuckets,
	dailySeries,
	depositRoll,
	lateFeesCharged,
	netBy,
	reconcileCollections,
	totalOf,
	type AgeBucket,
	type BillLedger,
	type DepositLine,
	type DepositMove,
	type LateFeesCharged,
	type NetLine,
	type Reconciliation,
	type SumRow
} from '../../domain/report';
import { PAYMENT_METHODS } from '../db/schema';
import { closedShifts, type ClosedShift } from '../shifts/queries';
import { cashByShift, type CashShiftLine } from '../shifts/report';
import type { CashTie } from '../../domain/cash-tie';

export interface ItemLine extends NetLine {
	itemCode: string;
	kind: 'principal' | 'late_fee' | 'deposit' | 'charge';
	nameZh: string;
	nameEn: string;
}

export interface CashierLine extends NetLine {
	cashierId: number;
	name: string;
	workNo: string;
}

export interface VoidRow extends q.VoidListRow {
	/** 跨月作废: a receipt of an earlier month than its void. */
	crossMonth: boolean;
}

export interface DailyReport {
	communityId: number;
	communityName: string;
	centreName: string;
	timeZone: string;
	from: string;
	to: string;
	days: number;
	/** The community's date when the report was made: the month in progress is its 月报 so far. */
	today: string;
	generatedAt: number;
	/** Figures are as of this instant: the end of `to`, or now when the period reaches today. */
	asOfMs: number;
	partial: boolean;
	collections: {
		byItem: ItemLine[];
		byMethod: NetLine[];
		byCashier: CashierLine[];
		total: Omit<NetLine, 'key'>;
		reconciliation: Reconciliation;
	};
	receipts: {
		/** Receipts issued in the period (voided ones included: they keep their number). */
		count: number;
		first: string | null;
		last: string | null;
		/** Of those, voided by the end of the period. */
		voidedSinceIssued: number;
		/** Voids recorded in the period, whatever day the receipt was issued. */
		voids: VoidRow[];
	};
	lateFees: { collectedFen: number; waivedFen: number; charged: LateFeesCharged };
	waivers: WaiverSummary;
	deposits: {
		lines: DepositLine[];
		total: DepositLine;
		ok: boolean;
		vouchers: { count: number; first: string | null; last: string | null };
	};
	/** As of the end of the period from the ticket log: a later reopen does not change a past day. */
	tickets: TicketPeriodFigures;
	keys: { lent: number; returned: number; outstanding: number; overdue: number };
	moveIns: { completed: number; units: string[] };
	renovation: RenovationActivity;
	/** `cash` ties the 现金 method line to the shifts, line by line (none may lie outside a shift). */
	shifts: {
		closed: ClosedShift[];
		openAtEnd: number;
		differenceFen: number;
		cash: CashTie<CashShiftLine>;
	};
}

const KIND_ORDER = ['principal', 'late_fee', 'charge', 'deposit'];

// The report's look-ups, prepared once per connection (the aggregates are in ./sql.ts).
const itemNamesQuery = prepared((db) =>
	db
		.select({ code: feeItems.code, zh: feeItems.nameZh, en: feeItems.nameEn })
		.from(feeItems)
		.where(eq(feeItems.communityId, sql.placeholder('communityId')))
		.orderBy(asc(feeItems.sort), asc(feeItems.id))
		.prepare()
);
const staffNamesQuery = prepared((db) =>
	db
		.select({ id: staffUsers.id, name: staffUsers.displayName, workNo: staffUsers.workNo })
		.from(staffUsers)
		.where(eq(staffUsers.communityId, sql.placeholder('communityId')))
		.prepare()
);
const receiptNoQuery = prepared((db) =>
	db
		.select({ no: payments.receiptNo })
		.from(payments)
		.where(
			and(
				eq(payments.communityId, sql.placeholder('communityId')),
				eq(payments.receiptYear, sql.placeholder('year')),
				eq(payments.receiptSeq, sql.placeholder('seq'))
			)
		)
		.prepare()
);
const moveInsQuery = prepared((db) =>
	db
		.select({ code: units.code })
		.from(moveinCases)
		.innerJoin(units, eq(units.id, moveinCases.unitId))
		.where(
			and(
				eq(moveinCases.communityId, sql.placeholder('communityId')),
				eq(moveinCases.status, 'completed'),
				gte(moveinCases.completedAt, sql.placeholder('startMs')),
				lt(moveinCases.completedAt, sql.placeholder('asOfMs'))
			)
		)
		.orderBy(moveinCases.completedAt)
		.prepare()
);

/** The instants a period covers: [startMs, endMs), judged as of asOfMs ≤ endMs. */
export function periodBounds(timeZone: string, from: string, to: string, now: number) {
	const startMs = localToEpochMs(from, '00:00', timeZone);
	const endMs = localToEpochMs(addDays(to, 1), '00:00', timeZone);
	return { startMs, endMs, asOfMs: Math.min(endMs, Math.max(startMs, now)) };
}

type Grouped = q.ItemSumRow;

function itemNames(db: Db, communityId: number): Map<string, { zh: string; en: string }> {
	const rows = itemNamesQuery(db).all({ communityId });
	const out = new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
	for (const code of Object.keys(ITEM_NAME_ZH) as RenovationItemCode[])
		if (!out.has(code)) out.set(code, { zh: ITEM_NAME_ZH[code], en: ITEM_NAME_EN[code] });
	return out;
}

function collections(db: Db, communityId: number, from: string, to: string) {
	const c = communityId;
	// Lines of receipts issued in the period, and of receipts voided in the period (void date).
	const itemsIn = q.itemsIssued.all(db, c, from, to);
	const itemsOut = q.itemsVoided.all(db, c, from, to);
	const payIn = q.paymentsIssued.all(db, c, from, to);
	const payOut = q.paymentsVoided.all(db, c, from, to);

	const names = itemNames(db, c);
	const itemKey = (g: Grouped) => `${g.code}\u0000${g.kind}`;
	const itemRows = (list: Grouped[]): SumRow[] =>
		list.map((g) => ({ key: itemKey(g), fen: g.fen, count: g.n }));
	const order = [...names.keys()].flatMap((code) =>
		KIND_ORDER.map((kind) => `${code}\u0000${kind}`)
	);
	const byItem: ItemLine[] = netBy(itemRows(itemsIn), itemRows(itemsOut), order).map((l) => {
		const [itemCode, kind] = l.key.split('\u0000') as [string, ItemLine['kind']];
		const n = names.get(itemCode);
		return { ...l, itemCode, kind, nameZh: n?.zh ?? itemCode, nameEn: n?.en ?? itemCode };
	});
	const byMethod = netBy(
		payIn.map((r) => ({ key: r.method, fen: r.fen, count: r.n })),
		payOut.map((r) => ({ key: r.method, fen: r.fen, count: r.n })),
		PAYMENT_METHODS
	);
	const staff = staffNames(db, c);
	const byCashier: CashierLine[] = netBy(
		payIn.map((r) => ({ key: String(r.cashierId), fen: r.fen, count: r.n })),
		payOut.map((r) => ({ key: String(r.cashierId), fen: r.fen, count: r.n }))
	)
		.map((l) => {
			const s = staff.get(Number(l.key));
			return { ...l, cashierId: Number(l.key), name: s?.name ?? '', workNo: s?.workNo ?? '' };
		})
		.sort((a, b) =>
			a.workNo < b.workNo ? -1 : a.workNo > b.workNo ? 1 : a.cashierId - b.cashierId
		);
	const receiptsFen = payIn.reduce((s, r) => s + r.fen, 0);
	const voidsFen = payOut.reduce((s, r) => s + r.fen, 0);
	return {
		byItem,
		byMethod,
		byCashier,
		total: totalOf(byMethod),
		reconciliation: reconcileCollections({ receiptsFen, voidsFen, byItem, byMethod, byCashier })
	};
}

function staffNames(db: Db, communityId: number): Map<number, { name: string; workNo: string }> {
	const rows = staffNamesQuery(db).all({ communityId });
	return new Map(rows.map((r) => [r.id, r]));
}

function receipts(db: Db, communityId: number, from: string, to: string): DailyReport['receipts'] {
	// year × 10⁹ + seq orders receipt numbers; the two ends are then read by the unique index.
	const span = q.receiptSpan.one(db, to, communityId, from, to);
	const numberOf = (key: number | null) => {
		if (key === null) return null;
		const year = Math.floor(key / 1e9);
		const seq = key - year * 1e9;
		const row = receiptNoQuery(db).get({ communityId, year, seq });
		return row?.no ?? formatReceiptNo(RECEIPT_PREFIX, year, seq);
	};
	const voids = q.voidsInPeriod
		.all(db, communityId, from, to)
		.map((v) => ({ ...v, crossMonth: isCrossMonth(v.issuedOn, v.voidedOn) }));
	return {
		count: span.n,
		first: numberOf(span.lo),
		last: numberOf(span.hi),
		voidedSinceIssued: span.voided ?? 0,
		voids
	};
}

/**
 * Late fees fixed on the bills whose principal was settled in the period (see domain/report.ts).
 * Only bills paid after their due date in the period can carry one: the payment that settles a
 * bill is its latest, so a bill settled on time was paid on time throughout. Those candidates are
 * few even on the day a whole year is prepaid (4,975 receipts, 120,000 lines on the bench), so the
 * late-fee arithmetic runs on a handful of bills; `bills` counts bills settled late.
 */
function charged(db: Db, communityId: number, from: string, to: string): LateFeesCharged {
	// Each overdue day at the rate and cap in force that day: a later change never alters this period.
	const fees = getCommunity(db, communityId).settings.fees;
	const rule = {
		ratePerMille: fees.lateFeeRatePerMille,
		capPercent: fees.lateFeeCapPercent,
		schedule: lateFeeScheduleOf(db, communityId)
	};
	const candidates = q.billsPaidLate.all(db, communityId, from, to);
	if (candidates.length === 0) return lateFeesCharged([], from, to, rule);
	const ids = JSON.stringify(candidates.map((r) => r.id));
	const bills = q.billTerms.all(db, ids);
	// Lines of receipts issued by the end of the period and not voided by then.
	const lines = q.billLinesAsOf.all(db, ids, to, to);
	const waived = q.billWaiversAsOf.all(db, ids, to);
	const ledger = new Map<
		number,
		BillLedger & { principalPayments: { date: string; principalFen: number }[] }
	>(
		bills.map((b) => [
			b.id,
			{
				billId: b.id,
				principalFen: b.principalFen,
				dueDate: b.dueDate,
				principalPayments: [],
				lateFeePaidFen: 0,
				lateFeeWaivedFen: 0
			}
		])
	);
	for (const l of lines) {
		const b = ledger.get(l.billId);
		if (!b) continue;
		if (l.kind === 'principal') b.principalPayments.push({ date: l.date, principalFen: l.fen });
		else b.lateFeePaidFen += l.fen;
	}
	for (const w of waived) {
		const b = ledger.get(w.billId);
		if (b) b.lateFeeWaivedFen += w.fen;
	}
	// 空置减免 settles part of a bill's principal from its date, as at the counter (fees/account.ts).
	const credits = q.billCreditsAsOf.all(db, ids, to);
	for (const c of credits)
		ledger.get(c.billId)?.principalPayments.push({ date: c.date, principalFen: c.fen });
	return lateFeesCharged([...ledger.values()], from, to, rule);
}

/**
 * The deposit roll. Taken and voided come from the period's ledger lines the collections already
 * read (deposit lines of the deposit items); refunded and deducted from the refund vouchers
 * (settlement lines) of the period — the same figures as renovation's `depositMovements`, without
 * reading the period's lines a second time. Held before and after are read independently, so the
 * roll is a real check.
 */
function deposits(
	db: Db,
	communityId: number,
	from: string,
	to: string,
	byItem: readonly ItemLine[]
): DailyReport['deposits'] {
	const settled = q.depositsSettled.all(db, communityId, from, to);
	const moves: DepositMove[] = DEPOSIT_ITEMS.map((itemCode) => {
		const line = byItem.find((l) => l.itemCode === itemCode && l.kind === 'deposit');
		const sum = (kind: string) =>
			settled.filter((x) => x.code === itemCode && x.kind === kind).reduce((t, x) => t + x.fen, 0);
		return {
			itemCode,
			takenFen: line?.receivedFen ?? 0,
			voidedFen: line?.voidedFen ?? 0,
			refundedFen: sum('refund'),
			deductedFen: sum('deduction')
		};
	});
	const before = depositsHeld(db, communityId, addDays(from, -1)).byItem;
	const after = depositsHeld(db, communityId, to).byItem;
	const roll = depositRoll(before, moves, after);
	const v = voucherSummary(db, communityId, from, to);
	return { ...roll, vouchers: { count: v.count, first: v.first, last: v.last } };
}

function keyFigures(
	db: Db,
	communityId: number,
	startMs: number,
	asOfMs: number
): DailyReport['keys'] {
	const lent = q.keysLent.one(db, communityId, startMs, asOfMs);
	const returned = q.keysReturned.one(db, communityId, startMs, asOfMs);
	const out = q.keysOut.one(db, asOfMs, communityId, asOfMs, asOfMs);
	return { lent: lent.n, returned: returned.n, outstanding: out.n, overdue: out.overdue };
}

function moveIns(
	db: Db,
	communityId: number,
	startMs: number,
	asOfMs: number
): DailyReport['moveIns'] {
	const rows = moveInsQuery(db).all({ communityId, startMs, asOfMs });
	return { completed: rows.length, units: rows.map((r) => r.code) };
}

/**
 * The daily report of `communityId` for `from`…`to` (YYYY-MM-DD, inclusive; the caller has
 * checked the period with `parsePeriod`).
 */
export function dailyReport(
	db: Db,
	communityId: number,
	from: string,
	to: string,
	opts: { now?: number } = {}
): DailyReport {
	const community = getCommunity(db, communityId);
	const now = opts.now ?? nowMs();
	const { startMs, endMs, asOfMs } = periodBounds(community.timeZone, from, to, now);
	const coll = collections(db, communityId, from, to);
	const lateFeeLines = coll.byItem.filter((l) => l.kind === 'late_fee');
	const waivers = waiverSummary(db, communityId, from, to);
	const shifts = closedShifts(db, communityId, from, to);
	const openShifts = q.shiftsOpenAt.one(db, communityId, asOfMs, asOfMs);
	return {
		communityId,
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		from,
		to,
		days: Math.round((endMs - startMs) / 86_400_000),
		today: todayIn(community.timeZone, now),
		generatedAt: now,
		asOfMs,
		partial: asOfMs < endMs,
		collections: coll,
		receipts: receipts(db, communityId, from, to),
		lateFees: {
			collectedFen: totalOf(lateFeeLines).netFen,
			waivedFen: waivers.waivedFen,
			charged: charged(db, communityId, from, to)
		},
		waivers,
		deposits: deposits(db, communityId, from, to, coll.byItem),
		tickets: ticketPeriodFigures(db, communityId, startMs, asOfMs),
		keys: keyFigures(db, communityId, startMs, asOfMs),
		moveIns: moveIns(db, communityId, startMs, asOfMs),
		renovation: renovationActivity(db, communityId, from, to),
		shifts: {
			closed: shifts,
			openAtEnd: openShifts.n,
			differenceFen: shifts.reduce((s, x) => s + x.differenceFen, 0),
			cash: cashByShift(
				db,
				communityId,
				{ from, to, startMs, asOfMs },
				coll.byMethod.find((l) => l.key === 'cash')?.netFen ?? 0
			)
		}
	};
}

/** Net collections per day of from…to (for the 30-day chart). */
export function collectionsByDay(
	db: Db,
	communityId: number,
	from: string,
	to: string
): { date: string; fen: number }[] {
	const received = q.receivedByDay.all(db, communityId, from, to);
	const voided = q.voidedByDay.all(db, communityId, from, to);
	return dailySeries(from, to, received, voided);
}

/** Tickets open at `asOfMs` by age (for the chart). */
export function openTicketsByAge(
	db: Db,
	communityId: number,
	asOfMs: number
): { bucket: AgeBucket; count: number }[] {
	return ageBuckets(openReceivedAt(db, communityId, asOfMs), asOfMs);
}
