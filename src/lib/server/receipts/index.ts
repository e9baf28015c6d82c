/**
 * Receipts: printing (an explicit POST; every print recorded, reprints need a reason and are
 * audited), the document as its latest print looks (GET records nothing), looking one up by
 * number or by its public verify code, and the lists the lookup and void pages show. Posting and
 * voiding belong to the ledger (`../ledger`); this module only reads and records prints.
 */
import { tx, type Db } from '../db';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import {
	bills,
	feeItems,
	paymentLines,
	payments,
	paymentVoids,
	receiptPrints,
	staffUsers,
	units,
	type ReceiptPrintSource
} from '../db/schema';
import { idsOf, prepared, sumOf } from '../db/prepared';
import { notVoided } from '../ledger/not-voided';
import { audit } from '../audit';
import {
	formatReceiptNo,
	parseReceiptNo,
	paymentByReceiptNo,
	RECEIPT_PREFIX,
	type PaymentRecord
} from '../ledger';
import { formatDateTimeLocal } from '../../dates';
import {
	layoutReceipt,
	type BillFacts,
	type ReceiptFacts,
	type ReceiptLine
} from '../../domain/receipt';
import { isCrossMonth } from '../../domain/voids';
import { unitTiesAsOf } from '../records/ties';

export {
	layoutReceipt,
	receiptDifference,
	type ReceiptLine,
	type ReceiptLayout
} from '../../domain/receipt';

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

/** Why a receipt is printed again (补打), as the clerk picks it; 'other' needs a note. */
export const REPRINT_REASONS = ['lost', 'damaged', 'printer', 'copy', 'other'] as const;
export type ReprintReason = (typeof REPRINT_REASONS)[number];
/** As printed on the receipt and in the audit log (the receipt is a Chinese document). */
export const REPRINT_REASON_ZH: Record<ReprintReason, string> = {
	lost: '原件遗失',
	damaged: '原件污损',
	printer: '打印故障',
	copy: '缴款人另需一份',
	other: '其他'
};

/** Why a resident's own copy from the kiosk was printed, as the receipt says it. */
export const RESIDENT_COPY_REASON = '住户自助补打';

/** One recorded print of a receipt (read only). */
export interface PrintRecord {
	id: number;
	at: number;
	format: string;
	/** 'counter' (a staff member, `by`) or 'kiosk' (the resident's own copy; `by` is ''). */
	source: ReceiptPrintSource;
	reasonCode: string;
	reasonNote: string;
	by: string;
}

export interface PrintState {
	/** Prints recorded so far (0: never printed). */
	count: number;
	/** The latest print, if any. */
	last: PrintRecord | null;
}

const printRows = (db: Db, paymentId: number) =>
	db
		.select({
			id: receiptPrints.id,
			at: receiptPrints.createdAt,
			format: receiptPrints.format,
			source: receiptPrints.source,
			reasonCode: receiptPrints.reasonCode,
			reasonNote: receiptPrints.reasonNote,
			name: staffUsers.displayName,
			workNo: staffUsers.workNo
		})
		.from(receiptPrints)
		// The kiosk's prints have no staff member.
		.leftJoin(staffUsers, eq(staffUsers.id, receiptPrints.printedBy))
		.where(eq(receiptPrints.paymentId, paymentId))
		.orderBy(desc(receiptPrints.id));

const toRecord = (r: {
	id: number;
	at: number;
	format: string;
	source: ReceiptPrintSource;
	reasonCode: string;
	reasonNote: string;
	name: string | null;
	workNo: string | null;
}): PrintRecord => ({
	id: r.id,
	at: r.at,
	format: r.format,
	source: r.source,
	reasonCode: r.reasonCode,
	reasonNote: r.reasonNote,
	by: r.name ? `${r.name}（${r.workNo}）` : ''
});

