// The unit file's money: bills (paid and unpaid, 已缴至), every receipt, waiver requests and the
// deposits still held. Bills come from the fees area's ledger reading (billStates), so the file
// shows exactly what the counter would charge.
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { billStates } from '../fees';
import { formatDateTimeLocal } from '../../dates';
import { paidThroughMonth } from '../../domain/unit-file';

export interface FileBill {
	billId: number;
	month: string;
	itemNameZh: string;
	itemNameEn: string;
	dueDate: string;
	principalFen: number;
	principalDueFen: number;
	lateFeeDueFen: number;
	paid: boolean;
}

export interface FileReceipt {
	receiptNo: string;
	paidAt: string;
	localDate: string;
	payerName: string;
	purpose: string;
	method: string;
	totalFen: number;
	cashier: string;
	voided: boolean;
}

export interface FileWaiver {
	id: number;
	requestNo: string;
	state: string;
	requestedFen: number;
	approvedFen: number;
	localDate: string;
}

export interface FileDeposit {
	itemCode: string;
	receiptNo: string;
	localDate: string;
	heldFen: number;
	/** The renovation it belongs to (its page settles it), when known. */
	renovationId: number | null;
}

export interface FileBills {
	bills: FileBill[];
	paidThrough: string | null;
	principalDueFen: number;
	lateFeeDueFen: number;
}

/** Every bill of the unit as of `asOf`, newest month first, with 已缴至 and what is owed. */
export function fileBills(db: Db, communityId: number, unitId: number, asOf: string): FileBills {
	const states = billStates(db, communityId, unitId, asOf);
	let principalDueFen = 0;
	let lateFeeDueFen = 0;
	for (const b of states) {
		principalDueFen += b.principalDueFen;
		lateFeeDueFen += b.lateFeeDueFen;
	}
	return {
		bills: states
			.map((b) => ({
				billId: b.billId,
				month: b.month,
				itemNameZh: b.itemNameZh,
				itemNameEn: b.itemNameEn,
				dueDate: b.dueDate,
				principalFen: b.principalFen,
				principalDueFen: b.principalDueFen,
				lateFeeDueFen: b.lateFeeDueFen,
				paid: b.principalDueFen === 0 && b.lateFeeDueFen === 0
			}))
			.reverse(),
		paidThrough: paidThroughMonth(states),
		principalDueFen,
		lateFeeDueFen
	};
}

/** Every receipt of the unit, newest first (voided ones too: they stay in the sequence). */
export function fileReceipts(db: Db, unitId: number, timeZone: string): FileReceipt[] {
	return (
		stmt(
			db,
			`SELECT p.receipt_no AS receiptNo, p.created_at AS createdAt, p.local_date AS localDate, p.payer_name AS payerName,
				p.purpose, p.method, p.total_fen AS totalFen, s.display_name AS cashierName, s.work_no AS workNo,
				EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id) AS voided
			FROM payments p JOIN staff_users s ON s.id = p.cashier_id WHERE p.unit_id = ? ORDER BY p.id DESC`
		).all(unitId) as (Omit<FileReceipt, 'paidAt' | 'cashier' | 'voided'> & {
			createdAt: number;
			cashierName: string;
			workNo: string;
			voided: number;
		})[]
	).map(({ createdAt, cashierName, workNo, voided, ...r }) => ({
		...r,
		paidAt: formatDateTimeLocal(createdAt, timeZone),
		cashier: `${cashierName}（${workNo}）`,
		voided: voided === 1
	}));
}

export function fileWaivers(db: Db, unitId: number): FileWaiver[] {
	return stmt(
		db,
		`SELECT id, request_no AS requestNo, state, requested_fen AS requestedFen, approved_fen AS approvedFen, local_date AS localDate
		FROM waiver_requests WHERE unit_id = ? ORDER BY id DESC`
	).all(unitId) as FileWaiver[];
}

/**
 * Deposits taken for the unit (payment lines of kind 'deposit' on receipts not voided) that no
 * settlement (refund or deduction voucher) has closed yet.
 */
export function fileDeposits(db: Db, unitId: number): FileDeposit[] {
	return (
		stmt(
			db,
			`SELECT pl.item_code AS itemCode, p.receipt_no AS receiptNo, p.local_date AS localDate, SUM(pl.amount_fen) AS heldFen,
				pl.ref_type AS refType, pl.ref_id AS refId,
				(SELECT rp.renovation_id FROM renovation_passes rp WHERE pl.ref_type = 'renovation_pass' AND rp.id = pl.ref_id) AS passRenovationId
			FROM payment_lines pl JOIN payments p ON p.id = pl.payment_id
			WHERE p.unit_id = ? AND pl.kind = 'deposit'
				AND NOT EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id)
				AND NOT EXISTS (SELECT 1 FROM deposit_settlements ds WHERE
					(pl.ref_type = 'renovation' AND ds.subject = 'renovation_deposit' AND ds.renovation_id = pl.ref_id)
					OR (pl.ref_type = 'renovation_pass' AND ds.subject = 'pass_deposit' AND ds.pass_id = pl.ref_id))
			GROUP BY p.id, pl.item_code, pl.ref_type, pl.ref_id ORDER BY p.id DESC`
		).all(unitId) as {
			itemCode: string;
			receiptNo: string;
			localDate: string;
			heldFen: number;
			refType: string | null;
			refId: number | null;
			passRenovationId: number | null;
		}[]
	).map((r) => ({
		itemCode: r.itemCode,
		receiptNo: r.receiptNo,
		localDate: r.localDate,
		heldFen: r.heldFen,
		renovationId: r.refType === 'renovation' ? r.refId : r.passRenovationId
	}));
}
