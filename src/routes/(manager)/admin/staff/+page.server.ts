import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { ROLES } from '$lib/server/db/schema';
import { formatDateTimeLocal } from '$lib/dates';
import {
	createStaff,
	resetStaffPassword,
	createStaffSchema,
	listStaff,
	resetPasswordSchema,
	setStaffActive,
	staffErrorMessage,
	staffIdSchema
} from '$lib/server/admin/staff';
import type { Actions, PageServerLoad } from './$types';

/** Passwords are never sent back to the page, not even after a failed submit. */
function withoutPasswords(values: Record<string, string>) {
	const { password: _p, newPassword: _n, ...rest } = values;
	return rest;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const db = getDb();
	const tz = getCommunity(db, user.communityId).timeZone;
	const staff = listStaff(db, user.communityId, nowMs()).map((s) => ({
		...s,
		created: formatDateTimeLocal(s.createdAt, tz).slice(0, 10)
	}));
	return { staff, me: user.id, roles: ROLES, minPassword: MIN_PASSWORD_LENGTH };
};

export const actions = {
	create: async ({ locals, request, url }) => {
		requireStaff(locals, 'admin', url);
		const parsed = parseForm(createStaffSchema, await request.formData());
		if (!parsed.ok)
			return failForm(400, m.form_fix_errors(), {
				errors: parsed.errors,
				values: withoutPasswords(parsed.values)
			});
		const result = await createStaff(getDb(), actorOf(locals), parsed.data, nowMs());
		if (!result.ok) {
			const message = staffErrorMessage(result.error);
			const field = result.error === 'work_no_taken' ? 'workNo' : 'username';
			const { password: _p, ...values } = parsed.data;
			return failForm(409, message, { errors: { [field]: message }, values });
		}
		return { ok: m.admin_staff_created(), created: parsed.data.username };
	},

	reset: async ({ locals, request, url }) => {
		requireStaff(locals, 'admin', url);
		const parsed = parseForm(resetPasswordSchema, await request.formData());
		if (!parsed.ok)
			return failForm(400, m.form_fix_errors(), {
				errors: parsed.errors,
				values: withoutPasswords(parsed.values)
			});
		const result = await resetStaffPassword(
			getDb(),
			actorOf(locals),
			parsed.data.id,
			parsed.data.newPassword,
			nowMs()
		);
		if (!result.ok) return failForm(404, staffErrorMessage(result.error));
		return { ok: m.admin_staff_password_reset() };
	},

	deactivate: async ({ locals, request, url }) => {
		requireStaff(locals, 'admin', url);
		const parsed = parseForm(staffIdSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.admin_staff_not_found());
		const result = setStaffActive(getDb(), actorOf(locals), parsed.data.id, false, nowMs());
		if (!result.ok)
			return failForm(result.error === 'self' ? 403 : 404, staffErrorMessage(result.error));
		return { ok: m.admin_staff_deactivated() };
	},

	activate: async ({ locals, request, url }) => {
		requireStaff(locals, 'admin', url);
		const parsed = parseForm(staffIdSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.admin_staff_not_found());
		const result = setStaffActive(getDb(), actorOf(locals), parsed.data.id, true, nowMs());
		if (!result.ok) return failForm(404, staffErrorMessage(result.error));
		return { ok: m.admin_staff_activated() };
	}
} satisfies Actions;
