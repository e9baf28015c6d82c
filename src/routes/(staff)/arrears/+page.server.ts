import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failForm, parseForm } from '$lib/server/forms';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { noticesSchema, recordNotices, registerQueryString } from '$lib/server/arrears';
import { refusal } from '$lib/server/refusal';
import { registerContext, registerFor } from '$lib/server/arrears/context';
import { roleAtLeast } from '$lib/server/auth/access';
import { pageSlice } from '$lib/domain/paging';
import type { Actions, PageServerLoad } from './$types';

/** Rows per page of the register (the totals are over every row). */
const PAGE_SIZE = 100;

/**
 * /arrears — 欠费台账: every unit owing on a date, filtered and sorted, with ageing and totals, a
 * page of rows at a time. Clerks read it; notices (and the files) are a manager's.
 */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const ctx = registerContext(user.communityId, url);
	const base = {
		today: ctx.today,
		buildings: ctx.buildings,
		items: ctx.items,
		canAct: roleAtLeast(user.role, 'manager'),
		formKey: crypto.randomUUID()
	};
	if (!ctx.query.ok)
		return {
			...base,
			values: ctx.query.values,
			message: ctx.query.message,
			register: null,
			paging: null,
			qs: ''
		};
	const q = ctx.query.query;
	const register = registerFor(user.communityId, ctx.today, q);
	const paging = pageSlice(register.rows.length, url.searchParams.get('page'), PAGE_SIZE);
	return {
		...base,
		values: q.values,
		message: null,
		register: { ...register, rows: register.rows.slice(paging.from, paging.to) },
		paging,
		qs: registerQueryString(q.values)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** 打印催缴通知单: records a notice for each ticked unit, then opens the batch's PDF. */
	notices: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const parsed = parseForm(noticesSchema(), await request.formData());
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		const db = getDb();
		const now = nowMs();
		const today = communityToday(getCommunity(db, user.communityId), new Date(now));
		try {
			recordNotices(
				db,
				user.communityId,
				user.id,
				parsed.data.unit,
				parsed.data.formKey,
				today,
				now
			);
		} catch (e) {
			return refusal(e);
		}
		redirect(303, `/arrears/notices.pdf?batch=${parsed.data.formKey}&format=${parsed.data.format}`);
	}
} satisfies Actions;
