// 票据 search at the counter: receipts of a community by number, room, owner or payer name,
// phone tail, date range, method and cashier, newest first, a page at a time. Read only.
import { and, desc, eq, exists, gte, lt, lte, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { owners, paymentVoids, payments, staffUsers, unitOwners, units } from '../db/schema';
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

/** `column LIKE pattern` with `\` as the escape character (drizzle's `like()` takes no ESCAPE). */
const likeEscaped = (column: Column, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

/** A person tied to the receipt's unit (any time) matching `cond`. */
const tiedPerson = (db: Db, cond: SQL) =>
	exists(
		db
			.select({ one: sql`1` })
			.from(unitOwners)
			.innerJoin(owners, eq(owners.id, unitOwners.ownerId))
			.where(and(eq(unitOwners.unitId, payments.unitId), cond))
	);

/** The search; `page` counts from 1. Only receipts of `communityId`. */
export function searchReceipts(
	db: Db,
	communityId: number,
	timeZone: string,
	f: ReceiptFilter
): ReceiptPage {
	const where: (SQL | undefined)[] = [eq(payments.communityId, communityId)];
	if (f.receiptNo) where.push(eq(payments.receiptNo, f.receiptNo));
	// A range on the code (index-friendly) rather than LIKE.
	if (f.room) where.push(gte(units.code, f.room), lt(units.code, f.room + '\uffff'));
	if (f.name) {
		const like = `%${escapeLike(f.name)}%`;
		where.push(
			or(likeEscaped(payments.payerName, like), tiedPerson(db, likeEscaped(owners.name, like)))
		);
	}
	if (f.phone) where.push(tiedPerson(db, likeEscaped(owners.phone, `%${escapeLike(f.phone)}`)));
	if (f.from) where.push(gte(payments.localDate, f.from));
	if (f.to) where.push(lte(payments.localDate, f.to));
	if (f.method) where.push(sql`${payments.method} = ${f.method}`);
	if (f.cashierId) where.push(eq(payments.cashierId, f.cashierId));
	const page = Math.max(1, Math.floor(f.page ?? 1));
	const rows = db
		.select({
			receiptNo: payments.receiptNo,
			createdAt: payments.createdAt,
			localDate: payments.localDate,
			unitId: payments.unitId,
			unitCode: units.code,
			payerName: payments.payerName,
			purpose: payments.purpose,
			method: payments.method,
			totalFen: payments.totalFen,
			cashierName: staffUsers.displayName,
			workNo: staffUsers.workNo,
			voided: exists(
				db
					.select({ one: sql`1` })
					.from(paymentVoids)
					.where(eq(paymentVoids.paymentId, payments.id))
			).mapWith(Boolean)
		})
		.from(payments)
		.leftJoin(units, eq(units.id, payments.unitId))
		.innerJoin(staffUsers, eq(staffUsers.id, payments.cashierId))
		.where(and(...where))
		.orderBy(desc(payments.id))
		.limit(RECEIPT_PAGE_SIZE + 1)
		.offset((page - 1) * RECEIPT_PAGE_SIZE)
		.all();
	return {
		hits: rows.slice(0, RECEIPT_PAGE_SIZE).map(({ createdAt, cashierName, workNo, ...r }) => ({
			...r,
			paidAt: formatDateTimeLocal(createdAt, timeZone),
			cashier: `${cashierName}（${workNo}）`
		})),
		page,
		hasMore: rows.length > RECEIPT_PAGE_SIZE
	};
}

/** The community's staff by work number (upper case), for the cashier filter. */
export function cashiersByWorkNo(db: Db, communityId: number): Map<string, number> {
	return new Map(
		db
			.select({ id: staffUsers.id, workNo: staffUsers.workNo })
			.from(staffUsers)
			.where(eq(staffUsers.communityId, communityId))
			.all()
			.map((s) => [s.workNo.toUpperCase(), s.id])
	);
}