/** How often a receipt was printed and its latest print (read only). */
export function printState(db: Db, paymentId: number): PrintState {
	const count =
		db
			.select({ n: sql<number>`count(*)` })
			.from(receiptPrints)
			.where(eq(receiptPrints.paymentId, paymentId))
			.get()?.n ?? 0;
	const last = printRows(db, paymentId).limit(1).get();
	return { count, last: last ? toRecord(last) : null };
}

/** Every print of a receipt, newest first (the counter's print history). */
export function printHistory(db: Db, paymentId: number): PrintRecord[] {
	return printRows(db, paymentId).all().map(toRecord);
}

/** "原件遗失　业主来电" as the receipt prints it. */
export function reprintReasonText(code: string, note: string): string {
	const label = (REPRINT_REASON_ZH as Record<string, string>)[code] ?? '';
	return [label, note.trim()].filter(Boolean).join('　');
}

/** Why a print was made, as the receipt prints it: the clerk's reason, or the resident's own copy. */
export function printReasonText(p: Pick<PrintRecord, 'source' | 'reasonCode' | 'reasonNote'>) {
	return p.source === 'kiosk'
		? RESIDENT_COPY_REASON
		: reprintReasonText(p.reasonCode, p.reasonNote);
}

export interface ReceiptView {
	record: PaymentRecord;
	/** 0 = as the original prints; N = as the N-th reprint (补打（第N次）). */
	reprintNo: number;
	printedAt?: number;
	reprintReason?: string;
	facts: ReceiptFacts;
}

/**
 * The receipt as its latest recorded print looks (the original before any print). Reads only:
 * opening the PDF (a link preview, a crawler, a second look) records nothing. Unknown numbers and
 * other communities' receipts give null.
 */
export function receiptView(db: Db, communityId: number, receiptNo: string): ReceiptView | null {
	if (!parseReceiptNo(receiptNo)) return null;
	const record = paymentByReceiptNo(db, communityId, receiptNo);
	if (!record) return null;
	const state = printState(db, record.payment.id);
	const reprintNo = Math.max(0, state.count - 1);
	return {
		record: { ...record, printCount: state.count },
		reprintNo,
		printedAt: reprintNo > 0 ? state.last?.at : undefined,
		reprintReason: reprintNo > 0 && state.last ? printReasonText(state.last) : undefined,
		facts: receiptFacts(db, record)
	};
}

export type PrintResult =
	| { ok: true; receiptNo: string; reprintNo: number; replayed: boolean }
	| { ok: false; error: 'not_found' | 'reason_required' | 'note_required' };

/**
 * Records one print (打印) or reprint (补打) of a receipt of `communityId`. The first print needs
 * no reason; every later one needs a reason from REPRINT_REASONS ('other' with a note) and is
 * audited. One transaction: two prints at once get numbers 1 and 2, never 1 and 1; a replayed
 * `printKey` (a double submit) records nothing and answers as the first time.
 */
