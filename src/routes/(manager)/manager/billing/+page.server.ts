import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm } from '$lib/server/forms';
import { LedgerError } from '$lib/server/ledger';
import { feeItemOf, feeItemsWithRates, generateMonthlyBills, setRate } from '$lib/server/fees';
import { amountError } from '$lib/server/fees/form';
import { billsInMonth, buildingsWithUnits, unitIdsInBuilding } from '$lib/server/fees/billing-run';
import { addMonths, isValidMonth } from '$lib/dates';
import { MAX_RATE_FEN } from '$lib/domain/billing';
import { formatYuan, parseYuanPositive } from '$lib/money';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

function currentMonth(communityId: number) {
	return communityToday(getCommunity(getDb(), communityId)).slice(0, 7);
}

/** Billing may run for any month up to next month (bills are never created further ahead). */
function checkMonth(raw: FormDataEntryValue | null, communityId: number): string | null {
	const month = typeof raw === 'string' ? raw.trim() : '';
	if (!isValidMonth(month) || month < '2000-01' || month > addMonths(currentMonth(communityId), 1)) return null;
	return month;
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

export const actions = {
	/** Without JavaScript: the whole month in one transaction. */
	run: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const month = checkMonth(form.get('month'), user.communityId);
		if (!month) return failForm(400, m.fees_billing_bad_month(), { errors: { month: m.fees_billing_bad_month() }, values: { month: String(form.get('month') ?? '').slice(0, 20) } });
		if (form.get('confirmed') !== '1') return { confirmRun: { month } };
		const t = performance.now();
		const r = generateMonthlyBills(getDb(), user.communityId, month, { actorId: user.id });
		return { billed: { month, ...r, seconds: ((performance.now() - t) / 1000).toFixed(1) } };
	},
	/** With JavaScript: one building per request, so the page can show progress (each is idempotent). */
	chunk: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const month = checkMonth(form.get('month'), user.communityId);
		if (!month) return failForm(400, m.fees_billing_bad_month(), { errors: { month: m.fees_billing_bad_month() } });
		const building = String(form.get('building') ?? '').slice(0, 20);
		const unitIds = unitIdsInBuilding(getDb(), user.communityId, building);
		const r = unitIds.length ? generateMonthlyBills(getDb(), user.communityId, month, { unitIds, actorId: user.id }) : { created: 0, existing: 0 };
		return { chunk: { month, building, ...r } };
	},
	rate: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const form = await request.formData();
		const values = { item: String(form.get('item') ?? '').slice(0, 20), from: String(form.get('from') ?? '').slice(0, 20), rate: String(form.get('rate') ?? '').slice(0, 40) };
		const item = /^\d{1,9}$/.test(values.item) ? feeItemOf(getDb(), user.communityId, Number(values.item)) : null;
		if (!item) return failForm(400, m.ledger_not_found(), { values });
		const errors: Record<string, string> = {};
		const from = values.from.trim();
		if (!isValidMonth(from)) errors.from = m.fees_billing_bad_month();
		else if (from < currentMonth(user.communityId)) errors.from = m.fees_rates_past_month();
		const parsed = parseYuanPositive(values.rate);
		const rateErr = amountError(parsed);
		if (rateErr) errors.rate = rateErr;
		else if (parsed.ok && parsed.fen > MAX_RATE_FEN) errors.rate = m.fees_rates_too_large();
		if (Object.keys(errors).length || !parsed.ok) return failForm(400, Object.values(errors)[0] ?? m.validation_invalid(), { errors, values: { ...values, item: String(item.id) } });
		try {
			setRate(getDb(), item.id, from, parsed.fen, user.id);
		} catch (e) {
			if (e instanceof LedgerError) return failForm(400, m.ledger_refused(), { values });
			throw e;
		}
		return { saved: m.fees_rates_saved({ item: item.nameZh, month: from, rate: formatYuan(parsed.fen) }) };
	}
} satisfies Actions;
