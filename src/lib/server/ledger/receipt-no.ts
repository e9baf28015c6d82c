import { isPg, type Db } from '../db';
import { nextSeq } from '../db/sequence';
import { stmt } from '../db/stmt';

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
 * SQLite's write lock makes max+1 gap-free and unique (and a unique index backs it up). On
 * PostgreSQL the number comes from the community's counter row for the year, updated (so locked
 * until the payment commits, and given back if it rolls back): never from process memory, and
 * still gap-free when the write lock becomes one per centre. The row starts at the year's
 * highest receipt (a centre moved in from SQLite has its counter set by the move).
 */
export function nextReceiptSeq(db: Db, communityId: number, year: number): number {
	if (isPg(db)) {
		// One round trip: the year's first payment creates the row, every later one bumps it (the
		// MAX is one probe of payments_receipt_seq).
		return (
			stmt(
				db,
				`INSERT INTO receipt_counters (community_id, year, last_seq)
				 VALUES (?, ?, (SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM payments WHERE community_id = ? AND receipt_year = ?))
				 ON CONFLICT (community_id, year) DO UPDATE SET last_seq = receipt_counters.last_seq + 1
				 RETURNING last_seq`
			).get(communityId, year, communityId, year) as { last_seq: number }
		).last_seq;
	}
	return nextSeq(db, communityId, {
		table: 'payments',
		seqColumn: 'receipt_seq',
		where: { receipt_year: year }
	});
}