export function recordReceiptPrint(
	db: Db,
	p: {
		communityId: number;
		receiptNo: string;
		staffId: number;
		format: ReceiptFormatName;
		reasonCode: string;
		reasonNote: string;
		printKey: string;
		now: number;
	}
): PrintResult {
	if (!parseReceiptNo(p.receiptNo)) return { ok: false, error: 'not_found' };
	return tx(db, () => {
		const payment = db
			.select({ id: payments.id, receiptNo: payments.receiptNo })
			.from(payments)
			.where(and(eq(payments.receiptNo, p.receiptNo), eq(payments.communityId, p.communityId)))
			.get();
		if (!payment) return { ok: false, error: 'not_found' } as const;
		const prior = db
			.select({ id: receiptPrints.id, paymentId: receiptPrints.paymentId })
			.from(receiptPrints)
			.where(eq(receiptPrints.printKey, p.printKey))
			.get();
		if (prior && prior.paymentId === payment.id) {
			const n =
				db
					.select({ n: sql<number>`count(*)` })
					.from(receiptPrints)
					.where(
						and(eq(receiptPrints.paymentId, payment.id), sql`${receiptPrints.id} < ${prior.id}`)
					)
					.get()?.n ?? 0;
			return { ok: true, receiptNo: payment.receiptNo, reprintNo: n, replayed: true } as const;
		}
		const before =
			db
				.select({ n: sql<number>`count(*)` })
				.from(receiptPrints)
				.where(eq(receiptPrints.paymentId, payment.id))
				.get()?.n ?? 0;
		const reprint = before > 0;
		if (reprint && !(REPRINT_REASONS as readonly string[]).includes(p.reasonCode))
			return { ok: false, error: 'reason_required' } as const;
		if (reprint && p.reasonCode === 'other' && !p.reasonNote.trim())
			return { ok: false, error: 'note_required' } as const;
		db.insert(receiptPrints)
			.values({
				paymentId: payment.id,
				printedBy: p.staffId,
				format: p.format,
				reasonCode: reprint ? p.reasonCode : '',
				reasonNote: reprint ? p.reasonNote.trim() : '',
				// A key used for another receipt is not a replay of this one: print without it.
				printKey: prior ? null : p.printKey,
				createdAt: p.now
			})
			.run();
		if (reprint) {
			audit(
				db,
				{
					communityId: p.communityId,
					actorId: p.staffId,
					action: 'receipt.reprint',
					targetType: 'payment',
					targetId: p.receiptNo,
					detail: {
						reprintNo: before,
						format: p.format,
						reason: p.reasonCode,
						note: p.reasonNote.trim()
					}
				},
				p.now
			);
		}
		return { ok: true, receiptNo: payment.receiptNo, reprintNo: before, replayed: false } as const;
	});
}

// Prepared once per connection: every receipt printed reads these.
const billFactsQuery = prepared((db) =>
	db
		.select({
			id: bills.id,
			month: bills.month,
			basis: feeItems.basis,
			rateFen: bills.rateFen,
			fullFen: bills.fullFen,
			principalFen: bills.principalFen,
			vacancyPercent: bills.vacancyPercent,
			source: bills.source,
			areaCenti: units.areaCenti,
			parkingSpaces: units.parkingSpaces
		})
		.from(bills)
		.innerJoin(feeItems, eq(feeItems.id, bills.feeItemId))
		.innerJoin(units, eq(units.id, bills.unitId))
		.where(inArray(bills.id, idsOf('ids')))
		.prepare()
);

// Principal paid on each bill by earlier receipts that were not voided.
const paidBeforeQuery = prepared((db) =>
	db
		.select({ billId: sql<number>`${paymentLines.billId}`, fen: sumOf(paymentLines.amountFen) })
		.from(paymentLines)
		.where(
			and(
				inArray(paymentLines.billId, idsOf('ids')),
				eq(paymentLines.kind, 'principal'),
				lt(paymentLines.paymentId, sql.placeholder('paymentId')),
				notVoided(db, paymentLines.paymentId)
			)
		)
		.groupBy(paymentLines.billId)
		.prepare()
);

/**
 * What the bills and the unit add to a receipt: each bill's unit price, area and vacancy rate,
 * the principal paid on earlier receipts (not voided), and the unit's owners.
 */
export function receiptFacts(db: Db, record: PaymentRecord): ReceiptFacts {
	const billIds = [
		...new Set(record.lines.map((l) => l.billId).filter((id): id is number => id != null))
	];
	const facts = new Map<number, BillFacts>();
	if (billIds.length) {
		const ids = JSON.stringify(billIds);
		const rows = billFactsQuery(db).all({ ids });
		const before = new Map(
			paidBeforeQuery(db)
				.all({ ids, paymentId: record.payment.id })
				.map((r) => [r.billId, r.fen])
		);
		for (const r of rows) {
			const { id, ...f } = r;
			facts.set(id, { ...f, principalPaidBeforeFen: before.get(id) ?? 0 });
		}
	}
	// The owners on the day of payment: a reprint after a transfer still names the old owner.
	const ownerNames = record.payment.unitId
		? unitTiesAsOf(db, record.payment.unitId, record.payment.localDate, ['owner'])
				.map((r) => r.name.trim())
				.filter(Boolean)
		: [];
	return { bills: facts, ownerNames: [...new Set(ownerNames)] };
}

