import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { failForm, parseForm } from '$lib/server/forms';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { unitInfo, totalsOf } from '$lib/server/fees/account';
import { overdueBills, recordReminder, reminderSchema, remindersOf } from '$lib/server/arrears';
import { promiseBroken } from '$lib/domain/arrears';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

function unitIdOf(param: string): number {
	if (!/^\d{1,9}$/.test(param)) error(404, 'not found');
	return Number(param);
}

/**
 * /arrears/unit/[unitId] — one unit's overdue bills, its reminders, and (for a manager) a form to
 * record a call or visit. Clerks read it.
 */
export const load = (({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const unitId = unitIdOf(params.unitId);
	const unit = unitInfo(db, user.communityId, unitId);
	if (!unit) error(404, 'not found');
	const today = communityToday(getCommunity(db, user.communityId), new Date(nowMs()));
	const bills = overdueBills(db, user.communityId, unitId, today);
	const totals = totalsOf(bills);
	const reminders = remindersOf(db, user.communityId, unitId);
	const promise = reminders.find((r) => r.promisedDate !== null)?.promisedDate ?? null;
	return {
		today,
		unit,
		bills: bills.map((b) => ({
			billId: b.billId,
			month: b.month,
			dueDate: b.dueDate,
			itemNameZh: b.itemNameZh,
			itemNameEn: b.itemNameEn,
			principalDueFen: b.principalDueFen,
			lateFeeDueFen: b.lateFeeDueFen
		})),
		totals,
		reminders,
		promise,
		promiseBroken: promiseBroken(promise, today, totals.totalDueFen),
		canAct: roleAtLeast(user.role, 'manager'),
		formKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	/** 记录催缴: a call, visit or notice handed over, with its outcome and any promised date. */
	remind: async ({ locals, url, request, params }) => {
		const user = requireStaff(locals, 'manager', url);
		const db = getDb();
		const now = nowMs();
		const today = communityToday(getCommunity(db, user.communityId), new Date(now));
		const form = await request.formData();
		form.set('unit', params.unitId);
		const parsed = parseForm(reminderSchema(today), form);
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		try {
			recordReminder(
				db,
				user.communityId,
				user.id,
				{ ...parsed.data, unitId: parsed.data.unit },
				today,
				now
			);
		} catch (e) {
			return refusal(e);
		}
		return { saved: true };
	}
} satisfies Actions;
