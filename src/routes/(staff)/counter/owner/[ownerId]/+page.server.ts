import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { requireCashShift } from '$lib/server/shifts';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { unitAccount } from '$lib/server/fees';
import { refusal } from '$lib/server/refusal';
import {
	ownerOf,
	ownerUnits,
	paymentsOfKey,
	postMultiUnitPayment,
	quoteMultiUnitPayment,
	type MultiUnitPaymentInput
} from '$lib/server/unit-file/multi-pay';
import { multiPaySchema, type MultiPayForm } from '$lib/server/unit-file/forms';
import type { Actions, PageServerLoad } from './$types';

function ownerParam(communityId: number, raw: string) {
	const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
	const owner = id ? ownerOf(getDb(), communityId, id) : null;
	if (!owner) error(404, 'not_found');
	return owner;
}

/** /counter/owner/7 — the owner's units with their unpaid bills, paid together (one receipt per unit). */
export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const owner = ownerParam(user.communityId, params.ownerId);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId));
	const paidKey = url.searchParams.get('paid') ?? '';
	return {
		today,
		owner,
		units: ownerUnits(db, user.communityId, owner.id, today).map((u) => ({
			...u,
			bills: unitAccount(db, user.communityId, u.unitId, today)!.bills
		})),
		// After paying: the receipts just posted (found by the form's key).
		paid: /^[\w-]{8,64}$/.test(paidKey) ? paymentsOfKey(db, user.communityId, paidKey) : [],
		idem: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

function toInput(
	form: MultiPayForm,
	owner: { id: number; name: string },
	communityId: number,
	cashierId: number
): MultiUnitPaymentInput {
	return {
		communityId,
		ownerId: owner.id,
		billIds: form.billIds,
		includeLateFees: form.lateIds,
		method: form.method,
		methodRef: form.methodRef,
		bank: form.bank,
		tenderedFen: form.tenderedFen,
		// The owner pays unless someone else's name was typed.
		payerName: form.payerName || owner.name,
		cashierId,
		idempotencyKey: form.idempotencyKey,
		now: nowMs(),
		expectedTotalFen: form.expectedTotalFen
	};
}

async function read(request: Request, withTotal: boolean) {
	const form = await request.formData();
	const parsed = parseForm(multiPaySchema(withTotal), form);
	return { parsed, values: formValues(form) };
}

export const actions = {
	/** Step 1: the server's figures per unit for the one confirmation (nothing is written). */
	review: async ({ locals, url, params, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const owner = ownerParam(user.communityId, params.ownerId);
		const { parsed, values } = await read(request, false);
		if (!parsed.ok)
			return failForm(400, parsed.errors._form ?? Object.values(parsed.errors)[0], {
				errors: parsed.errors,
				values: parsed.values
			});
		try {
			if (parsed.data.method === 'cash')
				requireCashShift(getDb(), user.communityId, user.id, nowMs());
			const quote = quoteMultiUnitPayment(
				getDb(),
				toInput(parsed.data, owner, user.communityId, user.id)
			);
			return { confirm: quote, values };
		} catch (e) {
			return refusal(e, { values });
		}
	},
	/** Step 2: one transaction, one receipt per unit; then the receipts are listed to print. */
	pay: async ({ locals, url, params, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const owner = ownerParam(user.communityId, params.ownerId);
		const { parsed, values } = await read(request, true);
		if (!parsed.ok)
			return failForm(400, parsed.errors._form ?? Object.values(parsed.errors)[0], {
				errors: parsed.errors,
				values: parsed.values
			});
		try {
			postMultiUnitPayment(getDb(), toInput(parsed.data, owner, user.communityId, user.id));
		} catch (e) {
			return refusal(e, { values });
		}
		redirect(
			303,
			`/counter/owner/${owner.id}?paid=${encodeURIComponent(parsed.data.idempotencyKey)}`
		);
	}
} satisfies Actions;
