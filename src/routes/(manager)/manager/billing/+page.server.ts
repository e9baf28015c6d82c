import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { feeItemOf, feeItemsWithRates, generateMonthlyBills } from '$lib/server/fees';
import { addRate } from '$lib/server/charges';
import { billingRunSchema, rateSchema } from '$lib/server/fees/forms';
import { billsInMonth, buildingsWithUnits, unitIdsInBuilding } from '$lib/server/fees/billing-run';
import { addMonths, isValidMonth } from '$lib/dates';
import { formatYuan } from '$lib/money';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

function currentMonth(communityId: number) {
	return communityToday(getCommunity(getDb(), communityId)).slice(0, 7);
}

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const db = getDb();
	const month = currentMonth(user.communityId);
	const wanted = url.searchParams.get('month');
	const shown = wanted && isValidMonth(wanted) ? wanted : month;
	const existing = billsInMonth(db, user.communityId, shown);
	const list = buildingsWithUnits(db, user.communityId);
	return {
		currentMonth: month,
		maxMonth: addMonths(month, 1),
		shownMonth: shown,
		existing,
		buildings: list.map((b) => b.building),
		units: list.reduce((s, b) => s + b.units, 0),
		items: feeItemsWithRates(db, user.communityId)
	};
};

/** The billing-run form, or the refusal (bad month). */
async function readRun(request: Request, communityId: number) {
	return parseForm(billingRunSchema(currentMonth(communityId)), await request.formData());
}

export const actions = {
	/** Without JavaScript: the whole month in one transaction. */
	run: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const read = await readRun(request, user.communityId);
		if (!read.ok)
			return failForm(400, m.fees_billing_bad_month(), {
				errors: read.errors,
				values: read.values
			});
		const { month } = read.data;
		if (!read.data.confirmed) return { confirmRun: { month } };
		const t = performance.now();
		const r = generateMonthlyBills(getDb(), user.communityId, month, { actorId: user.id });
		return { billed: { month, ...r, seconds: ((performance.now() - t) / 1000).toFixed(1) } };
	},
	/** With JavaScript: one building per request, so the page can show progress (each is idempotent). */
	chunk: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const read = await readRun(request, user.communityId);
		if (!read.ok) return failForm(400, m.fees_billing_bad_month(), { errors: read.errors });
		const { month, building } = read.data;
		const unitIds = unitIdsInBuilding(getDb(), user.communityId, building);
		const r = unitIds.length
			? generateMonthlyBills(getDb(), user.communityId, month, { unitIds, actorId: user.id })
			: { created: 0, existing: 0 };
		return { chunk: { month, building, ...r } };
	},
	rate: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const read = parseForm(rateSchema(currentMonth(user.communityId)), form);
		const values = read.ok ? formValues(form) : read.values;
		// An unknown item did not come from this page: no field to point at.
		const item =
			read.ok || !read.errors.item
				? feeItemOf(getDb(), user.communityId, Number(values.item))
				: null;
		if (!item) return failForm(400, m.ledger_not_found(), { values });
		if (!read.ok)
			return failForm(400, Object.values(read.errors)[0], {
				errors: read.errors,
				values: { ...values, item: String(item.id) }
			});
		const { from, rate } = read.data;
		try {
			// The fee-items rule: never from a month already billed (a past month is never repriced).
			addRate(getDb(), user, item.id, from, rate, currentMonth(user.communityId));
		} catch (e) {
			return refusal(e, { values, step: 'rate' });
		}
		return {
			saved: m.fees_rates_saved({ item: item.nameZh, month: from, rate: formatYuan(rate) })
		};
	}
} satisfies Actions;
