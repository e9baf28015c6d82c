import type { Db } from '../db';
import { nextSeq } from '../db/sequence';

export const RECEIPT_PREFIX = 'SF';

export function formatReceiptNo(prefix: string, year: number, seq: number): string {
	return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function parseReceiptNo(no: string): { prefix: string; year: number; seq: number } | null {
	const m = /^([A-Z]{2})-(\d{4})-(\d{6,})$/.exec(no);
	return m ? { prefix: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

/**
 * The next receipt number of a community and year. Must run inside the posting transaction:
 * SQLite's write lock makes max+1 gap-free and unique (and a unique index backs it up).
 */
export function nextReceiptSeq(db: Db, communityId: number, year: number): number {
	return nextSeq(db, communityId, {
		table: 'payments',
		seqColumn: 'receipt_seq',
		where: { receipt_year: year }
	});
}
