import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb, type Db } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { accountMap, accountSchema, incomeItems, setAccount } from '$lib/server/voucher';
import { accountKeyLabel } from '$lib/voucher-labels';
import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Item names in the page's language, for the per-item income roles. */
function itemNames(db: Db, communityId: number): Record<string, string> {
	const zh = getLocale() === 'zh-CN';
	return Object.fromEntries(
		incomeItems(db, communityId).map((i) => [i.code, zh ? i.nameZh : i.nameEn])
	);
}

/** /admin/accounts: the account map (科目对照) of the voucher export, effective-dated. */
export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	const today = communityToday(getCommunity(db, user.communityId));
	const items = itemNames(db, user.communityId);
	const rows = accountMap(db, user.communityId, today).map((r) => ({
		...r,
		label: accountKeyLabel(r.key, items)
	}));
	return { today, rows };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const read = parseForm(accountSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			setAccount(getDb(), actorOf(locals), read.data);
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
		const { key, code, name, from } = read.data;
		const role = accountKeyLabel(key, itemNames(getDb(), user.communityId));
		return { ok: m.voucher_saved({ role, code, name, from }), key };
	}
} satisfies Actions;
