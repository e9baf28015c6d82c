import { createHash } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { tx, type Db } from '../db';
import { stmt } from '../db/stmt';
import type { LineKind, PaymentMethod } from '../db/schema';
import { audit } from '../audit';
import { LedgerError } from './errors';
import { formatReceiptNo, nextReceiptSeq, RECEIPT_PREFIX } from './receipt-no';
import { MAX_FEN } from '../../money';
import { requireCashShift } from '../shifts/open';

export interface LineInput {
	kind: LineKind;
	itemCode: string;
	amountFen: number;
	description?: string;
	billId?: number | null;
	refType?: string | null;
	refId?: number | null;
	detail?: Record<string, unknown>;
}

export interface PaymentInput {
	communityId: number;
	unitId: number | null;
	purpose: string;
	payerName: string;
	method: PaymentMethod;
	methodRef?: string;
	bank?: string;
	/** Cash only: what the payer handed over. */
	tenderedFen?: number | null;
	cashierId: number;
	idempotencyKey: string;
	/**
	 * What the form asked for, as `requestHash(...)`: a replay must ask for the same. Defaults to
	 * the hash of unit, purpose, method and lines (callers that work lines out from the ledger,
	 * which changes once paid, pass the hash of their own request instead).
	 */
	requestHash?: string;
	lines: LineInput[];
	/** Epoch ms and the community's calendar date of that moment. */
	now: number;
	localDate: string;
}

export interface PostedPayment {
	paymentId: number;
	receiptNo: string;
	totalFen: number;
	changeFen: number | null;
	/** True when this idempotency key had already posted: nothing new was written. */
	replayed: boolean;
}

const METHODS_NEEDING_REF: PaymentMethod[] = ['cheque', 'card', 'transfer', 'wechat', 'alipay'];

function checkInput(input: PaymentInput): number {
	if (!input.idempotencyKey || input.idempotencyKey.length > 100)
		throw new LedgerError('idempotency_key');
	if (input.lines.length === 0) throw new LedgerError('no_lines');
	let total = 0;
	for (const line of input.lines) {
		if (!Number.isSafeInteger(line.amountFen) || line.amountFen <= 0)
			throw new LedgerError('bad_amount');
		total += line.amountFen;
	}
	if (total > MAX_FEN) throw new LedgerError('too_large');
	if (input.method === 'cash') {
		const t = input.tenderedFen;
		if (t == null || !Number.isSafeInteger(t)) throw new LedgerError('tendered_missing');
		if (t < total) throw new LedgerError('tendered_short', { totalFen: total, tenderedFen: t });
		if (t > MAX_FEN) throw new LedgerError('too_large');
	} else if (METHODS_NEEDING_REF.includes(input.method) && !input.methodRef?.trim()) {
		throw new LedgerError('method_ref_missing');
	}
	if (input.method === 'transfer' && !input.bank?.trim()) throw new LedgerError('bank_missing');
	return total;
}

function randomCode(): string {
	const b = new Uint8Array(8);
	crypto.getRandomValues(b);
	return encodeBase32UpperCaseNoPadding(b).slice(0, 12);
}

// Plain prepared statements: a payment writes a dozen or more lines, and building each INSERT
// through the query builder cost more than the write itself (bench: postFeePayment).
const PRIOR_SQL = `SELECT id, receipt_no AS receiptNo, total_fen AS totalFen, change_fen AS changeFen, unit_id AS unitId,
	cashier_id AS cashierId, community_id AS communityId, request_hash AS requestHash FROM payments WHERE idempotency_key = ?`;
const INSERT_PAYMENT_SQL = `INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose, unit_id, payer_name,
	method, method_ref, bank, total_fen, tendered_fen, change_fen, cashier_id, idempotency_key, request_hash, verify_code, local_date, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** Lines go in by up to LINE_CHUNK rows per statement (one statement per chunk size, cached). */
const LINE_CHUNK = 32;
const lineInsertSql = (rows: number) =>
	`INSERT INTO payment_lines (payment_id, kind, bill_id, item_code, description, ref_type, ref_id,
		amount_fen, detail)
	VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

function insertLines(db: Db, paymentId: number, lines: LineInput[]): void {
	for (let i = 0; i < lines.length; i += LINE_CHUNK) {
		const chunk = lines.slice(i, i + LINE_CHUNK);
		const params: unknown[] = [];
		for (const l of chunk) {
			params.push(
				paymentId,
				l.kind,
				l.billId ?? null,
				l.itemCode,
				l.description ?? '',
				l.refType ?? null,
				l.refId ?? null,
				l.amountFen,
				JSON.stringify(l.detail ?? {})
			);
		}
		stmt(db, lineInsertSql(chunk.length)).run(...params);
	}
}

