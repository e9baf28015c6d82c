// The unit file's money: bills (paid and unpaid, 已缴至), every receipt, waiver requests and the
// deposits still held. Bills come from the fees area's ledger reading (billStates), so the file
// shows exactly what the counter would charge.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { waiverRequests } from '../db/schema';
import { fileReceiptsSql, heldDepositsSql } from './sql';
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
	return fileReceiptsSql
		.all(db, unitId)
		.map(({ createdAt, cashierName, workNo, voided, ...r }) => ({
			...r,
			paidAt: formatDateTimeLocal(createdAt, timeZone),
			cashier: `${cashierName}（${workNo}）`,
			voided: voided === 1
		}));
}

export function fileWaivers(db: Db, unitId: number): FileWaiver[] {
	const w = waiverRequests;
	return db
		.select({
			id: w.id,
			requestNo: w.requestNo,
			state: w.state,
			requestedFen: w.requestedFen,
			approvedFen: w.approvedFen,
			localDate: w.localDate
		})
		.from(w)
		.where(eq(w.unitId, unitId))
		.orderBy(desc(w.id))
		.all();
}

/**
 * Deposits taken for the unit (payment lines of kind 'deposit' on receipts not voided) that no
 * settlement (refund or deduction voucher) has closed yet.
 */
export function fileDeposits(db: Db, unitId: number): FileDeposit[] {
	return heldDepositsSql.all(db, unitId).map((r) => ({
		itemCode: r.itemCode,
		receiptNo: r.receiptNo,
		localDate: r.localDate,
		heldFen: r.heldFen,
		renovationId: r.refType === 'renovation' ? r.refId : r.passRenovationId
	}));
}
