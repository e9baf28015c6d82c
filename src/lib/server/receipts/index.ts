/**
 * Receipts: printing (every print recorded, reprints audited), looking one up by number or by
 * its public verify code, and the lists the lookup and void pages show. Posting and voiding
 * belong to the ledger (`../ledger`); this module only reads and records prints.
 */
import { and, desc, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { payments, paymentVoids, staffUsers, units } from '../db/schema';
import { audit } from '../audit';
import { formatReceiptNo, parseReceiptNo, paymentByReceiptNo, recordPrint, RECEIPT_PREFIX, type PaymentRecord } from '../ledger';
import { formatDateTimeLocal } from '../../dates';
import { receiptRows, type ReceiptRow } from './rows';
import { isCrossMonth } from '../../domain/voids';

export { receiptRows, type ReceiptRow, type ReceiptRows } from './rows';

export const RECEIPT_FORMATS = ['a5', 'roll'] as const;
export type ReceiptFormatName = (typeof RECEIPT_FORMATS)[number];

/**
 * What a clerk typed as a receipt number → the canonical `SF-2026-000123`, or null.
 * Accepts lower case, full-width characters, spaces, a missing prefix ("2026-123") and a bare
 * sequence number ("123", taken as this year's). Anything else is not a receipt number.
 */
export function normaliseReceiptNo(input: string, currentYear: number): string | null {
	const s = String(input ?? '')
		.normalize('NFKC') // full-width Ｓ Ｆ － １ → ASCII
		.replace(/\s+/g, '')
		.toUpperCase();
	if (!s || s.length > 30) return null;
	let m = /^(?:([A-Z]{2})-?)?(\d{4})-(\d{1,9})$/.exec(s);
	if (m) return canonical(m[1] ?? RECEIPT_PREFIX, Number(m[2]), Number(m[3]));
	m = /^(\d{1,9})$/.exec(s);
	if (m) return canonical(RECEIPT_PREFIX, currentYear, Number(m[1]));
	return null;
}

function canonical(prefix: string, year: number, seq: number): string | null {
	if (seq < 1 || year < 2000 || year > 2999) return null;
	const no = formatReceiptNo(prefix, year, seq);
	return parseReceiptNo(no) ? no : null;
}

/** Verify codes are 12 base32 characters; people may type them in lower case with dashes. */
export function normaliseVerifyCode(input: string): string | null {
	const s = String(input ?? '')
		.normalize('NFKC')
		.replace(/[\s-]+/g, '')
		.toUpperCase();
	return /^[A-Z2-7]{12}$/.test(s) ? s : null;
}

/** The public address printed as a QR code. */
export function verifyUrl(origin: string, code: string): string {
	return `${origin.replace(/\/+$/, '')}/verify/${code}`;
}

export interface PrintedReceipt {
	record: PaymentRecord;
	/** 0 = the original print; N = the N-th reprint (补打). */
	reprintNo: number;
}

/**
 * Records one print of a receipt of `communityId` and returns what to render. Unknown numbers
 * and other communities' receipts give null (the route answers 404). The count and the insert
 * share one transaction, so two prints at once get numbers 1 and 2, never 1 and 1.
 */
export function printReceipt(
	db: Db,
	p: { communityId: number; receiptNo: string; staffId: number; format: ReceiptFormatName; now: number }
): PrintedReceipt | null {
	if (!parseReceiptNo(p.receiptNo)) return null;
	return tx(db, () => {
		const record = paymentByReceiptNo(db, p.communityId, p.receiptNo);
		if (!record) return null;
		const before = recordPrint(db, record.payment.id, p.staffId, p.format, p.now);
		if (before > 0) {
			audit(db, { communityId: p.communityId, actorId: p.staffId, action: 'receipt.reprint', targetType: 'payment', targetId: p.receiptNo, detail: { reprintNo: before, format: p.format, voided: !!record.void } }, p.now);
		}
		return { record: { ...record, printCount: before + 1 }, reprintNo: before };
	});
}

/** What the lookup and void pages show of one receipt (plain data, safe to send to the page). */
export interface ReceiptSummary {
	receiptNo: string;
	paidAt: string;
	localDate: string;
	unitCode: string | null;
	payerName: string;
	purpose: string;
	method: string;
	methodRef: string;
	bank: string;
	totalFen: number;
	tenderedFen: number | null;
	changeFen: number | null;
	cashier: string;
	printCount: number;
	rows: ReceiptRow[];
	voided: { reason: string; at: string; by: string } | null;
}

export function summarise(db: Db, record: PaymentRecord, timeZone: string): ReceiptSummary {
	const p = record.payment;
	let voided: ReceiptSummary['voided'] = null;
	if (record.void) {
		const by = db.select({ name: staffUsers.displayName, workNo: staffUsers.workNo }).from(staffUsers).where(eq(staffUsers.id, record.void.voidedBy)).get();
		voided = { reason: record.void.reason, at: formatDateTimeLocal(record.void.createdAt, timeZone), by: by ? `${by.name}（${by.workNo}）` : '' };
	}
	return {
		receiptNo: p.receiptNo,
		paidAt: formatDateTimeLocal(p.createdAt, timeZone),
		localDate: p.localDate,
		unitCode: record.unitCode,
		payerName: p.payerName,
		purpose: p.purpose,
		method: p.method,
		methodRef: p.methodRef,
		bank: p.bank,
		totalFen: p.totalFen,
		tenderedFen: p.tenderedFen,
		changeFen: p.changeFen,
		cashier: `${record.cashier.displayName}（${record.cashier.workNo}）`,
		printCount: record.printCount,
		rows: receiptRows(record.lines).rows,
		voided
	};
}

/** The public check: only number, date, amount and status. Never names or the unit. */
export interface VerifiedReceipt {
	receiptNo: string;
	localDate: string;
	totalFen: number;
	voided: boolean;
}

export function receiptByVerifyCode(db: Db, code: string): VerifiedReceipt | null {
	const row = db
		.select({ receiptNo: payments.receiptNo, localDate: payments.localDate, totalFen: payments.totalFen, voidId: paymentVoids.id })
		.from(payments)
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, payments.id))
		.where(eq(payments.verifyCode, code))
		.get();
	return row ? { receiptNo: row.receiptNo, localDate: row.localDate, totalFen: row.totalFen, voided: row.voidId != null } : null;
}

