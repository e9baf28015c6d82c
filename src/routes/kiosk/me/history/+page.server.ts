import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireResident } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, parseForm } from '$lib/server/forms';
import { formKey, required } from '$lib/server/form-fields';
import { localToEpochMs } from '$lib/dates';
import { residentHistory } from '$lib/server/unit-file/resident';
import { newPrintKey } from '$lib/server/receipts/print-action';
import { recordResidentCopy } from '$lib/server/receipts/resident-copy';
import type { Actions, PageServerLoad } from './$types';

/** The identified resident's own history: receipts of the last 24 months, waivers, deposits, services. */
export const load = (({ locals }) => {
	const resident = requireResident(locals);
	const db = getDb();
	const community = getCommunity(db, resident.communityId);
	return {
		unitCode: resident.unitCode,
		history: residentHistory(db, resident.unitId, {
			asOf: communityToday(community),
			timeZone: community.timeZone,
			now: nowMs()
		}),
		/** The 补打 form's one-time key (the page adds a count per tap: each tap is a copy). */
		printKey: newPrintKey()
	};
}) satisfies PageServerLoad;

const reprintSchema = z.object({ receiptNo: required(40), printKey: formKey });

export const actions = {
	/**
	 * 补打: records the resident's copy of one of their own receipts in the receipts' print log
	 * (the counter sees it) and answers with the PDF's address, which the kiosk then prints (a phone
	 * opens it). Another unit's receipt is simply not found.
	 */
	reprint: async ({ locals, request }) => {
		const resident = requireResident(locals);
		const parsed = parseForm(reprintSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.kiosk_history_reprint_not_found(), parsed);
		const db = getDb();
		const community = getCommunity(db, resident.communityId);
		const now = nowMs();
		const today = communityToday(community);
		const { receiptNo, printKey } = parsed.data;
		const r = recordResidentCopy(db, {
			communityId: resident.communityId,
			unitId: resident.unitId,
			receiptNo,
			asOf: today,
			printKey,
			dayStart: localToEpochMs(today, '00:00', community.timeZone),
			now
		});
		if (!r.ok)
			return r.error === 'limit'
				? failForm(429, m.kiosk_history_reprint_limit(), { values: { receiptNo } })
				: failForm(404, m.kiosk_history_reprint_not_found(), { values: { receiptNo } });
		return {
			receiptNo,
			pdf: `/kiosk/me/receipts/${encodeURIComponent(receiptNo)}.pdf?print=${r.printId}`
		};
	}
} satisfies Actions;