/**
 * A stable SHA-256 of a payment request (any JSON value; object keys are sorted), stored with the
 * payment so that a form key reused for something else is told apart from a double submit.
 */
export function requestHash(request: unknown): string {
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canonical)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.keys(v)
							.sort()
							.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
					)
				: (v ?? null);
	return createHash('sha256')
		.update(JSON.stringify(canonical(request)))
		.digest('hex');
}

function defaultHash(input: PaymentInput): string {
	return requestHash({
		unitId: input.unitId,
		purpose: input.purpose,
		method: input.method,
		methodRef: input.methodRef?.trim() ?? '',
		bank: input.bank?.trim() ?? '',
		tenderedFen: input.method === 'cash' ? (input.tenderedFen ?? null) : null,
		lines: input.lines.map((l) => [
			l.kind,
			l.itemCode,
			l.billId ?? null,
			l.refType ?? null,
			l.refId ?? null,
			l.amountFen
		])
	});
}

/**
 * The payment an idempotency key already posted, as a replayed result, or null. The same key for
 * another unit, cashier, community, (when given) total or request (`hash`) is a conflict, not a
 * replay: "this form was already used".
 */
export function priorPayment(
	db: Db,
	key: { idempotencyKey: string; unitId: number | null; cashierId: number; communityId: number },
	totalFen?: number,
	hash?: string
): PostedPayment | null {
	const p = stmt(db, PRIOR_SQL).get(key.idempotencyKey) as
		| {
				id: number;
				receiptNo: string;
				totalFen: number;
				changeFen: number | null;
				unitId: number | null;
				cashierId: number;
				communityId: number;
				requestHash: string | null;
		  }
		| undefined;
	if (!p) return null;
	if (
		p.unitId !== key.unitId ||
		p.cashierId !== key.cashierId ||
		p.communityId !== key.communityId ||
		(totalFen !== undefined && p.totalFen !== totalFen) ||
		(hash !== undefined && p.requestHash !== null && p.requestHash !== hash)
	) {
		throw new LedgerError('idempotency_conflict', { receiptNo: p.receiptNo });
	}
	return {
		paymentId: p.id,
		receiptNo: p.receiptNo,
		totalFen: p.totalFen,
		changeFen: p.changeFen,
		replayed: true
	};
}

/**
 * Posts one payment with its receipt number in ONE transaction, idempotently: a retried or
 * double-submitted form (same key) returns the first result and writes nothing. `validate`
 * runs inside the transaction, after the write lock is taken, so checks such as "this bill is
 * still unpaid" cannot race with another clerk; it throws LedgerError to refuse. Cash needs the
 * cashier's open shift ('no_open_shift').
 */
export function postPayment(db: Db, input: PaymentInput, validate?: () => void): PostedPayment {
	const total = checkInput(input);
	const hash = input.requestHash ?? defaultHash(input);
	return tx(db, () => {
		const replay = priorPayment(db, input, total, hash);
		if (replay) return replay;
		if (input.method === 'cash')
			requireCashShift(db, input.communityId, input.cashierId, input.now);
		validate?.();
		const year = Number(input.localDate.slice(0, 4));
		const seq = nextReceiptSeq(db, input.communityId, year);
		const receiptNo = formatReceiptNo(RECEIPT_PREFIX, year, seq);
		const cash = input.method === 'cash';
		const changeFen = cash ? (input.tenderedFen as number) - total : null;
		const paymentId = Number(
			stmt(db, INSERT_PAYMENT_SQL).run(
				input.communityId,
				receiptNo,
				year,
				seq,
				input.purpose,
				input.unitId,
				input.payerName.trim(),
				input.method,
				input.methodRef?.trim() ?? '',
				input.bank?.trim() ?? '',
				total,
				cash ? (input.tenderedFen as number) : null,
				changeFen,
				input.cashierId,
				input.idempotencyKey,
				hash,
				randomCode(),
				input.localDate,
				input.now
			).lastInsertRowid
		);
		insertLines(db, paymentId, input.lines);
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.cashierId,
				action: 'payment.post',
				targetType: 'payment',
				targetId: receiptNo,
				detail: { totalFen: total, method: input.method, purpose: input.purpose }
			},
			input.now
		);
		return { paymentId, receiptNo, totalFen: total, changeFen, replayed: false };
	});
}