/** One print as the pages list it; `by` is '' for the kiosk (the page names it in its language). */
export interface PrintLine {
	at: string;
	by: string;
	source: ReceiptPrintSource;
	/** A reprint (补打): every print after the first. */
	reprint: boolean;
	reason: string;
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
	/** The unit's owners: a receipt paid by someone else still names them. */
	ownerNames: string[];
	printCount: number;
	/** The latest print: when, by whom (or the kiosk), and why when it was a reprint. */
	lastPrint: PrintLine | null;
	/** Every print, newest first: the counter's print history shows the kiosk's copies too. */
	prints: PrintLine[];
	/** The receipt's lines as printed (signed amounts that sum to totalFen). */
	lines: ReceiptLine[];
	voided: { reason: string; at: string; by: string } | null;
}

export function summarise(db: Db, record: PaymentRecord, timeZone: string): ReceiptSummary {
	const p = record.payment;
	let voided: ReceiptSummary['voided'] = null;
	if (record.void) {
		const by = db
			.select({ name: staffUsers.displayName, workNo: staffUsers.workNo })
			.from(staffUsers)
			.where(eq(staffUsers.id, record.void.voidedBy))
			.get();
		voided = {
			reason: record.void.reason,
			at: formatDateTimeLocal(record.void.createdAt, timeZone),
			by: by ? `${by.name}（${by.workNo}）` : ''
		};
	}
	const facts = receiptFacts(db, record);
	const history = printHistory(db, p.id);
	const prints = history.map((x, i): PrintLine => ({
		at: formatDateTimeLocal(x.at, timeZone),
		by: x.by,
		source: x.source,
		// The resident's copy is marked 补打 even when the counter never printed the receipt.
		reprint: i < history.length - 1 || x.source === 'kiosk',
		reason: printReasonText(x)
	}));
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
		ownerNames: facts.ownerNames,
		printCount: prints.length,
		lastPrint: prints[0] ?? null,
		prints,
		lines: layoutReceipt(record.lines, facts.bills).lines,
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
		.select({
			receiptNo: payments.receiptNo,
			localDate: payments.localDate,
			totalFen: payments.totalFen,
			voidId: paymentVoids.id
		})
		.from(payments)
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, payments.id))
		.where(eq(payments.verifyCode, code))
		.get();
	return row
		? {
				receiptNo: row.receiptNo,
				localDate: row.localDate,
				totalFen: row.totalFen,
				voided: row.voidId != null
			}
		: null;
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
export function recentReceipts(
	db: Db,
	communityId: number,
	timeZone: string,
	opts: { localDate?: string; limit?: number } = {}
): ReceiptListItem[] {
	const where = opts.localDate
		? and(eq(payments.communityId, communityId), eq(payments.localDate, opts.localDate))
		: eq(payments.communityId, communityId);
	return db
		.select({
			receiptNo: payments.receiptNo,
			createdAt: payments.createdAt,
			unitCode: units.code,
			payerName: payments.payerName,
			totalFen: payments.totalFen,
			method: payments.method,
			voidId: paymentVoids.id
		})
		.from(payments)
		.leftJoin(units, eq(units.id, payments.unitId))
		.leftJoin(paymentVoids, eq(paymentVoids.paymentId, payments.id))
		.where(where)
		.orderBy(desc(payments.id))
		.limit(opts.limit ?? 20)
		.all()
		.map((r) => ({
			receiptNo: r.receiptNo,
			paidAt: formatDateTimeLocal(r.createdAt, timeZone),
			unitCode: r.unitCode,
			payerName: r.payerName,
			totalFen: r.totalFen,
			method: r.method,
			voided: r.voidId != null
		}));
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
export function recentVoids(
	db: Db,
	communityId: number,
	timeZone: string,
	limit = 20
): VoidListItem[] {
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
