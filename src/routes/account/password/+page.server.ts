import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/auth/actor';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { homeFor } from '$lib/server/auth/home';
import { changeOwnPassword, changePasswordSchema } from '$lib/server/auth/password-change';
import { PASSWORD_RULES, type PasswordProblem } from '$lib/domain/access-limits';
import type { Actions, PageServerLoad } from './$types';

const PROBLEM: Record<PasswordProblem, { field: 'next' | 'confirm'; message: () => string }> = {
	too_short: {
		field: 'next',
		message: () => m.validation_password_short({ min: PASSWORD_RULES.minLength })
	},
	too_long: {
		field: 'next',
		message: () => m.validation_too_long({ max: PASSWORD_RULES.maxLength })
	},
	same_as_current: { field: 'next', message: () => m.account_password_same() },
	contains_username: { field: 'next', message: () => m.account_password_has_username() },
	mismatch: { field: 'confirm', message: () => m.account_password_mismatch() }
};

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	return {
		user,
		forced: user.mustChangePassword === true,
		home: homeFor(user.role),
		minLength: PASSWORD_RULES.minLength
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'clerk', url);
		// Passwords are never sent back to the page.
		const parsed = parseForm(changePasswordSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.form_fix_errors(), { errors: parsed.errors });
		const r = await changeOwnPassword(
			getDb(),
			{ ...actorOf(locals), username: user.username },
			parsed.data,
			nowMs()
		);
		if (r.ok) return { ok: m.account_password_done() };
		if (r.error === 'wrong_current')
			return failForm(400, m.account_password_wrong_current(), {
				errors: { current: m.account_password_wrong_current() }
			});
		if (r.error === 'limited')
			return failForm(429, m.account_password_limited({ minutes: r.minutes }));
		const errors: Record<string, string> = {};
		for (const p of r.problems) errors[PROBLEM[p].field] ??= PROBLEM[p].message();
		return failForm(400, m.form_fix_errors(), { errors });
	}
} satisfies Actions;
