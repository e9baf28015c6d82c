import { eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { paymentLines, payments, renovationPasses, units, type PaymentMethod } from '../db/schema';
import { getCommunity } from '../community';
import { postPayment, requestHash, type LineInput } from '../ledger';
import { checkTransition, checkPassExpiry, type RenovationState } from '../../domain/renovation';
import {
	formatArea,
	checkWallArea,
	quoteFees,
	ITEM,
	ITEM_NAME_EN,
	ITEM_NAME_ZH,
	type FeeQuote
} from '../../domain/renovation-fees';
import { formatYuan } from '../../money';
import { RenovationError } from './errors';
import { nextPassNo } from './numbers';
import { recordEvent, todayOf, permitEnd, type Actor } from './applications';
import {
	livePassesFor,
	renovationOf,
	REF_PASS,
	REF_RENOVATION,
	type PassRow,
	type RenovationRow
} from './records';
import { normaliseIdNumber } from '../../domain/keys';

/*
 * Money taken for a renovation goes through the shared ledger (one payment, one SF receipt):
 * the fees when the agreement is signed, and worker passes issued later. Deposits are
 * `deposit` lines (held, refundable), the debris fees and card fees are `charge` lines.
 */

export const PAYMENT_PURPOSE = 'renovation';

export interface WorkerInput {
	name: string;
	idNumber: string;
	phone: string;
	idCopyOnFile: boolean;
	photoOnFile: boolean;
	expiresOn: string;
}

/** The payment-method part of the form (see ledger/method-form.ts `parseMethodFields`). */
export interface MethodInput {
	method: PaymentMethod;
	methodRef: string;
	bank: string;
	tenderedFen: number | null;
	payerName: string;
	idempotencyKey: string;
}

export const MAX_WORKERS_PER_VISIT = 30;

/** States in which more worker passes may be issued (work not finished yet). */
export const PASS_STATES: readonly RenovationState[] = [
	'paid',
	'permit_issued',
	'in_progress',
	'inspection_failed'
];

/** The quote for an application: fees from the community's settings and the unit's building area. */
export function quoteFor(
	db: Db,
	r: RenovationRow,
	wallAreaCenti: number,
	passCount: number,
	opts: { initial: boolean }
): FeeQuote {
	const s = getCommunity(db, r.communityId).settings.renovation;
	const unit = db
		.select({ areaCenti: units.areaCenti })
		.from(units)
		.where(eq(units.id, r.unitId))
		.get()!;
	return quoteFees(s, {
		buildingAreaCenti: unit.areaCenti,
		wallAreaCenti,
		passCount,
		includeDeposit: opts.initial,
		includeDebris: opts.initial
	});
}

/** Checks and inserts worker passes (inside the caller's transaction). */
function insertPasses(
	db: Db,
	actor: Actor,
	r: RenovationRow,
	workers: WorkerInput[],
	today: string,
	now: number
): PassRow[] {
	if (workers.length > MAX_WORKERS_PER_VISIT)
		throw new RenovationError('too_many_workers', { max: MAX_WORKERS_PER_VISIT });
	const end = permitEnd(r);
	const seen = new Set<string>();
	workers.forEach((w, i) => {
		const row = i + 1;
		if (!w.idCopyOnFile || !w.photoOnFile)
			throw new RenovationError('pass_documents_required', { row, name: w.name });
		const expiry = checkPassExpiry(w.expiresOn, today, end);
		if (expiry === 'past') throw new RenovationError('pass_expiry_past', { row, name: w.name });
		if (expiry === 'after_permit')
			throw new RenovationError('pass_expiry_after_permit', { row, name: w.name, end });
		const id = normaliseIdNumber(w.idNumber);
		if (seen.has(id)) throw new RenovationError('duplicate_worker_in_form', { row, name: w.name });
		seen.add(id);
		const live = livePassesFor(db, actor.communityId, id);
		if (live.length)
			throw new RenovationError('duplicate_worker', {
				row,
				name: w.name,
				passNo: live[0].passNo,
				unit: live[0].unitCode
			});
	});
	const year = Number(today.slice(0, 4));
	return workers.map((w) =>
		db
			.insert(renovationPasses)
			.values({
				communityId: actor.communityId,
				renovationId: r.id,
				passNo: nextPassNo(db, actor.communityId, year),
				workerName: w.name.trim(),
				idNumber: normaliseIdNumber(w.idNumber),
				phone: w.phone.trim(),
				idCopyOnFile: w.idCopyOnFile,
				photoOnFile: w.photoOnFile,
				expiresOn: w.expiresOn,
				createdBy: actor.id,
				createdAt: now
			})
			.returning()
			.get()
	);
}

/**
 * Ledger lines of a quote: renovation-level lines point at the application, pass lines at their
 * pass. The receipt prints `detail.itemNameZh` as the item and the description as its note.
 */
function linesOf(quote: FeeQuote, r: RenovationRow, passes: PassRow[]): LineInput[] {
	const rate = (fen: number) => formatYuan(fen, { symbol: false });
	return quote.lines.map((l) => {
		const pass = l.passIndex !== undefined ? passes[l.passIndex] : undefined;
		const names = { itemNameZh: ITEM_NAME_ZH[l.itemCode], itemNameEn: ITEM_NAME_EN[l.itemCode] };
		let description = r.appNo;
		let detail: Record<string, unknown> = { ...names, appNo: r.appNo };
		if (l.itemCode === ITEM.debrisFee) {
			description = `${rate(quote.debrisRateFenPerM2)}元/㎡×${formatArea(quote.buildingAreaCenti)}㎡（建筑面积）`;
			detail = {
				...names,
				rateFenPerM2: quote.debrisRateFenPerM2,
				areaCenti: quote.buildingAreaCenti
			};
		} else if (l.itemCode === ITEM.wallDebrisFee) {
			description = `${rate(quote.wallDebrisRateFenPerM2)}元/㎡×${formatArea(quote.wallAreaCenti)}㎡（实测敲墙面积）`;
			detail = {
				...names,
				rateFenPerM2: quote.wallDebrisRateFenPerM2,
				areaCenti: quote.wallAreaCenti
			};
		} else if (pass) {
			description = `${pass.passNo} ${pass.workerName}`;
			detail = { ...names, passNo: pass.passNo };
		}
		return {
			kind: l.kind,
			itemCode: l.itemCode,
			amountFen: l.amountFen,
			description,
			refType: pass ? REF_PASS : REF_RENOVATION,
			refId: pass ? pass.id : r.id,
			detail
		};
	});
}

export interface Paid {
	receiptNo: string;
	totalFen: number;
	changeFen: number | null;
	replayed: boolean;
}

/** A payment just posted, as answered: its receipt and the passes it paid for. */
function passesPaid(
	paid: Pick<Paid, 'receiptNo' | 'totalFen' | 'changeFen'>,
	passes: readonly { id: number }[]
): Paid & { passIds: number[] } {
	return {
		receiptNo: paid.receiptNo,
		totalFen: paid.totalFen,
		changeFen: paid.changeFen,
		replayed: false,
		passIds: passes.map((p) => p.id)
	};
}

/**
 * What a renovation payment form asked for (the lines are worked out after passes are inserted,
 * so they cannot be compared on a replay): the same key with other workers, wall area or method
 * is a form used twice, not a double submit.
 */
function renovationRequestHash(
	kind: 'fees' | 'passes',
	renovationId: number,
	m: MethodInput,
	extra: Record<string, unknown>
): string {
	const { idempotencyKey: _key, ...method } = m;
	return requestHash({
		kind,
		renovationId,
		method: { ...method, tenderedFen: m.method === 'cash' ? m.tenderedFen : null },
		...extra
	});
}

/** A form token that already posted: the same payment replays (nothing new), a different use is stale. */
function replayOf(db: Db, key: string, r: RenovationRow, hash: string): Paid | null {
	const p = db.select().from(payments).where(eq(payments.idempotencyKey, key)).get();
	if (!p) return null;
	const line = db
		.select({ refType: paymentLines.refType, refId: paymentLines.refId })
		.from(paymentLines)
		.where(eq(paymentLines.paymentId, p.id))
		.all();
	const ours =
		line.some((l) => l.refType === REF_RENOVATION && l.refId === r.id) ||
		(p.purpose === PAYMENT_PURPOSE && p.unitId === r.unitId);
	if (!ours || (p.requestHash !== null && p.requestHash !== hash))
		throw new RenovationError('stale_form');
	return { receiptNo: p.receiptNo, totalFen: p.totalFen, changeFen: p.changeFen, replayed: true };
}

function post(
	db: Db,
	actor: Actor,
	r: RenovationRow,
	lines: LineInput[],
	m: MethodInput,
	now: number,
	today: string,
	hash: string
) {
	return postPayment(db, {
		communityId: actor.communityId,
		unitId: r.unitId,
		purpose: PAYMENT_PURPOSE,
		payerName: m.payerName || r.applicantName,
		method: m.method,
		methodRef: m.methodRef,
		bank: m.bank,
		tenderedFen: m.method === 'cash' ? m.tenderedFen : null,
		cashierId: actor.id,
		idempotencyKey: m.idempotencyKey,
		requestHash: hash,
		lines,
		now,
		localDate: today
	});
}

export interface PayFeesInput {
	renovationId: number;
	/** 《装饰装修管理服务协议》 signed: required before taking the fees. */
	agreementSigned: boolean;
	/** Measured demolished wall area (hundredths of m²); 0 when no wall comes down. */
	wallAreaCenti: number;
	workers: WorkerInput[];
	method: MethodInput;
}

/**
 * Agreement signed + fees paid (approved → paid), in one transaction: the worker passes, one
 * ledger payment with every item, and the event. Any refusal writes nothing.
 */
export function payFees(
	db: Db,
	actor: Actor,
	input: PayFeesInput,
	now: number
): Paid & { passIds: number[] } {
	return tx(db, () => {
		const r = renovationOf(db, actor.communityId, input.renovationId);
		if (!r) throw new RenovationError('not_found');
		const hash = renovationRequestHash('fees', r.id, input.method, {
			agreementSigned: input.agreementSigned,
			wallAreaCenti: input.wallAreaCenti,
			workers: input.workers
		});
		const replay = replayOf(db, input.method.idempotencyKey, r, hash);
		if (replay) return { ...replay, passIds: [] };
		const t = checkTransition(r.state, 'pay', {
			role: actor.role,
			agreementSigned: input.agreementSigned
		});
		if (!t.ok) throw new RenovationError(t.error);
		const unitArea = db
			.select({ areaCenti: units.areaCenti })
			.from(units)
			.where(eq(units.id, r.unitId))
			.get()!.areaCenti;
		if (r.wallDemolition) {
			const bad = checkWallArea(input.wallAreaCenti, unitArea);
			if (bad === 'zero') throw new RenovationError('wall_area_required');
			if (bad) throw new RenovationError('wall_area_absurd', { max: formatArea(unitArea * 2) });
		} else if (input.wallAreaCenti !== 0) {
			throw new RenovationError('wall_area_not_planned');
		}
		const today = todayOf(db, actor.communityId, now);
		const passes = insertPasses(db, actor, r, input.workers, today, now);
		const quote = quoteFor(db, r, input.wallAreaCenti, passes.length, { initial: true });
		const paid = post(db, actor, r, linesOf(quote, r, passes), input.method, now, today, hash);
		recordEvent(db, {
			renovation: r,
			action: 'pay',
			to: t.to,
			actorId: actor.id,
			idempotencyKey: input.method.idempotencyKey,
			now,
			localDate: today,
			detail: {
				receiptNo: paid.receiptNo,
				totalFen: paid.totalFen,
				passes: passes.map((p) => p.passNo),
				wallAreaCenti: input.wallAreaCenti
			},
			set: {
				agreementSignedAt: now,
				feePaymentId: paid.paymentId,
				wallAreaCenti: input.wallAreaCenti
			}
		});
		return passesPaid(paid, passes);
	});
}

/**
 * More worker passes for an application whose fees are paid (workers who come later): pass
 * deposit + card fee each, on their own receipt. The application is found by number or room.
 */
export function issuePasses(
	db: Db,
	actor: Actor,
	input: { renovationId: number; workers: WorkerInput[]; method: MethodInput },
	now: number
): Paid & { passIds: number[] } {
	return tx(db, () => {
		const r = renovationOf(db, actor.communityId, input.renovationId);
		if (!r) throw new RenovationError('not_found');
		const hash = renovationRequestHash('passes', r.id, input.method, { workers: input.workers });
		const replay = replayOf(db, input.method.idempotencyKey, r, hash);
		if (replay) return { ...replay, passIds: [] };
		if (!PASS_STATES.includes(r.state)) throw new RenovationError('passes_not_allowed');
		if (input.workers.length === 0) throw new RenovationError('no_workers');
		const today = todayOf(db, actor.communityId, now);
		const passes = insertPasses(db, actor, r, input.workers, today, now);
		const quote = quoteFor(db, r, 0, passes.length, { initial: false });
		const lines = linesOf(quote, r, passes);
		if (lines.length === 0) throw new RenovationError('nothing_to_pay');
		const paid = post(db, actor, r, lines, input.method, now, today, hash);
		recordEvent(db, {
			renovation: r,
			action: 'pass_issue',
			to: r.state,
			actorId: actor.id,
			now,
			localDate: today,
			detail: {
				receiptNo: paid.receiptNo,
				totalFen: paid.totalFen,
				passes: passes.map((p) => p.passNo)
			}
		});
		return passesPaid(paid, passes);
	});
}