export interface ReceiptListItem {
	receiptNo: string;
	paidAt: string;
	unitCode: string | null;
	payerName: string;
	totalFen: number;
	method: string;
	voided: boolean;
}

/** The latest receipts of a community (newest first), optionally of one calendar day. */
export function recentReceipts(db: Db, communityId: number, timeZone: string, opts: { localDate?: string; limit?: number } = {}): ReceiptListItem[] {
	const where = opts.localDate ? and(eq(payments.communityId, communityId), eq(payments.localDate, opts.localDate)) : eq(payments.communityId, communityId);
	return db
		.select({ receiptNo: payments.receiptNo, createdAt: payments.createdAt, unitCode: units.code, payerName: payments.payerName, totalFen: payments.totalFen, method: payments.method, voidId: paymentVoids.id })
		.from(payments)
		.leftJoin(units, eq(units.id, payments.unitId))
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, payments.id))
		.where(where)
		.orderBy(desc(payments.id))
		.limit(opts.limit ?? 20)
		.all()
		.map((r) => ({ receiptNo: r.receiptNo, paidAt: formatDateTimeLocal(r.createdAt, timeZone), unitCode: r.unitCode, payerName: r.payerName, totalFen: r.totalFen, method: r.method, voided: r.voidId != null }));
}

export interface VoidListItem {
	receiptNo: string;
	paidAt: string;
	unitCode: string | null;
	totalFen: number;
	reason: string;
	/** Reason category (required for a receipt of an earlier month), or null. */
	category: string | null;
	/** 跨月作废: the receipt is of an earlier month than its void. */
	crossMonth: boolean;
	voidedAt: string;
	voidedBy: string;
}

/** The latest voids of a community, newest first. */
export function recentVoids(db: Db, communityId: number, timeZone: string, limit = 20): VoidListItem[] {
	return db
		.select({
			receiptNo: payments.receiptNo,
			paidAt: payments.createdAt,
			unitCode: units.code,
			totalFen: payments.totalFen,
			reason: paymentVoids.reason,
			category: paymentVoids.reasonCategory,
			paidDate: payments.localDate,
			voidDate: paymentVoids.localDate,
			voidedAt: paymentVoids.createdAt,
			byName: staffUsers.displayName,
			byWorkNo: staffUsers.workNo
		})
		.from(paymentVoids)
		.innerJoin(payments, eq(payments.id, paymentVoids.paymentId))
		.leftJoin(units, eq(units.id, payments.unitId))
		.innerJoin(staffUsers, eq(staffUsers.id, paymentVoids.voidedBy))
		.where(eq(payments.communityId, communityId))
		.orderBy(desc(paymentVoids.id))
		.limit(limit)
		.all()
		.map((r) => ({
			receiptNo: r.receiptNo,
			paidAt: formatDateTimeLocal(r.paidAt, timeZone),
			unitCode: r.unitCode,
			totalFen: r.totalFen,
			reason: r.reason,
			category: r.category ?? null,
			crossMonth: isCrossMonth(r.paidDate, r.voidDate),
			voidedAt: formatDateTimeLocal(r.voidedAt, timeZone),
			voidedBy: `${r.byName}（${r.byWorkNo}）`
		}));
}
