import type { Db } from '../db';
import { DEPOSIT_ITEMS } from '../../domain/renovation-fees';
import { stmt } from '../db/stmt';
import { REF_PASS, REF_RENOVATION } from './records';

/*
 * Figures for the daily report (DOMAIN.md §9): deposits taken, refunded, deducted and held, the
 * refund vouchers issued, and renovation activity. Dates are the community's calendar dates
 * (YYYY-MM-DD, inclusive). Deposits taken are the `deposit` lines of the shared ledger with the
 * renovation and pass deposit item codes; a void takes its deposits back out on the day of the
 * void.
 */

export interface DepositMovement {
	itemCode: string;
	/** Deposit lines posted in the range (including payments voided later). */
	takenFen: number;
	takenCount: number;
	/** Deposit lines of payments voided in the range. */
	voidedFen: number;
	/** Paid back to the depositor (退款凭证 refund lines). */
	refundedFen: number;
	refundedCount: number;
	/** Kept (damage deductions, lost passes): moves from held money to income. */
	deductedFen: number;
	deductedCount: number;
}

type Sum = { code: string; fen: number; n: number };

function emptyMovement(itemCode: string): DepositMovement {
	return {
		itemCode,
		takenFen: 0,
		takenCount: 0,
		voidedFen: 0,
		refundedFen: 0,
		refundedCount: 0,
		deductedFen: 0,
		deductedCount: 0
	};
}

// Constants of this module, never input.
const ITEMS = DEPOSIT_ITEMS.map((c) => `'${c}'`).join(', ');

function movements(db: Db, communityId: number, from: string, to: string): DepositMovement[] {
	const c = db.$client;
	const taken = c
		.prepare(
			`SELECT pl.item_code AS code, sum(pl.amount_fen) AS fen, count(*) AS n FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			 WHERE p.community_id = ? AND p.local_date BETWEEN ? AND ? AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) GROUP BY pl.item_code`
		)
		.all(communityId, from, to) as Sum[];
	const voided = c
		.prepare(
			`SELECT pl.item_code AS code, sum(pl.amount_fen) AS fen, count(*) AS n FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			 JOIN payment_voids v ON v.payment_id = p.id
			 WHERE p.community_id = ? AND v.local_date BETWEEN ? AND ? AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) GROUP BY pl.item_code`
		)
		.all(communityId, from, to) as Sum[];
	const settled = c
		.prepare(
			`SELECT l.item_code AS code, l.kind AS kind, sum(l.amount_fen) AS fen, count(*) AS n FROM deposit_settlement_lines l
			 JOIN deposit_settlements s ON s.id = l.settlement_id
			 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? GROUP BY l.item_code, l.kind`
		)
		.all(communityId, from, to) as (Sum & { kind: 'refund' | 'deduction' })[];
	const out = new Map<string, DepositMovement>(
		DEPOSIT_ITEMS.map((code) => [code, emptyMovement(code)])
	);
	const get = (code: string) => {
		if (!out.has(code)) out.set(code, emptyMovement(code));
		return out.get(code)!;
	};
	for (const t of taken) Object.assign(get(t.code), { takenFen: t.fen, takenCount: t.n });
	for (const v of voided) get(v.code).voidedFen = v.fen;
	for (const s of settled) {
		const m = get(s.code);
		if (s.kind === 'refund') Object.assign(m, { refundedFen: s.fen, refundedCount: s.n });
		else Object.assign(m, { deductedFen: s.fen, deductedCount: s.n });
	}
	return [...out.values()];
}

/** Deposits taken / voided / refunded / deducted between two dates (inclusive), by item code. */
export function depositMovements(
	db: Db,
	communityId: number,
	fromDate: string,
	toDate: string
): DepositMovement[] {
	return movements(db, communityId, fromDate, toDate);
}

export interface DepositsHeld {
	byItem: { itemCode: string; heldFen: number }[];
	totalFen: number;
}

// Deposit lines are written only by renovation, with these ref types: filtering on them lets the
// payment_lines_ref index find the lines instead of walking every payment of the community
// (1.7 s → < 1 ms on the 10,000-unit bench).
const REFS = [REF_RENOVATION, REF_PASS].map((c) => `'${c}'`).join(', ');

