import type { Db } from '../db';
import { nextSeq } from '../db/sequence';
import { formatReceiptNo } from '../ledger';

/*
 * Document numbers of the renovation area, per community and year, assigned inside the writing
 * transaction (SQLite's write lock makes max+1 safe; unique indexes back it up):
 * 申请编号 ZX-2026-0001, 施工许可证 XK-2026-0001, 出入证 CR-2026-0001, 退款凭证 TK-2026-000001.
 * Vouchers are money documents: consecutive with no gaps, like receipts.
 */

export const VOUCHER_PREFIX = 'TK';

function shortNo(prefix: string, year: number, seq: number): string {
	return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** Next number of a `PREFIX-YYYY-NNNN` text column (the sequence is the part after the year). */
function nextShort(
	db: Db,
	prefix: string,
	year: number,
	table: string,
	column: string,
	communityId: number
): string {
	return shortNo(
		prefix,
		year,
		nextSeq(db, communityId, { table, textColumn: column, prefix: `${prefix}-${year}-` })
	);
}

export function nextAppNo(db: Db, communityId: number, year: number): string {
	return nextShort(db, 'ZX', year, 'renovations', 'app_no', communityId);
}

export function nextPermitNo(db: Db, communityId: number, year: number): string {
	return nextShort(db, 'XK', year, 'renovations', 'permit_no', communityId);
}

export function nextPassNo(db: Db, communityId: number, year: number): string {
	return nextShort(db, 'CR', year, 'renovation_passes', 'pass_no', communityId);
}

export function nextVoucher(
	db: Db,
	communityId: number,
	year: number
): { voucherNo: string; seq: number } {
	const seq = nextSeq(db, communityId, {
		table: 'deposit_settlements',
		seqColumn: 'voucher_seq',
		where: { voucher_year: year }
	});
	return { voucherNo: formatReceiptNo(VOUCHER_PREFIX, year, seq), seq };
}
