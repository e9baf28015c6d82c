import type { Db } from '../db';
import { DEPOSIT_ITEMS } from '../../domain/renovation-fees';
import {
	depositsSettledBy,
	depositsSettledIn,
	depositsTaken,
	depositsTakenBy,
	depositsVoided,
	renovationSteps,
	vouchersIn,
	type VoucherRow
} from './sql';

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

function movements(db: Db, communityId: number, from: string, to: string): DepositMovement[] {
	const taken = depositsTaken.all(db, communityId, from, to);
	const voided = depositsVoided.all(db, communityId, from, to);
	const settled = depositsSettledIn.all(db, communityId, from, to);
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

/** Money held as deposits at the end of `asOfDate`: taken − voided − refunded − deducted, up to that day. */
export function depositsHeld(db: Db, communityId: number, asOfDate: string): DepositsHeld {
	const lines = depositsTakenBy.all(db, asOfDate, communityId, asOfDate);
	const settled = depositsSettledBy.all(db, communityId, asOfDate);
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
	vouchers: VoucherRow[];
}

/** Refund vouchers (退款凭证) issued in the range, in number order. */
export function voucherSummary(
	db: Db,
	communityId: number,
	fromDate: string,
	toDate: string
): VoucherSummary {
	const vouchers = vouchersIn.all(db, communityId, fromDate, toDate);
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
	const rows = renovationSteps.all(db, communityId, fromDate, toDate);
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
