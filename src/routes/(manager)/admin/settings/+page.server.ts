import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { communityToday, getCommunity } from '$lib/server/community';
import { pricedHistoryView } from '$lib/server/admin/settings';
import { reportProcedureDefault, serviceCommitmentsDefault } from '$lib/report-procedure';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import {
	saveSettings,
	settingsDefaults,
	settingsFormLimits,
	settingsFormSchema,
	settingsFormValues,
	timeZoneNames
} from '$lib/server/admin/settings';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	// The default wall texts quote the stored ticket time limits.
	const community = getCommunity(db, user.communityId);
	const tickets = community.settings.tickets;
	const wallDefaults = {
		report: reportProcedureDefault(tickets),
		commitments: serviceCommitmentsDefault(tickets)
	};
	const today = communityToday(community);
	return {
		values: settingsFormValues(db, user.communityId),
		defaults: settingsDefaults(),
		limits: settingsFormLimits,
		timeZones: timeZoneNames(),
		wallDefaults,
		today,
		history: pricedHistoryView(db, user.communityId, today)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const parsed = parseForm(settingsFormSchema, form);
		if (!parsed.ok)
			return failForm(400, m.form_fix_errors(), { errors: parsed.errors, values: parsed.values });
		const now = nowMs();
		const result = saveSettings(getDb(), actorOf(locals), parsed.data, now);
		if (!result.ok && result.error === 'backdated') {
			const message = m.admin_settings_backdated({
				today: communityToday(getCommunity(getDb(), user.communityId), new Date(now))
			});
			return failForm(400, m.form_fix_errors(), {
				errors: { effectiveFrom: message },
				values: formValues(form)
			});
		}
		if (!result.ok)
			return failForm(result.error === 'not_found' ? 404 : 409, m.admin_settings_invalid_stored(), {
				values: formValues(form)
			});
		return { ok: result.changed.length ? m.admin_settings_saved() : m.admin_settings_unchanged() };
	}
} satisfies Actions;
