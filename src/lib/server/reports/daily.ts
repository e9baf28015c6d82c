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
import { stmt } from '../db/stmt';
import { getCommunity } from '../community';
import { lateFeeScheduleOf } from '../admin/priced';
import { nowMs } from '../clock';
import { addDays, localToEpochMs } from '../../dates';
import { formatReceiptNo, RECEIPT_PREFIX } from '../ledger/receipt-no';
import { isCrossMonth, type VoidCategory } from '../../domain/voids';
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

export interface VoidRow {
	receiptNo: string;
	issuedOn: string;
	voidedOn: string;
	totalFen: number;
	method: string;
	cashier: string;
	reason: string;
	/** Reason category (VOID_CATEGORIES), required for 跨月作废; null otherwise or on older voids. */
	category: VoidCategory | null;
	/** 跨月作废: a receipt of an earlier month than its void. */
	crossMonth: boolean;
	voidedBy: string;
}

export interface DailyReport {
	communityId: number;
	communityName: string;
	centreName: string;
	timeZone: string;
	from: string;
	to: string;
	days: number;
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

/** The instants a period covers: [startMs, endMs), judged as of asOfMs ≤ endMs. */
export function periodBounds(timeZone: string, from: string, to: string, now: number) {
	const startMs = localToEpochMs(from, '00:00', timeZone);
	const endMs = localToEpochMs(addDays(to, 1), '00:00', timeZone);
	return { startMs, endMs, asOfMs: Math.min(endMs, Math.max(startMs, now)) };
}

type Grouped = { code: string; kind: ItemLine['kind']; fen: number; n: number };
type ByPayment = { method: string; cashierId: number; fen: number; n: number };

function itemNames(db: Db, communityId: number): Map<string, { zh: string; en: string }> {
	const rows = stmt(
		db,
		'SELECT code, name_zh AS zh, name_en AS en FROM fee_items WHERE community_id = ? ORDER BY sort, id'
	).all(communityId) as { code: string; zh: string; en: string }[];
	const out = new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
	for (const code of Object.keys(ITEM_NAME_ZH) as RenovationItemCode[])
		if (!out.has(code)) out.set(code, { zh: ITEM_NAME_ZH[code], en: ITEM_NAME_EN[code] });
	return out;
}

function collections(db: Db, communityId: number, from: string, to: string) {
	const c = communityId;
	// Lines of receipts issued in the period, and of receipts voided in the period (void date).
	// CROSS JOIN keeps SQLite reading the few voids first: without statistics it would otherwise
	// walk every payment of the community to find them.
	const itemsIn = stmt(
		db,
		`SELECT pl.item_code AS code, pl.kind AS kind, sum(pl.amount_fen) AS fen, count(DISTINCT p.id) AS n
		 FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id
		 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? GROUP BY pl.item_code, pl.kind`
	).all(c, from, to) as Grouped[];
	const itemsOut = stmt(
		db,
		`SELECT pl.item_code AS code, pl.kind AS kind, sum(pl.amount_fen) AS fen, count(DISTINCT p.id) AS n
		 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id CROSS JOIN payment_lines pl ON pl.payment_id = p.id
		 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY pl.item_code, pl.kind`
	).all(c, from, to) as Grouped[];
	const payIn = stmt(
		db,
		`SELECT p.method AS method, p.cashier_id AS cashierId, sum(p.total_fen) AS fen, count(*) AS n
		 FROM payments p WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? GROUP BY p.method, p.cashier_id`
	).all(c, from, to) as ByPayment[];
	const payOut = stmt(
		db,
		`SELECT p.method AS method, p.cashier_id AS cashierId, sum(p.total_fen) AS fen, count(*) AS n
		 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
		 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY p.method, p.cashier_id`
	).all(c, from, to) as ByPayment[];

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
	const rows = stmt(
		db,
		'SELECT id, display_name AS name, work_no AS workNo FROM staff_users WHERE community_id = ?'
	).all(communityId) as { id: number; name: string; workNo: string }[];
	return new Map(rows.map((r) => [r.id, r]));
}

function receipts(db: Db, communityId: number, from: string, to: string): DailyReport['receipts'] {
	// year × 10⁹ + seq orders receipt numbers; the two ends are then read by the unique index.
	const span = stmt(
		db,
		`SELECT count(*) AS n, min(receipt_year * 1000000000 + receipt_seq) AS lo, max(receipt_year * 1000000000 + receipt_seq) AS hi,
		 sum(EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.local_date <= ?)) AS voided
		 FROM payments p WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ?`
	).get(to, communityId, from, to) as {
		n: number;
		lo: number | null;
		hi: number | null;
		voided: number | null;
	};
	const numberOf = (key: number | null) => {
		if (key === null) return null;
		const year = Math.floor(key / 1e9);
		const seq = key - year * 1e9;
		const row = stmt(
			db,
			'SELECT receipt_no AS no FROM payments WHERE community_id = ? AND receipt_year = ? AND receipt_seq = ?'
		).get(communityId, year, seq) as { no: string } | undefined;
		return row?.no ?? formatReceiptNo(RECEIPT_PREFIX, year, seq);
	};
	const voids = (
		stmt(
			db,
			`SELECT p.receipt_no AS receiptNo, p.local_date AS issuedOn, v.local_date AS voidedOn, p.total_fen AS totalFen, p.method,
		 c.display_name || ' ' || c.work_no AS cashier, v.reason, v.reason_category AS category, m.display_name || ' ' || m.work_no AS voidedBy
		 FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id JOIN staff_users c ON c.id = p.cashier_id JOIN staff_users m ON m.id = v.voided_by
		 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? ORDER BY v.created_at, v.id`
		).all(communityId, from, to) as Omit<VoidRow, 'crossMonth'>[]
	).map((v) => ({ ...v, crossMonth: isCrossMonth(v.issuedOn, v.voidedOn) }));
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
	const candidates = stmt(
		db,
		`SELECT DISTINCT pl.bill_id AS id FROM payments p JOIN payment_lines pl ON pl.payment_id = p.id CROSS JOIN bills b ON b.id = pl.bill_id
		 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? AND pl.kind = 'principal' AND p.local_date > b.due_date`
	).all(communityId, from, to) as { id: number }[];
	if (candidates.length === 0) return lateFeesCharged([], from, to, rule);
	const ids = JSON.stringify(candidates.map((r) => r.id));
	const bills = stmt(
		db,
		`SELECT id, principal_fen AS principalFen, due_date AS dueDate FROM bills WHERE id IN (SELECT value FROM json_each(?))`
	).all(ids) as {
		id: number;
		principalFen: number;
		dueDate: string;
	}[];
	// Lines of receipts issued by the end of the period and not voided by then.
	const lines = stmt(
		db,
		`SELECT pl.bill_id AS billId, pl.kind AS kind, p.local_date AS date, sum(pl.amount_fen) AS fen
		 FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
		 WHERE pl.bill_id IN (SELECT value FROM json_each(?)) AND pl.kind IN ('principal', 'late_fee') AND p.local_date <= ?
		 AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = pl.payment_id AND v.local_date <= ?)
		 GROUP BY pl.bill_id, pl.kind, p.local_date`
	).all(ids, to, to) as { billId: number; kind: string; date: string; fen: number }[];
	const waived = stmt(
		db,
		`SELECT bill_id AS billId, sum(amount_fen) AS fen FROM waiver_entries WHERE bill_id IN (SELECT value FROM json_each(?)) AND local_date <= ? GROUP BY bill_id`
	).all(ids, to) as { billId: number; fen: number }[];
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
	const credits = stmt(
		db,
		`SELECT bill_id AS billId, local_date AS date, sum(amount_fen) AS fen FROM vacancy_credits
		WHERE bill_id IN (SELECT value FROM json_each(?)) AND local_date <= ?
		GROUP BY bill_id, local_date`
	).all(ids, to) as { billId: number; date: string; fen: number }[];
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
	const settled = stmt(
		db,
		`SELECT l.item_code AS code, l.kind AS kind, sum(l.amount_fen) AS fen FROM deposit_settlements s JOIN deposit_settlement_lines l ON l.settlement_id = s.id
		 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? GROUP BY l.item_code, l.kind`
	).all(communityId, from, to) as { code: string; kind: 'refund' | 'deduction'; fen: number }[];
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
	const lent = stmt(
		db,
		'SELECT count(*) AS n FROM key_loans WHERE community_id = ? AND lent_at >= ? AND lent_at < ?'
	).get(communityId, startMs, asOfMs) as { n: number };
	const returned = stmt(
		db,
		'SELECT count(*) AS n FROM key_returns WHERE community_id = ? AND returned_at >= ? AND returned_at < ?'
	).get(communityId, startMs, asOfMs) as { n: number };
	const out = stmt(
		db,
		`SELECT count(*) AS n, coalesce(sum(l.expected_return_at < ?), 0) AS overdue FROM key_loans l WHERE l.community_id = ? AND l.lent_at < ?
		 AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id AND r.returned_at < ?)`
	).get(asOfMs, communityId, asOfMs, asOfMs) as { n: number; overdue: number };
	return { lent: lent.n, returned: returned.n, outstanding: out.n, overdue: out.overdue };
}

function moveIns(
	db: Db,
	communityId: number,
	startMs: number,
	asOfMs: number
): DailyReport['moveIns'] {
	const rows = stmt(
		db,
		`SELECT u.code FROM movein_cases c JOIN units u ON u.id = c.unit_id
		 WHERE c.community_id = ? AND c.status = 'completed' AND c.completed_at >= ? AND c.completed_at < ? ORDER BY c.completed_at`
	).all(communityId, startMs, asOfMs) as { code: string }[];
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
	const openShifts = stmt(
		db,
		`SELECT count(*) AS n FROM cashier_shifts s WHERE s.community_id = ? AND s.opened_at < ?
		 AND NOT EXISTS (SELECT 1 FROM shift_closes c WHERE c.shift_id = s.id AND c.closed_at < ?)`
	).get(communityId, asOfMs, asOfMs) as { n: number };
	return {
		communityId,
		communityName: community.name,
		centreName: community.centreName,
		timeZone: community.timeZone,
		from,
		to,
		days: Math.round((endMs - startMs) / 86_400_000),
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
	const received = stmt(
		db,
		`SELECT local_date AS key, sum(total_fen) AS fen, count(*) AS count FROM payments WHERE community_id = ? AND local_date BETWEEN ? AND ? GROUP BY local_date`
	).all(communityId, from, to) as SumRow[];
	const voided = stmt(
		db,
		`SELECT v.local_date AS key, sum(p.total_fen) AS fen, count(*) AS count FROM payment_voids v CROSS JOIN payments p ON p.id = v.payment_id
		 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? GROUP BY v.local_date`
	).all(communityId, from, to) as SumRow[];
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
