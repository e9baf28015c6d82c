import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { getCommunity } from '$lib/server/community';
import { reportProcedureDefault, serviceCommitmentsDefault } from '$lib/report-procedure';
import { failForm, formValues, parseForm } from '$lib/server/forms';
import { saveSettings, settingsDefaults, settingsFormLimits, settingsFormSchema, settingsFormValues, timeZoneNames } from '$lib/server/admin/settings';

export const load = ({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	// The default wall texts quote the stored ticket time limits.
	const tickets = getCommunity(db, user.communityId).settings.tickets;
	const wallDefaults = { report: reportProcedureDefault(tickets), commitments: serviceCommitmentsDefault(tickets) };
	return { values: settingsFormValues(db, user.communityId), defaults: settingsDefaults(), limits: settingsFormLimits, timeZones: timeZoneNames(), wallDefaults };
};

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const parsed = parseForm(settingsFormSchema, form);
		if (!parsed.ok) return failForm(400, m.form_fix_errors(), { errors: parsed.errors, values: parsed.values });
		const result = saveSettings(getDb(), user, parsed.data, nowMs());
		if (!result.ok) return failForm(result.error === 'not_found' ? 404 : 409, m.admin_settings_invalid_stored(), { values: formValues(form) });
		return { ok: result.changed.length ? m.admin_settings_saved() : m.admin_settings_unchanged() };
	}
};
