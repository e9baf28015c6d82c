import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { buildingsWithUnits } from '$lib/server/fees/billing-run';
import { rateSchema } from '$lib/server/fees/forms';
import { addRate, adminFeeItems, createFeeItem, updateFeeItem } from '$lib/server/charges';
import { feeItemEditSchema, feeItemSchema } from '$lib/server/charges/forms';
import { refusal } from '$lib/server/refusal';
import { formatYuan } from '$lib/money';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

function currentMonth(communityId: number) {
	return communityToday(getCommunity(getDb(), communityId)).slice(0, 7);
}

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	const month = currentMonth(user.communityId);
	return {
		currentMonth: month,
		items: adminFeeItems(db, user.communityId, month),
		buildings: buildingsWithUnits(db, user.communityId).map((b) => b.building)
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const month = currentMonth(user.communityId);
		const read = parseForm(feeItemSchema(month), form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const d = read.data;
		try {
			createFeeItem(
				getDb(),
				user,
				{
					code: d.code || undefined,
					nameZh: d.nameZh,
					nameEn: d.nameEn,
					basis: d.basis,
					vacancyApplies: d.vacancy,
					lateFeeApplies: d.lateFee,
					appliesTo: d.appliesTo,
					buildings: d.buildings,
					unitCodes: d.units,
					rateFen: d.rate,
					fromMonth: d.from
				},
				month
			);
		} catch (e) {
			return refusal(e, { values: formValues(form), step: 'rate' });
		}
		return { ok: m.charges_item_created({ name: d.nameZh }) };
	},
	update: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const read = parseForm(feeItemEditSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		const d = read.data;
		try {
			updateFeeItem(getDb(), user, d.item, {
				nameZh: d.nameZh,
				nameEn: d.nameEn,
				vacancyApplies: d.vacancy,
				lateFeeApplies: d.lateFee,
				appliesTo: d.appliesTo,
				buildings: d.buildings,
				unitCodes: d.units
			});
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		return { ok: m.charges_item_saved({ name: d.nameZh }) };
	},
	rate: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const month = currentMonth(user.communityId);
		const read = parseForm(rateSchema(month), form);
		if (!read.ok)
			return failForm(400, Object.values(read.errors)[0] ?? m.form_fix_errors(), {
				errors: read.errors,
				values: read.values
			});
		const { item, from, rate } = read.data;
		try {
			addRate(getDb(), user, item, from, rate, month);
		} catch (e) {
			return refusal(e, { values: formValues(form), step: 'rate' });
		}
		return { ok: m.charges_rate_saved({ month: from, rate: formatYuan(rate) }) };
	}
} satisfies Actions;
