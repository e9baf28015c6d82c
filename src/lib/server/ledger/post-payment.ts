import { createHash } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { tx, type Db } from '../db';
import { eq, sql } from 'drizzle-orm';
import { paymentLines, payments, type LineKind, type PaymentMethod } from '../db/schema';
import { placeholders, prepared } from '../db/prepared';
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
	/**
	 * The caller's transaction already looked this key up (`priorPayment`) and found nothing, so
	 * it is not looked up twice (postFeePayment checks before working out its lines).
	 */
	replayChecked?: boolean;
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

// Prepared once per connection with placeholders: a payment writes a dozen or more lines, and
// building each INSERT through the query builder cost more than the write itself (bench:
// postFeePayment).
const priorQuery = prepared((db) =>
	db
		.select({
			id: payments.id,
			receiptNo: payments.receiptNo,
			totalFen: payments.totalFen,
			changeFen: payments.changeFen,
			unitId: payments.unitId,
			cashierId: payments.cashierId,
			communityId: payments.communityId,
			requestHash: payments.requestHash
		})
		.from(payments)
		.where(eq(payments.idempotencyKey, sql.placeholder('key')))
		.prepare()
);

const PAYMENT_FIELDS = [
	'communityId',
	'receiptNo',
	'receiptYear',
	'receiptSeq',
	'purpose',
	'unitId',
	'payerName',
	'method',
	'methodRef',
	'bank',
	'totalFen',
	'tenderedFen',
	'changeFen',
	'cashierId',
	'idempotencyKey',
	'requestHash',
	'verifyCode',
	'localDate',
	'createdAt'
] as const;
const insertPayment = prepared((db) =>
	db.insert(payments).values(placeholders(PAYMENT_FIELDS)).returning({ id: payments.id }).prepare()
);

/** Lines go in by up to LINE_CHUNK rows per statement (one statement per chunk size, cached). */
const LINE_CHUNK = 32;
const LINE_FIELDS = [
	'paymentId',
	'kind',
	'billId',
	'itemCode',
	'description',
	'refType',
	'refId',
	'amountFen',
	'detail'
] as const;
const lineInserts = Array.from({ length: LINE_CHUNK + 1 }, (_, rows) =>
	prepared((db) =>
		db
			.insert(paymentLines)
			.values(
				Array.from({ length: Math.max(1, rows) }, (_, i) => placeholders(LINE_FIELDS, `${i}.`))
			)
			.prepare()
	)
);

function insertLines(db: Db, paymentId: number, lines: LineInput[]): void {
	for (let i = 0; i < lines.length; i += LINE_CHUNK) {
		const chunk = lines.slice(i, i + LINE_CHUNK);
		const params: Record<string, unknown> = {};
		chunk.forEach((l, j) => {
			const row: Record<(typeof LINE_FIELDS)[number], unknown> = {
				paymentId,
				kind: l.kind,
				billId: l.billId ?? null,
				itemCode: l.itemCode,
				description: l.description ?? '',
				refType: l.refType ?? null,
				refId: l.refId ?? null,
				amountFen: l.amountFen,
				detail: JSON.stringify(l.detail ?? {})
			};
			for (const f of LINE_FIELDS) params[`${j}.${f}`] = row[f];
		});
		lineInserts[chunk.length](db).run(params);
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
	const p = priorQuery(db).get({ key: key.idempotencyKey });
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
		const replay = input.replayChecked ? null : priorPayment(db, input, total, hash);
		if (replay) return replay;
		if (input.method === 'cash')
			requireCashShift(db, input.communityId, input.cashierId, input.now);
		validate?.();
		const year = Number(input.localDate.slice(0, 4));
		const seq = nextReceiptSeq(db, input.communityId, year);
		const receiptNo = formatReceiptNo(RECEIPT_PREFIX, year, seq);
		const cash = input.method === 'cash';
		const tendered = cash ? (input.tenderedFen as number) : null;
		const changeFen = tendered === null ? null : tendered - total;
		const { id: paymentId } = insertPayment(db).get({
			communityId: input.communityId,
			receiptNo,
			receiptYear: year,
			receiptSeq: seq,
			purpose: input.purpose,
			unitId: input.unitId,
			payerName: input.payerName.trim(),
			method: input.method,
			methodRef: input.methodRef?.trim() ?? '',
			bank: input.bank?.trim() ?? '',
			totalFen: total,
			tenderedFen: tendered,
			changeFen,
			cashierId: input.cashierId,
			idempotencyKey: input.idempotencyKey,
			requestHash: hash,
			verifyCode: randomCode(),
			localDate: input.localDate,
			createdAt: input.now
		})!;
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
