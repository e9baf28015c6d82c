// 票据 search at the counter: receipts of a community by number, room, owner or payer name,
// phone tail, date range, method and cashier, newest first, a page at a time. Read only.
import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { formatDateTimeLocal } from '../../dates';

export const RECEIPT_PAGE_SIZE = 20;

export interface ReceiptFilter {
	receiptNo?: string | null;
	/** Unit code prefix ("2-1-301", "2-1"). */
	room?: string | null;
	/** Part of the payer's name or of a name tied to the unit. */
	name?: string | null;
	/** Last digits of a phone of a person tied to the unit. */
	phone?: string | null;
	from?: string | null;
	to?: string | null;
	method?: string | null;
	cashierId?: number | null;
	page?: number;
}

export interface ReceiptHit {
	receiptNo: string;
	paidAt: string;
	localDate: string;
	unitId: number | null;
	unitCode: string | null;
	payerName: string;
	purpose: string;
	method: string;
	totalFen: number;
	cashier: string;
	voided: boolean;
}

export interface ReceiptPage {
	hits: ReceiptHit[];
	page: number;
	hasMore: boolean;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The search; `page` counts from 1. Only receipts of `communityId`. */
export function searchReceipts(
	db: Db,
	communityId: number,
	timeZone: string,
	f: ReceiptFilter
): ReceiptPage {
	const where = ['p.community_id = ?'];
	const args: unknown[] = [communityId];
	if (f.receiptNo) {
		where.push('p.receipt_no = ?');
		args.push(f.receiptNo);
	}
	if (f.room) {
		// A range on the code (index-friendly) rather than LIKE.
		where.push('u.code >= ? AND u.code < ?');
		args.push(f.room, f.room + '\uffff');
	}
	if (f.name) {
		const like = `%${escapeLike(f.name)}%`;
		where.push(`(p.payer_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
			WHERE uo.unit_id = p.unit_id AND o.name LIKE ? ESCAPE '\\'))`);
		args.push(like, like);
	}
	if (f.phone) {
		where.push(`EXISTS (SELECT 1 FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
			WHERE uo.unit_id = p.unit_id AND o.phone LIKE ? ESCAPE '\\')`);
		args.push(`%${escapeLike(f.phone)}`);
	}
	if (f.from) {
		where.push('p.local_date >= ?');
		args.push(f.from);
	}
	if (f.to) {
		where.push('p.local_date <= ?');
		args.push(f.to);
	}
	if (f.method) {
		where.push('p.method = ?');
		args.push(f.method);
	}
	if (f.cashierId) {
		where.push('p.cashier_id = ?');
		args.push(f.cashierId);
	}
	const page = Math.max(1, Math.floor(f.page ?? 1));
	const rows = stmt(
		db,
		`SELECT p.receipt_no AS receiptNo, p.created_at AS createdAt, p.local_date AS localDate, p.unit_id AS unitId,
			u.code AS unitCode, p.payer_name AS payerName, p.purpose, p.method, p.total_fen AS totalFen,
			s.display_name AS cashierName, s.work_no AS workNo,
			EXISTS (SELECT 1 FROM payment_voids v WHERE v.payment_id = p.id) AS voided
		FROM payments p LEFT JOIN units u ON u.id = p.unit_id JOIN staff_users s ON s.id = p.cashier_id
		WHERE ${where.join(' AND ')} ORDER BY p.id DESC LIMIT ? OFFSET ?`
	).all(...args, RECEIPT_PAGE_SIZE + 1, (page - 1) * RECEIPT_PAGE_SIZE) as (Omit<
		ReceiptHit,
		'paidAt' | 'cashier' | 'voided'
	> & { createdAt: number; cashierName: string; workNo: string; voided: number })[];
	return {
		hits: rows
			.slice(0, RECEIPT_PAGE_SIZE)
			.map(({ createdAt, cashierName, workNo, voided, ...r }) => ({
				...r,
				paidAt: formatDateTimeLocal(createdAt, timeZone),
				cashier: `${cashierName}（${workNo}）`,
				voided: voided === 1
			})),
		page,
		hasMore: rows.length > RECEIPT_PAGE_SIZE
	};
}

/** The community's staff by work number (upper case), for the cashier filter. */
export function cashiersByWorkNo(db: Db, communityId: number): Map<string, number> {
	return new Map(
		(
			stmt(db, 'SELECT id, work_no AS workNo FROM staff_users WHERE community_id = ?').all(
				communityId
			) as { id: number; workNo: string }[]
		).map((s) => [s.workNo.toUpperCase(), s.id])
	);
}
