/**
 * The review step before a renovation write (fees, permit, inspection, deposit refund), as the
 * property-fee counter has it: the write runs for real inside a transaction that is then rolled
 * back, so the figures shown for confirmation are exactly those the write would record (receipt
 * lines, permit dates, refund and deductions) and every check of the write applies. Nothing is
 * kept: not a row, not a receipt or voucher number, not a file.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { paymentLines, payments, renovations } from '../db/schema';
import { checkPhotos } from '../uploads/photos';
import { RenovationError } from './errors';
import { payFees, type PayFeesInput } from './payments';
import { settleDeposit, type DeductionInput, type RefundInput } from './settlements';
import { transition, type Actor, type TransitionInput } from './applications';

class RolledBack<T> extends Error {
	constructor(readonly value: T) {
		super('rolled back');
	}
}

/** Runs `fn` in a transaction that is always rolled back; answers what it returned (or throws what it threw). */
export function dryRun<T>(db: Db, fn: () => T): T {
	try {
		db.$client
			.transaction(() => {
				throw new RolledBack(fn());
			})
			.immediate();
	} catch (e) {
		if (e instanceof RolledBack) return e.value as T;
		throw e;
	}
	throw new Error('unreachable');
}

export interface FeesReview {
	totalFen: number;
	changeFen: number | null;
	lines: { itemCode: string; kind: string; amountFen: number }[];
}

/** The fee payment as it would be posted: its receipt lines, total and change. */
export function reviewFees(db: Db, actor: Actor, input: PayFeesInput, now: number): FeesReview {
	return dryRun(db, () => {
		const paid = payFees(db, actor, input, now);
		const p = db
			.select({ id: payments.id })
			.from(payments)
			.where(
				and(eq(payments.communityId, actor.communityId), eq(payments.receiptNo, paid.receiptNo))
			)
			.get();
		const lines = p
			? db
					.select({
						itemCode: paymentLines.itemCode,
						kind: paymentLines.kind,
						amountFen: paymentLines.amountFen
					})
					.from(paymentLines)
					.where(eq(paymentLines.paymentId, p.id))
					.all()
			: [];
		return { totalFen: paid.totalFen, changeFen: paid.changeFen, lines };
	});
}

/** A state step (permit, inspection) as it would be recorded: the permit's number and dates after it. */
export function reviewStep(
	db: Db,
	actor: Actor,
	id: number,
	input: TransitionInput,
	opts: { idempotencyKey: string; now: number }
): { permitNo: string | null; permitFrom: string | null; permitUntil: string | null } {
	return dryRun(db, () => {
		transition(db, actor, id, input, opts);
		const r = db
			.select({
				permitNo: renovations.permitNo,
				permitFrom: renovations.permitFrom,
				permitUntil: renovations.permitUntil
			})
			.from(renovations)
			.where(eq(renovations.id, id))
			.get();
		return {
			permitNo: r?.permitNo ?? null,
			permitFrom: r?.permitFrom ?? null,
			permitUntil: r?.permitUntil ?? null
		};
	});
}

/**
 * The deposit refund as it would be recorded: refund and deductions. Photos are checked as the
 * settlement checks them but not written (the settlement writes them before its transaction).
 */
export function reviewSettlement(
	db: Db,
	actor: Actor,
	input: { renovationId: number; deductions: DeductionInput[]; refund: RefundInput },
	now: number
): { refundFen: number; deductedFen: number } {
	input.deductions.forEach((d, i) => {
		const c = checkPhotos(d.photos ?? [], 1);
		if (!c.ok) {
			const { code, ...detail } = c.error;
			throw new RenovationError(`deduction_${code}`, { ...detail, row: i + 1 });
		}
	});
	const deductions = input.deductions.map((d) => ({ ...d, photos: [] }));
	return dryRun(db, () => {
		const s = settleDeposit(db, actor, { ...input, deductions }, now);
		return { refundFen: s.refundFen, deductedFen: s.deductedFen };
	});
}
