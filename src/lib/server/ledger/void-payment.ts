import { and, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { depositSettlements, payments, paymentVoids, staffUsers } from '../db/schema';
import { audit } from '../audit';
import { LedgerError } from './errors';
import {
	isCrossMonth,
	isVoidCategory,
	voiderRefusal,
	VOID_REASON_MAX,
	type VoidCategory,
	type VoiderRefusal
} from '../../domain/voids';

export interface VoidInput {
	communityId: number;
	receiptNo: string;
	reason: string;
	/** Required for a receipt of an earlier month (跨月作废); one of VOID_CATEGORIES. */
	category?: string | null;
	managerId: number;
	now: number;
	localDate: string;
}

/** Why a receipt cannot be voided now (nothing about the reason typed): what the void page shows. */
export interface VoidCheck {
	paymentId: number;
	cashierId: number;
	/** The voider may not void this receipt (a clerk, or its own cashier). */
	voider: VoiderRefusal | null;
	/** Refund/deduction vouchers (退款凭证) settled against a deposit on this receipt. */
	settledBy: string[];
	/** The receipt is of an earlier month than today: a reason category is required. */
	crossMonth: boolean;
	alreadyVoided: boolean;
}

type PaymentRow = typeof payments.$inferSelect;

function checkOf(db: Db, p: PaymentRow, voiderId: number, localDate: string): VoidCheck {
	const voider = db
		.select({ id: staffUsers.id, role: staffUsers.role, communityId: staffUsers.communityId })
		.from(staffUsers)
		.where(eq(staffUsers.id, voiderId))
		.get();
	const refusal =
		!voider || voider.communityId !== p.communityId
			? 'not_allowed'
			: voiderRefusal(voider, p.cashierId);
	// A deposit refunded or kept by a settlement is gone from the till: voiding the receipt it
	// was taken on would leave the settlement behind and the deposit held below zero.
	const settledBy = db
		.select({ voucherNo: depositSettlements.voucherNo })
		.from(depositSettlements)
		.where(
			and(
				eq(depositSettlements.communityId, p.communityId),
				eq(depositSettlements.originalReceiptNo, p.receiptNo)
			)
		)
		.orderBy(depositSettlements.id)
		.all()
		.map((r) => r.voucherNo);
	const alreadyVoided = !!db
		.select({ id: paymentVoids.id })
		.from(paymentVoids)
		.where(eq(paymentVoids.paymentId, p.id))
		.get();
	return {
		paymentId: p.id,
		cashierId: p.cashierId,
		voider: refusal,
		settledBy,
		crossMonth: isCrossMonth(p.localDate, localDate),
		alreadyVoided
	};
}

/** What stands in the way of voiding a receipt today, or null when the number is not this community's. */
export function voidCheck(
	db: Db,
	communityId: number,
	receiptNo: string,
	voiderId: number,
	localDate: string
): VoidCheck | null {
	const p = db
		.select()
		.from(payments)
		.where(and(eq(payments.communityId, communityId), eq(payments.receiptNo, receiptNo)))
		.get();
	if (!p) return null;
	return checkOf(db, p, voiderId, localDate);
}

/**
 * Voids (作废) a payment by a reversing entry; the payment row and its number stay. Refused
 * (nothing written) when the voider is not a manager or admin, or is the receipt's cashier;
 * when a deposit on it was refunded or deducted (the settlement must be reversed first, by its
 * own record); and, for a receipt of an earlier month, without a reason category. `after` runs
 * in the same transaction with the new void's id (dependent waivers are reversed there).
 */
export function voidPayment(
	db: Db,
	input: VoidInput,
	after?: (paymentId: number, voidId: number) => void
): { paymentId: number; voidId: number } {
	const reason = input.reason.trim();
	if (!reason) throw new LedgerError('reason_missing');
	if (reason.length > VOID_REASON_MAX) throw new LedgerError('reason_too_long');
	const category: VoidCategory | null = input.category
		? isVoidCategory(input.category)
			? input.category
			: null
		: null;
	if (input.category && !category) throw new LedgerError('category_invalid');
	return tx(db, () => {
		const p = db
			.select()
			.from(payments)
			.where(
				and(eq(payments.communityId, input.communityId), eq(payments.receiptNo, input.receiptNo))
			)
			.get();
		if (!p) throw new LedgerError('not_found');
		const check = checkOf(db, p, input.managerId, input.localDate);
		if (check.alreadyVoided) throw new LedgerError('already_voided');
		if (check.voider) throw new LedgerError(check.voider);
		if (check.settledBy.length)
			throw new LedgerError('deposit_settled', { vouchers: check.settledBy });
		if (check.crossMonth && !category) throw new LedgerError('category_missing');
		// RETURNING rather than lastInsertRowid, which PostgreSQL does not report.
		const voidId = db
			.insert(paymentVoids)
			.values({
				paymentId: p.id,
				reason,
				reasonCategory: category,
				voidedBy: input.managerId,
				localDate: input.localDate,
				createdAt: input.now
			})
			.returning({ id: paymentVoids.id })
			.get().id;
		after?.(p.id, voidId);
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.managerId,
				action: 'payment.void',
				targetType: 'payment',
				targetId: p.receiptNo,
				detail: { reason, category, crossMonth: check.crossMonth }
			},
			input.now
		);
		return { paymentId: p.id, voidId };
	});
}
