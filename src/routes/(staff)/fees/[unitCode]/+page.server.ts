import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { requireCashShift } from '$lib/server/shifts';
import { failForm } from '$lib/server/forms';
import {
	lastBilledMonth,
	MAX_PREPAY_MONTHS,
	postFeePayment,
	prepayPreview,
	quoteFeePayment,
	unitAccount,
	unitIdByCode,
	type FeePaymentInput
} from '$lib/server/fees';
import { readPaymentForm, type PaymentForm } from '$lib/server/fees/form';
import { refusal } from '$lib/server/refusal';
import { m } from '$lib/paraglide/messages.js';
import { openingCreditsOf } from '$lib/server/import';
import { ownerUnits } from '$lib/server/unit-file/multi-pay';
import { prepayCountThrough, prepayOffers, prepayStartMonth } from '$lib/domain/prepay';
import { addMonths } from '$lib/dates';

function unitOf(communityId: number, code: string) {
	const unitId = unitIdByCode(getDb(), communityId, code);
	if (!unitId) error(404, 'not_found');
	return unitId;
}

export const load = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const today = communityToday(community);
	const unitId = unitOf(user.communityId, params.unitCode);
	const account = unitAccount(db, user.communityId, unitId, today)!;
	// Prepayment starts after the last month billed or paid; offers worth ¥0 are not shown.
	const prepayFrom = prepayStartMonth(today.slice(0, 7), lastBilledMonth(db, unitId));
	const preview = prepayPreview(db, user.communityId, unitId, prepayFrom, MAX_PREPAY_MONTHS);
	// ?prepay=N (the move-in page's link) names the months from the current month to cover.
	const prepayParam = Number(url.searchParams.get('prepay') ?? 0);
	const prepay =
		Number.isSafeInteger(prepayParam) && prepayParam > 0
			? Math.min(
					MAX_PREPAY_MONTHS,
					prepayCountThrough(
						prepayFrom,
						addMonths(today.slice(0, 7), Math.min(prepayParam, MAX_PREPAY_MONTHS) - 1)
					)
				)
			: 0;
	const offers = prepayOffers(
		prepayFrom,
		preview.map((p) => p.newBills.reduce((s, b) => s + b.principalFen, 0))
	);
	return {
		today,
		prepayFrom,
		account,
		preview,
		offers,
		prepay,
		// An owner holding several units may pay them together (/counter/owner/…).
		payTogether:
			account.owners.find(
				(o) =>
					(o.role === 'owner' || o.role === 'co_owner') &&
					ownerUnits(db, user.communityId, o.id, today).length > 1
			) ?? null,
		ratePerMille: community.settings.fees.lateFeeRatePerMille,
		openingCredits: openingCreditsOf(db, user.communityId, unitId),
		// One key per rendering of the form: a double submit or a retry posts once.
		idem: crypto.randomUUID()
	};
};

function toInput(
	form: PaymentForm,
	communityId: number,
	unitId: number,
	cashierId: number
): FeePaymentInput {
	return {
		communityId,
		unitId,
		billIds: form.billIds,
		includeLateFees: form.lateIds,
		prepayMonths: form.prepay,
		method: form.method,
		methodRef: form.methodRef,
		bank: form.bank,
		tenderedFen: form.tenderedFen,
		payerName: form.payerName,
		cashierId,
		idempotencyKey: form.idempotencyKey,
		now: nowMs(),
		expectedTotalFen: form.expectedTotalFen
	};
}

export const actions = {
	/** Step 1: the authoritative figures for the confirmation step (nothing is written). */
	review: async ({ locals, url, params, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const unitId = unitOf(user.communityId, params.unitCode);
		const read = readPaymentForm(await request.formData(), false);
		if (!read.ok)
			return failForm(
				400,
				read.errors._form ?? Object.values(read.errors)[0] ?? m.validation_invalid(),
				{ errors: read.errors, values: read.values }
			);
		try {
			// Cash needs an open shift: say so before the confirmation step, not after it.
			if (read.data.method === 'cash')
				requireCashShift(getDb(), user.communityId, user.id, nowMs());
			const quote = quoteFeePayment(getDb(), toInput(read.data, user.communityId, unitId, user.id));
			const change = read.data.tenderedFen !== null ? read.data.tenderedFen - quote.totalFen : null;
			return {
				confirm: { ...quote, tenderedFen: read.data.tenderedFen, changeFen: change },
				values: read.values
			};
		} catch (e) {
			return refusal(e, { step: 'payment', values: read.values });
		}
	},
	/** Step 2: post it; the receipt page opens. */
	pay: async ({ locals, url, params, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const unitId = unitOf(user.communityId, params.unitCode);
		const read = readPaymentForm(await request.formData(), true);
		if (!read.ok)
			return failForm(
				400,
				read.errors._form ?? Object.values(read.errors)[0] ?? m.validation_invalid(),
				{ errors: read.errors, values: read.values }
			);
		let receiptNo: string;
		try {
			receiptNo = postFeePayment(
				getDb(),
				toInput(read.data, user.communityId, unitId, user.id)
			).receiptNo;
		} catch (e) {
			return refusal(e, { step: 'payment', values: read.values });
		}
		redirect(303, `/fees/receipt/${encodeURIComponent(receiptNo)}`);
	}
};
