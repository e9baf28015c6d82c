import { randomUUID } from 'node:crypto';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { communityToday, getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import {
	claimDeposit,
	createDeposit,
	createRelease,
	itemCounts,
	listDeposits,
	listReleases,
	owingOfUnits,
	passRelease
} from '$lib/server/items';
import { claimSchema, depositSchema, passSchema, releaseSchema } from '$lib/server/items/forms';
import { defaultClaimBy, RELEASE_MAX_DAYS } from '$lib/domain/items';
import { addDays, formatDateTimeLocal } from '$lib/dates';
import { formatYuan } from '$lib/money';
import { m } from '$lib/paraglide/messages.js';
import { itemsContext } from './context';
import type { Actions, PageServerLoad } from './$types';

/** /items?tab=deposit|release&view=open|overdue|closed|all&from=&to= — 物品寄存、物品放行. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, today, values, tab, query } = itemsContext(user.communityId, url);
	const tz = community.timeZone;
	const fmt = (ms: number | null) => (ms === null ? null : formatDateTimeLocal(ms, tz));
	const keepDays = community.settings.items.keepDays;
	const deposits =
		query.ok && tab === 'deposit'
			? listDeposits(db, user.communityId, query.filter, today).map((d) => ({
					...d,
					taken: fmt(d.takenMs)!,
					claimed: fmt(d.claimedMs)
				}))
			: [];
	const releases =
		query.ok && tab === 'release'
			? listReleases(db, user.communityId, query.filter, today).map((r) => ({
					...r,
					taken: fmt(r.takenMs)!,
					passed: fmt(r.passedMs)
				}))
			: [];
	// Arrears of the units whose goods are still to leave (a warning; see owingOfUnits).
	const owing = owingOfUnits(
		db,
		user.communityId,
		releases.filter((r) => r.state === 'pending' && !r.expired).map((r) => r.unitId),
		today
	);
	return {
		tab,
		values,
		message: query.ok ? null : query.message,
		counts: itemCounts(db, user.communityId, today),
		depositKey: randomUUID(),
		releaseKey: randomUUID(),
		today,
		keepDays,
		claimByDefault: defaultClaimBy(today, keepDays),
		claimByMax: addDays(today, keepDays),
		validMax: addDays(today, RELEASE_MAX_DAYS),
		deposits,
		releases: releases.map((r) => ({
			...r,
			owing: owing[r.unitId]
				? { yuan: formatYuan(owing[r.unitId].owingFen), months: owing[r.unitId].months }
				: null
		}))
	};
};

export const actions = {
	deposit: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(depositSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			const d = createDeposit(getDb(), actorOf(locals), read.data);
			return {
				ok: m.items_deposited({ no: d.claimNo }),
				slip: `/items/deposits/${d.id}/slip.pdf`
			};
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
	},
	claim: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(claimSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			const d = claimDeposit(getDb(), actorOf(locals), read.data);
			return { ok: m.items_claimed_ok({ no: d.claimNo }) };
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
	},
	release: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const form = await request.formData();
		const read = parseForm(releaseSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			const r = createRelease(db, actorOf(locals), read.data);
			const today = communityToday(getCommunity(db, user.communityId));
			const [row] = listReleases(db, user.communityId, { view: 'all', id: r.id }, today, 1);
			const owing = owingOfUnits(db, user.communityId, [row.unitId], today)[row.unitId];
			return {
				ok: m.items_released({ no: r.releaseNo }),
				slip: `/items/releases/${r.id}/slip.pdf`,
				warning: owing
					? m.items_owing_warning({
							unit: row.unitCode,
							amount: formatYuan(owing.owingFen),
							months: owing.months
						})
					: null
			};
		} catch (e) {
			return refusal(e, { values: formValues(form) });
		}
	},
	pass: async ({ locals, url, request }) => {
		requireStaff(locals, 'clerk', url);
		const form = await request.formData();
		const read = parseForm(passSchema, form);
		if (!read.ok)
			return failForm(400, m.form_fix_errors(), { errors: read.errors, values: read.values });
		try {
			passRelease(getDb(), actorOf(locals), read.data.id, read.data.note);
		} catch (e) {
			return refusal(e);
		}
		return { ok: m.items_passed_ok() };
	}
} satisfies Actions;
