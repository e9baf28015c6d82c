import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { journalOf } from '$lib/server/journal';
import { journalQueryString } from '$lib/server/journal/forms';
import { journalContext } from './shared';
import type { PageServerLoad } from './$types';

/**
 * /journal — 收款流水: every receipt of a period and every void on its own day, filtered, sorted,
 * paged, with totals by method and CSV/XLSX exports of the same rows. Managers only: a clerk finds
 * their own receipts in the 票据 search (/receipts, cashier filter). A refused query is a
 * translated 400 (the error page keeps the filters).
 */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const ctx = journalContext(user.communityId, url);
	if (!ctx.query.ok) error(400, { message: ctx.query.message });
	const q = ctx.query.query;
	const journal = journalOf(
		ctx.db,
		user.communityId,
		ctx.community.timeZone,
		q.filter,
		q.order,
		q.page
	);
	return {
		values: q.values,
		order: q.order,
		buildings: ctx.buildings,
		journal,
		qs: journalQueryString({ ...q.values, page: '' })
	};
}) satisfies PageServerLoad;