/** Money held as deposits at the end of `asOfDate`: taken − voided − refunded − deducted, up to that day. */
export function depositsHeld(db: Db, communityId: number, asOfDate: string): DepositsHeld {
	const lines = stmt(
		db,
		`SELECT pl.item_code AS code, sum(pl.amount_fen) AS taken,
		 sum(CASE WHEN EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id AND v.local_date <= ?) THEN pl.amount_fen ELSE 0 END) AS voided
		 FROM payment_lines pl CROSS JOIN payments p ON p.id = pl.payment_id
		 WHERE pl.ref_type IN (${REFS}) AND pl.kind = 'deposit' AND pl.item_code IN (${ITEMS}) AND p.community_id = ? AND p.local_date <= ?
		 GROUP BY pl.item_code`
	).all(asOfDate, communityId, asOfDate) as { code: string; taken: number; voided: number }[];
	const settled = stmt(
		db,
		`SELECT l.item_code AS code, sum(l.amount_fen) AS fen FROM deposit_settlements s JOIN deposit_settlement_lines l ON l.settlement_id = s.id
		 WHERE s.community_id = ? AND s.local_date <= ? GROUP BY l.item_code`
	).all(communityId, asOfDate) as { code: string; fen: number }[];
	const byItem = DEPOSIT_ITEMS.map((itemCode) => {
		const l = lines.find((x) => x.code === itemCode);
		return {
			itemCode: itemCode as string,
			heldFen:
				(l?.taken ?? 0) - (l?.voided ?? 0) - (settled.find((x) => x.code === itemCode)?.fen ?? 0)
		};
	});
	return { byItem, totalFen: byItem.reduce((s, i) => s + i.heldFen, 0) };
}

export interface VoucherSummary {
	count: number;
	first: string | null;
	last: string | null;
	refundFen: number;
	deductedFen: number;
	vouchers: {
		voucherNo: string;
		subject: string;
		unitCode: string;
		refundFen: number;
		deductedFen: number;
		staffId: number;
	}[];
}

/** Refund vouchers (退款凭证) issued in the range, in number order. */
export function voucherSummary(
	db: Db,
	communityId: number,
	fromDate: string,
	toDate: string
): VoucherSummary {
	const vouchers = db.$client
		.prepare(
			`SELECT s.voucher_no AS voucherNo, s.subject AS subject, u.code AS unitCode, s.refund_fen AS refundFen, s.deducted_fen AS deductedFen, s.staff_id AS staffId
			 FROM deposit_settlements s JOIN units u ON u.id = s.unit_id
			 WHERE s.community_id = ? AND s.local_date BETWEEN ? AND ? ORDER BY s.voucher_year, s.voucher_seq`
		)
		.all(communityId, fromDate, toDate) as VoucherSummary['vouchers'];
	return {
		count: vouchers.length,
		first: vouchers[0]?.voucherNo ?? null,
		last: vouchers.at(-1)?.voucherNo ?? null,
		refundFen: vouchers.reduce((s, v) => s + v.refundFen, 0),
		deductedFen: vouchers.reduce((s, v) => s + v.deductedFen, 0),
		vouchers
	};
}

export interface RenovationActivity {
	applications: number;
	approved: number;
	rejected: number;
	permitsIssued: number;
	passesIssued: number;
	inspectionsPassed: number;
	inspectionsFailed: number;
	depositsSettled: number;
	closed: number;
}

/** Renovation steps recorded in the range (from the event log). */
export function renovationActivity(
	db: Db,
	communityId: number,
	fromDate: string,
	toDate: string
): RenovationActivity {
	const rows = db.$client
		.prepare(
			`SELECT action, count(*) AS n, sum(CASE WHEN action IN ('pay', 'pass_issue') THEN json_array_length(detail, '$.passes') ELSE 0 END) AS passes
			 FROM renovation_events WHERE community_id = ? AND local_date BETWEEN ? AND ? GROUP BY action`
		)
		.all(communityId, fromDate, toDate) as { action: string; n: number; passes: number | null }[];
	const n = (a: string) => rows.find((r) => r.action === a)?.n ?? 0;
	return {
		applications: n('submit'),
		approved: n('approve'),
		rejected: n('reject'),
		permitsIssued: n('issue_permit'),
		passesIssued: rows.reduce((s, r) => s + (r.passes ?? 0), 0),
		inspectionsPassed: n('inspect_pass'),
		inspectionsFailed: n('inspect_fail'),
		depositsSettled: n('settle_deposit'),
		closed: n('close')
	};
}
