import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime.js';
import { safeNext } from '$lib/server/auth/home';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	// The language choice is remembered in Paraglide's own cookie for a year.
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = String(form.get('locale') ?? '');
		if (isLocale(locale))
			cookies.set(cookieName, locale, {
				path: '/',
				maxAge: cookieMaxAge,
				httpOnly: false,
				sameSite: 'lax',
				secure: false
			});
		redirect(303, safeNext(String(form.get('next') ?? '')) ?? '/');
	}
} satisfies Actions;
