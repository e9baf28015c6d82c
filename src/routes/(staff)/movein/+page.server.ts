import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { failForm, parseForm } from '$lib/server/forms';
import { formatDateTimeLocal } from '$lib/dates';
import { daysSinceNotice, MAX_PERSONS, MOVEIN_OWNER_TYPES } from '$lib/domain/movein-checklist';
import { findUnit, listOpenCases, MoveInError, openCase, openCaseOfUnit } from '$lib/server/movein';
import { openCaseSchema } from '$lib/server/movein/forms';
import { occupancyLabel, ownerTypeLabel } from '$lib/server/movein/labels';
import { refusal } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

/** /movein?unit=8-1-802 — find a unit, start its move-in (or continue the open one); open cases. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const tz = community.timeZone;
	const q = (url.searchParams.get('unit') ?? '').trim().slice(0, 20);
	let unit = null;
	let notFound = false;
	if (q) {
		const u = findUnit(db, user.communityId, q);
		if (!u) notFound = true;
		else {
			const open = openCaseOfUnit(db, u.id);
			unit = {
				code: u.code,
				occupancy: u.occupancy,
				occupancyLabel: occupancyLabel(u.occupancy),
				noticeDate: u.handoverNoticeDate,
				daysSinceNotice: daysSinceNotice(u.handoverNoticeDate, communityToday(community)),
				ownerName: u.owner?.name ?? '',
				ownerType: u.owner?.ownerType ?? 'individual',
				ownerTypeLabel: u.owner ? ownerTypeLabel(u.owner.ownerType) : '',
				openCaseId: open?.id ?? null
			};
		}
	}
	return {
		q,
		unit,
		notFound,
		ownerTypes: MOVEIN_OWNER_TYPES.map((t) => ({ value: t, label: ownerTypeLabel(t) })),
		maxPersons: MAX_PERSONS,
		openCases: listOpenCases(db, user.communityId).map((c) => ({
			...c,
			ownerTypeLabel: ownerTypeLabel(c.ownerType),
			openedAtText: formatDateTimeLocal(c.openedAt, tz),
			lastActivityText: formatDateTimeLocal(c.lastActivityAt, tz)
		}))
	};
};

export const actions = {
	open: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		const db = getDb();
		const parsed = parseForm(openCaseSchema(), await request.formData());
		if (!parsed.ok)
			return failForm(400, m.movein_error_bad_input(), {
				errors: parsed.errors,
				values: parsed.values
			});
		const d = parsed.data;
		const unit = findUnit(db, user.communityId, d.unitCode);
		if (!unit)
			return failForm(404, m.movein_error_unit_not_found(), {
				values: {
					...d,
					mortgage: String(d.mortgage),
					proxy: String(d.proxy),
					persons: String(d.persons)
				}
			});
		let id: number;
		try {
			id = openCase(db, actorOf(locals), {
				unitId: unit.id,
				ownerType: d.ownerType,
				mortgage: d.mortgage,
				proxy: d.proxy,
				persons: d.persons,
				proxyName: d.proxyName,
				proxyIdNumber: d.proxyIdNumber
			});
		} catch (e) {
			return refusal(e, {
				timeZone: getCommunity(db, user.communityId).timeZone,
				values: {
					...d,
					mortgage: String(d.mortgage),
					proxy: String(d.proxy),
					persons: String(d.persons),
					// The open case of the unit, so the page can link to it.
					caseId: e instanceof MoveInError && e.detail.caseId ? String(e.detail.caseId) : ''
				}
			});
		}
		redirect(303, `/movein/${id}?opened=1`);
	}
} satisfies Actions;
